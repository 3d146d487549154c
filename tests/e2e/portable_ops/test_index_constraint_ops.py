"""create_index (convention name, unique, partial, expression), drop_index,
create_primary_key, create_unique_constraint, create_foreign_key (with its
actions), create_check_constraint and drop_constraint of each type, on both
dialects; on SQLite the ones that rebuild keep rows and foreign keys."""

from __future__ import annotations

import pytest

import catalog
from catalog import column
from expect import constraint_names, fk, pk_columns

MEMBERS = [(10, 1, "ann", 3), (11, 1, "bob", 0), (12, 2, None, 7)]


def test_create_index_named_unique_partial_and_on_an_expression(run_case, kind):
    cat, db = run_case("create_index")
    ix = cat["tables"]["things"]["indexes"]
    assert set(ix) == {"ix_things_name", "ix_things_amount_pos", "ix_things_lower"}, ix
    assert (ix["ix_things_name"]["columns"], ix["ix_things_name"]["unique"]) == (["name"], False)
    pos = ix["ix_things_amount_pos"]
    assert (pos["columns"], pos["unique"]) == (["amount", "id"], True)
    assert "amount > 0" in pos["where"]
    assert "lower(" in ix["ix_things_lower"]["sql"]
    assert ix["ix_things_lower"]["columns"][0] in ("<expr>", "lower(name::text)")


def test_drop_index_is_reversed_with_its_expression_and_where(run_case):
    cat, db = run_case("drop_index")
    assert cat["tables"]["members"]["indexes"] == {}


def test_a_dropped_index_stays_dropped_through_a_later_rebuild(run_case):
    cat, db = run_case("drop_index_then_rebuild")
    assert cat["tables"]["members"]["indexes"] == {}
    assert column(cat, "members", "score")["nullable"] is False


def test_create_primary_key_keeps_the_rows(run_case):
    cat, db = run_case("create_primary_key")
    assert cat["tables"]["bare"]["primary_key"] == {"name": "pk_bare", "columns": ["code"]}
    assert catalog.rows(db, "bare") == [("a", 1)]


def test_create_unique_constraint(run_case):
    cat, db = run_case("create_unique_constraint")
    assert cat["tables"]["members"]["unique"]["uq_members_org_id"] == ["org_id", "nick"]
    assert catalog.rows(db, "members") == MEMBERS


def test_create_foreign_key_with_its_actions(run_case):
    cat, db = run_case("create_foreign_key")
    key = fk(cat, "orgs", ["owner_id"])
    assert (key["name"], key["referred_table"], key["referred_columns"], key["ondelete"],
            key["onupdate"]) == ("fk_orgs_owner_id_members", "members", ["id"], "SET NULL", "CASCADE")
    assert catalog.rows(db, "members") == MEMBERS
    assert fk(cat, "members", ["org_id"])["ondelete"] == "CASCADE"


def test_create_check_constraint_named_and_by_convention(run_case):
    cat, db = run_case("create_check_constraint")
    checks = cat["tables"]["members"]["checks"]
    assert {"ck_members_score", "ck_members_id", "ck_members_nick_len"} <= set(checks), checks
    assert "1000000" in checks["ck_members_id"]
    assert catalog.rows(db, "members") == MEMBERS


@pytest.mark.parametrize("ctype,name", [("primary", "pk_members"), ("unique", "uq_members_org_id_nick"),
                                        ("foreignkey", "fk_members_org_id_orgs"),
                                        ("check", "ck_members_score")])
def test_drop_constraint_of_each_type_is_reversed(run_case, kind, ctype, name):
    cat, db = run_case(f"drop_constraint_{ctype}")
    assert name not in constraint_names(cat, "members"), catalog.show(cat["tables"]["members"])
    if ctype == "primary":
        assert pk_columns(cat, "members") == []
    if ctype == "foreignkey":
        assert cat["tables"]["members"]["foreign_keys"] == []
    assert catalog.rows(db, "members") == MEMBERS
