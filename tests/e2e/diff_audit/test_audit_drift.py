"""`fleet audit`'s drift against what each target's revisions build: three
targets at the same revision, one with a column added by hand and one with an
index dropped. Compared with its peers alone, the first target would stand as
the reference (three distinct schemas, a tie) and the wrong two would be
blamed; replayed, the audit names exactly the two that were changed, on
SQLite files and on PostgreSQL databases (dev_url from fleet.yaml)."""

from __future__ import annotations

import json
import textwrap

import pytest

from fleet_cli import (Scripts, SqliteDb, assert_no_scratch_left, fails, ok, pg_admin_url,
                       scratch_databases)

R1, R2 = "4d2c1b0a9e8f", "7e6d5c4b3a21"


@pytest.fixture(params=["sqlite", "postgresql"])
def three(request, fleet, tmp_path):
    """Targets prod/a, prod/b, prod/c at head, and a way to run fleet on them."""
    kind = request.param
    scripts = Scripts(tmp_path / "migrations")
    scripts.sql(R1, None, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, "
                "email VARCHAR(255) NOT NULL);\nCREATE INDEX ix_accounts_email ON accounts (email);",
                "DROP TABLE accounts;", message="accounts")
    scripts.sql(R2, R1, "CREATE TABLE orders (id INTEGER PRIMARY KEY, "
                "account_id INTEGER REFERENCES accounts (id));", "DROP TABLE orders;",
                message="orders")
    if kind == "sqlite":
        dbs = {n: SqliteDb(tmp_path / f"{n}.db") for n in "abc"}
        extra = ""
    else:
        pg = request.getfixturevalue("pg")
        dbs = {n: pg.create() for n in "abc"}
        extra = f"dev_url: {pg_admin_url()}\n"
    entries = "".join(f"      - name: {n}\n        url: {db.url}\n" for n, db in dbs.items())
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent("""\
        script_location: migrations
        exclude: ["tmp_*"]
        """) + extra + "environments:\n  prod:\n    databases:\n" + entries)

    def run(*args):
        return fleet("-c", "fleet.yaml", *args, cwd=tmp_path)

    ok(run("upgrade", "head"))
    return kind, dbs, run


def test_audit_names_exactly_the_targets_changed_by_hand(three):
    kind, dbs, run = three
    before = scratch_databases() if kind == "postgresql" else set()
    dbs["a"].execute("ALTER TABLE accounts ADD COLUMN nickname VARCHAR(50)")
    dbs["b"].execute("DROP INDEX ix_accounts_email")
    # A table the inventory's exclude pattern leaves out is no drift.
    dbs["c"].execute("CREATE TABLE tmp_import (id INTEGER)")

    res = fails(run("audit", "--format", "json"), 3)
    doc = json.loads(res.out)
    assert [(d["target"], d["against"]) for d in doc["drift"]] == [
        ("prod/a", "revisions"), ("prod/b", "revisions")], res
    assert [(x["object"], x["name"], x["change"]) for x in doc["drift"][0]["differences"]] == [
        ("column", "nickname", "only_right")]
    assert [(x["object"], x["name"], x["change"]) for x in doc["drift"][1]["differences"]] == [
        ("index", "ix_accounts_email", "only_left")]
    assert all(t["schema_replayed"] for t in doc["targets"]), doc["targets"]
    assert doc["summary"]["drifted"] == 2

    table = fails(run("audit"), 3)
    assert f"prod/a differs from what its revisions build (at {R2}, replayed): + column " \
           "accounts.nickname" in table.out, table
    assert f"prod/b differs from what its revisions build (at {R2}, replayed): - index " \
           "ix_accounts_email" in table.out, table
    assert "prod/c differs" not in table.out and "peers only" not in table.out, table
    if kind == "postgresql":
        assert_no_scratch_left(before)


@pytest.mark.parametrize("three", ["postgresql"], indirect=True)
def test_without_dev_url_postgresql_targets_fall_back_to_their_peers(three, tmp_path):
    _, dbs, run = three
    inventory = tmp_path / "fleet.yaml"
    inventory.write_text("\n".join(line for line in inventory.read_text().splitlines()
                                   if not line.startswith("dev_url:")) + "\n")
    dbs["b"].execute("ALTER TABLE accounts ADD COLUMN nickname VARCHAR(50)")
    res = fails(run("audit"), 3)
    assert "prod/b differs from prod/a (at" in res.out, res
    assert "compared with their peers only (no dev_url for postgresql): prod/a, prod/b, prod/c" \
        in res.out, res
