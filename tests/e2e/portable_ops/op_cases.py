"""One small chain of YAML revisions per portable operation (INTERFACE.md, "A
YAML revision: portable operations"): the data both the catalog tests
(test_*_ops.py) and the offline golden files (test_offline_sql.py) run. A
revision without `downgrade` relies on the derived one."""

from __future__ import annotations

from dataclasses import dataclass

BOTH = ("sqlite", "postgresql")


@dataclass(frozen=True)
class Case:
    revisions: tuple
    kinds: tuple = BOTH


def col(name, type_, **keys) -> dict:
    return {"name": name, "type": type_, **keys}


def table(name, *columns, **keys) -> dict:
    return {"create_table": {"name": name, "columns": list(columns), **keys}}


ORGS = table("orgs", col("id", "bigint", primary_key=True, autoincrement=True),
             col("name", "varchar(100)", nullable=False))
# A parent with rows and children pointing at it (ON DELETE CASCADE): what a
# SQLite rebuild of either table must carry over.
FAMILY = {"upgrade": [
    ORGS,
    table("members", col("id", "integer", primary_key=True),
          col("org_id", "bigint", nullable=False,
              references={"table": "orgs", "column": "id", "ondelete": "CASCADE"}),
          col("nick", "varchar(20)", server_default="anon"),
          col("score", "integer"),
          checks=[{"name": "ck_members_score", "condition": "score >= 0"}]),
    {"create_index": {"name": "ix_members_nick_lower", "table": "members",
                      "columns": [{"expr": "lower(nick)"}], "where": "score > 0"}},
]}
FAMILY_ROWS = {"upgrade": [
    {"bulk_insert": {"table": "orgs", "rows": [{"id": 1, "name": "acme"}, {"id": 2, "name": "umbrella"}]}},
    {"bulk_insert": {"table": "members", "rows": [
        {"id": 10, "org_id": 1, "nick": "ann", "score": 3},
        {"id": 11, "org_id": 1, "nick": "bob", "score": 0},
        {"id": 12, "org_id": 2, "nick": None, "score": 7}]}},
], "downgrade": [{"execute": "DELETE FROM members"}, {"execute": "DELETE FROM orgs"}]}


def family(*steps, downgrade=None) -> tuple:
    last = {"upgrade": list(steps)}
    if downgrade is not None:
        last["downgrade"] = downgrade
    return (FAMILY, FAMILY_ROWS, last)


ACCOUNTS = table(
    "accounts",
    col("id", "bigint", primary_key=True, autoincrement=True),
    col("email", "varchar(255)", nullable=False, comment="where we write"),
    col("handle", "varchar(40)", unique=True),
    col("plan", "varchar(20)", nullable=False, server_default="free"),
    col("active", "boolean", nullable=False, server_default=True),
    col("created_at", "timestamp", nullable=False, server_default={"expr": "current_timestamp"}),
    col("org_id", "bigint", references={"table": "orgs", "column": "id", "ondelete": "CASCADE",
                                        "onupdate": "SET NULL"}),
    col("billing_org", "bigint", references={"table": "orgs", "column": "id", "name": "fk_accounts_billing"}),
    unique=[{"name": "uq_accounts_email", "columns": ["email"]}],
    checks=[{"name": "ck_accounts_plan", "condition": "plan IN ('free', 'pro')"},
            {"condition": "length(email) > 3"}],
    comment="who signs in")
MEMBERSHIPS = table(
    "memberships", col("account_id", "bigint", nullable=False), col("org_id", "bigint", nullable=False),
    primary_key={"name": "pk_memberships", "columns": ["account_id", "org_id"]},
    foreign_keys=[{"columns": ["account_id"], "references": {"table": "accounts", "columns": ["id"]},
                   "ondelete": "CASCADE", "onupdate": "CASCADE"},
                  {"name": "fk_memberships_org", "columns": ["org_id"],
                   "references": {"table": "orgs", "columns": ["id"]}, "ondelete": "RESTRICT"}])

T = table("things", col("id", "integer", primary_key=True), col("name", "varchar(50)"),
          col("amount", "integer"), col("note", "text", server_default="n/a", comment="free text"))
THINGS = {"upgrade": [T]}

TYPES = ["smallint", "integer", "bigint", "boolean", "text", "varchar(12)", "char(3)", "numeric(10,2)",
         "real", "double", "date", "time", "timestamp", "timestamptz", "json", "uuid", "binary"]

CASES = {
    "create_table": Case(({"upgrade": [ORGS, ACCOUNTS, MEMBERSHIPS]},)),
    "create_table_types": Case(({"upgrade": [table(
        "typed", col("id", "integer", primary_key=True),
        *[col(f"c_{t.split('(')[0]}", t) for t in TYPES],
        col("c_dialect", {"postgresql": "inet", "sqlite": "text"}),
        col("c_raw", "money"))]},)),
    "drop_table": Case((THINGS, {"upgrade": [{"drop_table": {"name": "things"}}]})),
    "rename_table": Case(family({"rename_table": {"table": "orgs", "new_name": "companies"}})),
    "add_column": Case((THINGS, {"upgrade": [
        {"add_column": {"table": "things", "column": col("size", "integer", nullable=False,
                                                          server_default=0, comment="how big")}},
        {"add_column": {"table": "things", "column": col("label", "varchar(10)")}}]})),
    "add_column_references": Case(family({"add_column": {"table": "members", "column": col(
        "mentor_org", "bigint", references={"table": "orgs", "column": "id", "ondelete": "SET NULL"})}})),
    "drop_column": Case((THINGS, {"upgrade": [{"drop_column": {"table": "things", "column": "note"}}]})),
    # The column's foreign key goes with it. Its derived downgrade would put
    # org_id back NOT NULL, which rows without a value cannot take (on either
    # dialect, as in Alembic), so this revision writes the downgrade a user
    # would: add it nullable, fill it, then require it.
    "drop_column_rebuild": Case(family(
        {"drop_column": {"table": "members", "column": "org_id"}},
        downgrade=[{"add_column": {"table": "members", "column": col(
                        "org_id", "bigint",
                        references={"table": "orgs", "column": "id", "ondelete": "CASCADE"})}},
                   {"execute": "UPDATE members SET org_id = 1"},
                   {"alter_column": {"table": "members", "column": "org_id", "nullable": False}}])),
    "alter_column_type": Case(family({"alter_column": {"table": "members", "column": "score",
                                                       "type": "bigint"}})),
    "alter_column_nullable": Case(family({"alter_column": {"table": "members", "column": "score",
                                                           "nullable": False}})),
    "alter_column_default": Case(family(
        {"alter_column": {"table": "members", "column": "nick", "server_default": None}},
        {"alter_column": {"table": "members", "column": "score", "server_default": 5}})),
    "alter_column_rename": Case(family({"alter_column": {"table": "members", "column": "nick",
                                                         "new_column_name": "handle"}})),
    "alter_column_comment": Case((THINGS, {"upgrade": [
        {"alter_column": {"table": "things", "column": "name", "comment": "what it is"}},
        {"alter_column": {"table": "things", "column": "note", "comment": ""}}]})),
    "alter_column_using": Case((THINGS, {"upgrade": [{"bulk_insert": {"table": "things", "rows": [
                                             {"id": 1, "name": "42"}]}}],
                                         "downgrade": [{"execute": "DELETE FROM things"}]},
                                {"upgrade": [{"alter_column": {
                                    "table": "things", "column": "name", "type": "integer",
                                    "postgresql_using": "name::integer"}}]}), kinds=("postgresql",)),
    # integer and boolean cast only explicitly, either way: the derived
    # downgrade must cast back with USING too.
    "alter_column_using_both_ways": Case((
        {"upgrade": [table("flags", col("id", "integer", primary_key=True), col("active", "integer"))]},
        {"upgrade": [{"bulk_insert": {"table": "flags", "rows": [{"id": 1, "active": 1},
                                                                 {"id": 2, "active": 0}]}}],
         "downgrade": [{"execute": "DELETE FROM flags"}]},
        {"upgrade": [{"alter_column": {"table": "flags", "column": "active", "type": "boolean",
                                       "postgresql_using": "active <> 0"}}]}), kinds=("postgresql",)),
    "create_index": Case((THINGS, {"upgrade": [
        {"create_index": {"table": "things", "columns": ["name"]}},
        {"create_index": {"name": "ix_things_amount_pos", "table": "things", "columns": ["amount", "id"],
                          "unique": True, "where": "amount > 0"}},
        {"create_index": {"name": "ix_things_lower", "table": "things",
                          "columns": [{"expr": "lower(name)"}]}}]})),
    "drop_index": Case(family({"drop_index": {"name": "ix_members_nick_lower", "table": "members"}})),
    # A rebuild after the drop, in the same revision: on SQLite it must not
    # put the index back from the catalog read as the run began.
    "drop_index_then_rebuild": Case(family(
        {"drop_index": {"name": "ix_members_nick_lower", "table": "members"}},
        {"alter_column": {"table": "members", "column": "score", "nullable": False}})),
    "create_primary_key": Case(({"upgrade": [table("bare", col("code", "varchar(8)", nullable=False),
                                                   col("v", "integer"))]},
                                {"upgrade": [{"bulk_insert": {"table": "bare", "rows": [{"code": "a", "v": 1}]}}],
                                 "downgrade": [{"execute": "DELETE FROM bare"}]},
                                {"upgrade": [{"create_primary_key": {"table": "bare", "columns": ["code"]}}]})),
    "create_unique_constraint": Case(family({"create_unique_constraint": {
        "table": "members", "columns": ["org_id", "nick"]}})),
    "create_foreign_key": Case(family(
        {"add_column": {"table": "orgs", "column": col("owner_id", "integer")}},
        {"create_foreign_key": {"table": "orgs", "columns": ["owner_id"],
                                "references": {"table": "members", "columns": ["id"]},
                                "ondelete": "SET NULL", "onupdate": "CASCADE"}})),
    "create_check_constraint": Case(family(
        {"create_check_constraint": {"table": "members", "condition": "id < 1000000"}},
        {"create_check_constraint": {"name": "ck_members_nick_len", "table": "members",
                                     "condition": "length(nick) < 20"}})),
    "execute": Case(({"upgrade": [{"execute": "CREATE TABLE raw_t (id INTEGER PRIMARY KEY, v TEXT)"},
                                  {"execute": {"sql": "INSERT INTO raw_t (id, v) VALUES (1, 'any')",
                                               "postgresql": "INSERT INTO raw_t (id, v) VALUES (1, 'pg')",
                                               "sqlite": "INSERT INTO raw_t (id, v) VALUES (1, 'lite')"}}],
                      "downgrade": [{"execute": "DROP TABLE raw_t"}]},)),
    "bulk_insert": Case(family({"bulk_insert": {"table": "orgs", "rows": [
        {"id": 3, "name": "it's"}, {"id": 4, "name": "fourth"}]}},
        downgrade=[{"execute": "DELETE FROM orgs WHERE id > 2"}])),
    "enum": Case(({"upgrade": [table("moods", col("id", "integer", primary_key=True),
                                     col("mood", {"enum": "mood", "values": ["happy", "sad"]},
                                         nullable=False, server_default="happy"))]},)),
    "server_defaults": Case(({"upgrade": [table(
        "defaults", col("id", "integer", primary_key=True),
        col("s", "varchar(20)", server_default="it's"), col("n", "integer", server_default=42),
        col("f", "numeric(5,2)", server_default=1.5), col("b", "boolean", server_default=False),
        col("ts", "timestamp", server_default={"expr": "current_timestamp"}),
        col("d", "date", server_default={"expr": "current_date"}),
        col("x", "varchar(20)", server_default={"sql": "'a' || 'b'"}),
        col("y", "varchar(20)", server_default={"sql": "'any'", "postgresql": "upper('pg')",
                                               "sqlite": "'lite'"}))]},)),
}

for _kind in ("primary", "unique", "foreignkey", "check"):
    _name = {"primary": "pk_members", "unique": "uq_members_org_id_nick",
             "foreignkey": "fk_members_org_id_orgs", "check": "ck_members_score"}[_kind]
    _steps = [{"drop_constraint": {"name": _name, "table": "members", "type": _kind}}]
    _setup = []
    if _kind == "unique":
        _setup = [{"create_unique_constraint": {"name": _name, "table": "members",
                                                "columns": ["org_id", "nick"]}}]
    CASES[f"drop_constraint_{_kind}"] = Case(family(*_setup) + ({"upgrade": _steps},)
                                             if _setup else family(*_steps))
