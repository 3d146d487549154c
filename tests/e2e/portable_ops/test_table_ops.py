"""create_table (every column and table key), drop_table, rename_table,
`{enum: ...}` types and the server_default spellings, on both dialects: the
catalog shows what the operation asked for, and every revision reverses to
the catalog before it (op_run.round_trip)."""

from __future__ import annotations


import catalog
from catalog import column, column_names
from expect import affinity, constraint_names, default, fk, pk_columns


def test_create_table_with_every_column_and_table_key(run_case, kind):
    cat, db = run_case("create_table")
    assert set(cat["tables"]) == {"orgs", "accounts", "memberships"}, catalog.show(cat)
    acc = cat["tables"]["accounts"]
    assert column_names(cat, "accounts") == ["id", "email", "handle", "plan", "active", "created_at",
                                              "org_id", "billing_org"]
    assert pk_columns(cat, "accounts") == ["id"]
    assert column(cat, "accounts", "email")["nullable"] is False
    assert column(cat, "accounts", "handle")["nullable"] is True
    assert default(column(cat, "accounts", "plan")) == "'free'"
    assert default(column(cat, "accounts", "active")) in ("true", "1", "TRUE", "'1'")
    assert default(column(cat, "accounts", "created_at")).upper() == "CURRENT_TIMESTAMP"
    assert {"uq_accounts_email", "uq_accounts_handle", "ck_accounts_plan", "ck_accounts_email",
            "fk_accounts_org_id_orgs"} <= constraint_names(cat, "accounts"), catalog.show(acc)
    assert acc["unique"]["uq_accounts_email"] == ["email"]
    org = fk(cat, "accounts", ["org_id"])
    assert (org["name"], org["referred_table"], org["referred_columns"], org["ondelete"],
            org["onupdate"]) == ("fk_accounts_org_id_orgs", "orgs", ["id"], "CASCADE", "SET NULL")
    billing = fk(cat, "accounts", ["billing_org"])
    assert (billing["name"], billing["ondelete"]) == ("fk_accounts_billing", "NO ACTION")
    mem = cat["tables"]["memberships"]
    assert mem["primary_key"]["columns"] == ["account_id", "org_id"]
    assert mem["primary_key"]["name"] == "pk_memberships"
    acc_fk = fk(cat, "memberships", ["account_id"])
    assert (acc_fk["name"], acc_fk["ondelete"], acc_fk["onupdate"]) == \
        ("fk_memberships_account_id_accounts", "CASCADE", "CASCADE")
    assert fk(cat, "memberships", ["org_id"])["name"] == "fk_memberships_org"
    assert fk(cat, "memberships", ["org_id"])["ondelete"] == "RESTRICT"
    if kind == "postgresql":
        assert column(cat, "accounts", "id")["identity"] in ("a", "d")
        assert column(cat, "accounts", "email")["type"] == "character varying(255)"
        assert column(cat, "accounts", "email")["comment"] == "where we write"
        assert acc["comment"] == "who signs in"
        assert acc["primary_key"]["name"] == "pk_accounts"
    else:
        assert column(cat, "orgs", "id")["type"].upper() == "INTEGER", "INTEGER PRIMARY KEY: the rowid"


PG_TYPES = {"c_smallint": "smallint", "c_integer": "integer", "c_bigint": "bigint",
            "c_boolean": "boolean", "c_text": "text", "c_varchar": "character varying(12)",
            "c_char": "character(3)", "c_numeric": "numeric(10,2)", "c_real": "real",
            "c_double": "double precision", "c_date": "date", "c_time": "time without time zone",
            "c_timestamp": "timestamp without time zone",
            "c_timestamptz": "timestamp with time zone", "c_json": "json", "c_uuid": "uuid",
            "c_binary": "bytea", "c_dialect": "inet", "c_raw": "money"}
SQLITE_AFFINITY = {"c_smallint": "INTEGER", "c_integer": "INTEGER", "c_bigint": "INTEGER",
                   "c_text": "TEXT", "c_varchar": "TEXT", "c_char": "TEXT", "c_real": "REAL",
                   "c_double": "REAL", "c_dialect": "TEXT", "c_binary": "BLOB"}


def test_every_portable_type_renders_for_the_dialect(run_case, kind):
    cat, db = run_case("create_table_types")
    types = {c["name"]: c["type"] for c in cat["tables"]["typed"]["columns"]}
    if kind == "postgresql":
        assert {k: types[k] for k in PG_TYPES} == PG_TYPES
    else:
        assert {k: affinity(types[k]) for k in SQLITE_AFFINITY} == SQLITE_AFFINITY, types


def test_drop_table_is_reversed_from_the_replayed_schema(run_case):
    cat, db = run_case("drop_table")
    assert "things" not in cat["tables"]


def test_rename_table_keeps_rows_and_the_foreign_keys_into_it(run_case):
    cat, db = run_case("rename_table")
    assert "orgs" not in cat["tables"] and "companies" in cat["tables"]
    assert fk(cat, "members", ["org_id"])["referred_table"] == "companies"
    assert catalog.rows(db, "companies") == [(1, "acme"), (2, "umbrella")]


def test_an_enum_type_is_made_and_dropped_with_its_column(run_case, kind):
    cat, db = run_case("enum")
    mood = column(cat, "moods", "mood")
    if kind == "postgresql":
        assert cat["enums"] == {"mood": ["happy", "sad"]}
        assert mood["type"] == "mood"
    else:
        assert any("happy" in c and "sad" in c for c in cat["tables"]["moods"]["checks"].values()), \
            catalog.show(cat)
    assert default(mood) == "'happy'"
    # round_trip compared downgrade base with the empty catalog: the type went too.


def test_every_server_default_spelling(run_case, kind):
    cat, db = run_case("server_defaults")
    got = {c["name"]: default(c) for c in cat["tables"]["defaults"]["columns"]}
    assert got["s"] == "'it''s'"
    assert got["n"] == "42"
    assert got["f"] == "1.5"
    assert got["b"] in ("false", "0", "FALSE", "'0'")
    assert got["ts"].upper() == "CURRENT_TIMESTAMP"
    assert got["d"].upper() == "CURRENT_DATE"
    assert got["x"].replace(" ", "") == "'a'||'b'"
    assert got["y"] == ("upper('pg')" if kind == "postgresql" else "'lite'")
    db.execute("INSERT INTO defaults (id) VALUES (1)")
    row = catalog.rows(db, "defaults")[0]
    assert row[1] == "it's" and row[2] == 42 and row[7] == "ab"
    assert row[8] == ("PG" if kind == "postgresql" else "lite")
