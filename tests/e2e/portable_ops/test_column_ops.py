"""add_column, drop_column and alter_column (type, nullable, server_default
set and dropped, new_column_name, comment; postgresql_using on PostgreSQL),
on both dialects. The FAMILY cases hold rows and a child table whose foreign
key cascades: on SQLite the changes that need a rebuild must keep them."""

from __future__ import annotations

import pytest

import catalog
from fleet_cli import ok
from yaml_revisions import rev_id
from catalog import column, column_names
from expect import affinity, default, fk

MEMBERS = [(10, 1, "ann", 3), (11, 1, "bob", 0), (12, 2, None, 7)]


def test_add_column_with_nullable_default_and_comment(run_case, kind):
    cat, db = run_case("add_column")
    assert column_names(cat, "things")[-2:] == ["size", "label"]
    size = column(cat, "things", "size")
    assert (size["nullable"], default(size)) == (False, "0")
    if kind == "postgresql":
        assert size["comment"] == "how big"
        assert column(cat, "things", "label")["type"] == "character varying(10)"


def test_add_column_with_a_foreign_key(run_case):
    cat, db = run_case("add_column_references")
    key = fk(cat, "members", ["mentor_org"])
    assert (key["name"], key["referred_table"], key["ondelete"]) == \
        ("fk_members_mentor_org_orgs", "orgs", "SET NULL")
    assert [r[:4] for r in catalog.rows(db, "members")] == MEMBERS


def test_drop_column_is_reversed_with_its_default_and_comment(run_case):
    cat, db = run_case("drop_column")
    assert column_names(cat, "things") == ["id", "name", "amount"]


def test_drop_column_with_a_foreign_key_keeps_the_rows(run_case):
    cat, db = run_case("drop_column_rebuild")
    assert "org_id" not in column_names(cat, "members")
    assert cat["tables"]["members"]["foreign_keys"] == []
    assert catalog.rows(db, "members") == [(10, "ann", 3), (11, "bob", 0), (12, None, 7)]


def test_alter_column_type_keeps_rows_and_the_child_key(run_case, kind):
    cat, db = run_case("alter_column_type")
    score = column(cat, "members", "score")
    assert score["type"] == "bigint" if kind == "postgresql" else affinity(score["type"]) == "INTEGER"
    assert catalog.rows(db, "members") == MEMBERS
    assert fk(cat, "members", ["org_id"])["ondelete"] == "CASCADE"
    assert "ix_members_nick_lower" in cat["tables"]["members"]["indexes"]


def test_alter_column_nullable(run_case):
    cat, db = run_case("alter_column_nullable")
    assert column(cat, "members", "score")["nullable"] is False
    assert catalog.rows(db, "members") == MEMBERS


def test_alter_column_sets_and_drops_a_server_default(run_case):
    cat, db = run_case("alter_column_default")
    assert default(column(cat, "members", "nick")) is None
    assert default(column(cat, "members", "score")) == "5"
    assert catalog.rows(db, "members") == MEMBERS


def test_alter_column_renames_and_indexes_follow(run_case):
    cat, db = run_case("alter_column_rename")
    assert column_names(cat, "members") == ["id", "org_id", "handle", "score"]
    sql = cat["tables"]["members"]["indexes"]["ix_members_nick_lower"]["sql"]
    assert "handle" in sql and "nick)" not in sql, sql
    assert catalog.rows(db, "members") == MEMBERS


def test_alter_column_comment_set_and_dropped(run_case, kind):
    cat, db = run_case("alter_column_comment")
    if kind == "postgresql":
        assert column(cat, "things", "name")["comment"] == "what it is"
        assert column(cat, "things", "note")["comment"] is None
    else:
        assert column_names(cat, "things") == ["id", "name", "amount", "note"]


@pytest.mark.parametrize("kind", ["postgresql"])
def test_alter_column_type_with_postgresql_using(run_case):
    cat, db = run_case("alter_column_using")
    assert column(cat, "things", "name")["type"] == "integer"
    assert catalog.rows(db, "things") == [(1, 42, None, "n/a")]


@pytest.mark.parametrize("kind", ["postgresql"])
def test_a_postgresql_using_change_is_cast_back_by_its_derived_downgrade(run_case, fleet, tmp_path):
    cat, db = run_case("alter_column_using_both_ways")
    assert column(cat, "flags", "active")["type"] == "boolean"
    assert catalog.rows(db, "flags") == [(1, True), (2, False)]
    args = ["--url", db.url, "--script-location", str(tmp_path / "alter_column_using_both_ways")]
    down = ok(fleet("downgrade", f"{rev_id(3)}:{rev_id(2)}", "--sql", *args))
    assert "ALTER TABLE flags ALTER COLUMN active TYPE INTEGER USING active::INTEGER;" in down.out, down
    ok(fleet("downgrade", "-1", *args))
    assert catalog.rows(db, "flags") == [(1, 1), (2, 0)]
