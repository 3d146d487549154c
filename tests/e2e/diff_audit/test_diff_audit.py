"""`fleet diff` and `fleet audit` end to end: dev (one SQLite file), staging
(SQLite files) and production (a PostgreSQL database plus tenant schemas in
one shared PostgreSQL database), migrated by fleet itself, then changed by
hand the way drift happens: a manual ALTER TABLE / CREATE INDEX, a revision
file edited after it ran. The tables are compared with golden files
(golden/*, each opening with '#' lines saying what it shows); temporary
paths, times and the test server's address are normalised first."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from fleet_cli import Scripts, SqliteDb, fails, ok
from fleet_golden import check_golden, normalise

GOLDEN = Path(__file__).parent / "golden"

R1, R2, R3 = "1a2b3c4d5e6f", "3f2a1c9e7b10", "9c8b7a6d5e4f"
TENANTS = ["acme", "globex", "initech"]

INVENTORY = textwrap.dedent("""\
    script_location: migrations
    environments:
      dev:
        databases:
          - name: app
            url: sqlite:///dev/app.db
      staging:
        databases:
          - name: core
            url: sqlite:///staging/core.db
          - name: tenant-{t}
            url: sqlite:///staging/{t}.db
            for_each: {t: [acme, globex]}
      production:
        databases:
          - name: core
            url: ${PRODUCTION_CORE_URL}
          - name: t-{slug}
            url: ${TENANTS_URL}
            schema: t_{slug}
            version_table_schema: t_{slug}
            for_each: {slug: [acme, globex, initech]}
    """)

UNREACHABLE = """\
      - name: down
        url: postgresql://fleet:hunter2-secret@127.0.0.1:1/nowhere
"""


class Fleet3:
    """Every target at the head, migrated by fleet."""

    def __init__(self, fleet, pg, root: Path):
        self.fleet, self.root = fleet, root
        self.scripts = Scripts(root / "migrations")
        self.scripts.sql(R1, None, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, "
                         "email VARCHAR(255) NOT NULL);", "DROP TABLE accounts;",
                         message="create accounts", filename=f"{R1}_create_accounts.sql")
        self.scripts.sql(R2, R1, "CREATE INDEX ix_accounts_email ON accounts (email);",
                         "DROP INDEX ix_accounts_email;", message="index email",
                         filename=f"{R2}_index_email.sql")
        self.scripts.sql(R3, R2, "CREATE TABLE orders (id INTEGER PRIMARY KEY, "
                         "account_id INTEGER REFERENCES accounts (id));", "DROP TABLE orders;",
                         message="create orders", filename=f"{R3}_create_orders.sql")
        for folder in ("dev", "staging"):
            (root / folder).mkdir()
        self.core = pg.create()
        self.tenants = pg.create()
        for slug in TENANTS:
            self.tenants.execute(f"CREATE SCHEMA t_{slug}")
        self.labels = {self.core.name: "production_core", self.tenants.name: "tenants"}
        self.env = {"PRODUCTION_CORE_URL": self.core.url, "TENANTS_URL": self.tenants.url}
        (root / "fleet.yaml").write_text(INVENTORY)
        (root / "fleet-down.yaml").write_text(INVENTORY + UNREACHABLE)
        fleet.secrets.add("hunter2-secret")
        for env in ("dev", "staging", "production"):
            ok(self.run("upgrade", "head", "--env", env))

    def run(self, *args, config: str = "fleet.yaml"):
        return self.fleet("-c", config, *args, cwd=self.root, env=self.env)

    def sqlite(self, relative: str) -> SqliteDb:
        return SqliteDb(self.root / relative)

    def tenant_sql(self, slug: str, sql: str):
        self.tenants.execute(f"SET search_path TO t_{slug}; {sql}; RESET search_path")

    def normalise(self, text: str) -> str:
        return normalise(text, self.root, self.labels, times=True)


@pytest.fixture
def fleet3(fleet, pg, tmp_path) -> Fleet3:
    return Fleet3(fleet, pg, tmp_path)


# ---- fleet diff ---------------------------------------------------------------------------

@pytest.mark.parametrize("left,right", [("staging/core", "staging/tenant-acme"),
                                        ("production/t-acme", "production/t-globex"),
                                        ("dev/app", "staging/core"),
                                        ("app", "staging/tenant-globex")])
def test_diff_of_two_equal_targets_finds_nothing(fleet3, left, right):
    res = ok(fleet3.run("diff", left, right))
    assert "no schema differences" in res.out
    assert res.err == ""


def test_diff_names_a_manual_column_and_index_on_sqlite(fleet3):
    fleet3.sqlite("staging/acme.db").execute(
        "ALTER TABLE accounts ADD COLUMN nickname VARCHAR(50); "
        "CREATE INDEX ix_accounts_nickname ON accounts (nickname);")
    res = fails(fleet3.run("diff", "staging/core", "staging/tenant-acme"), 3)
    assert "+ column accounts.nickname varchar(50): only in staging/tenant-acme" in res.out
    assert "+ index ix_accounts_nickname on accounts (nickname): only in staging/tenant-acme" in res.out
    check_golden(GOLDEN / "diff_targets.txt", fleet3.normalise(res.out))
    # From the other side the same lines say '-', naming the same side.
    back = fails(fleet3.run("diff", "staging/tenant-acme", "staging/core"), 3)
    assert "- column accounts.nickname varchar(50): only in staging/tenant-acme" in back.out


def test_diff_names_a_manual_column_and_index_in_a_tenant_schema(fleet3):
    fleet3.tenant_sql("globex", "ALTER TABLE accounts ADD COLUMN nickname VARCHAR(50) NOT NULL DEFAULT 'x'; "
                                "CREATE UNIQUE INDEX ix_accounts_nickname ON accounts (nickname)")
    res = fails(fleet3.run("diff", "production/t-acme", "production/t-globex"), 3)
    assert ("+ column accounts.nickname character varying(50) NOT NULL DEFAULT 'x'::character varying: "
            "only in production/t-globex") in res.out
    assert "+ index ix_accounts_nickname on accounts (nickname) UNIQUE: only in production/t-globex" in res.out
    # Nothing was changed by reading: the other tenants are still equal.
    ok(fleet3.run("diff", "production/t-acme", "production/t-initech"))


def test_diff_json_has_the_documented_keys(fleet3):
    fleet3.sqlite("staging/globex.db").execute("ALTER TABLE accounts ADD COLUMN nickname VARCHAR(50);")
    res = fails(fleet3.run("diff", "staging/core", "staging/tenant-globex", "--format", "json"), 3)
    doc = json.loads(res.out)
    assert doc["version"] == 1 and doc["exit_code"] == 3 and doc["compared"] is True
    assert doc["left"]["name"] == "staging/core" and doc["left"]["kind"] == "target"
    assert doc["right"]["targets"][0]["url"].startswith("sqlite:///")
    assert doc["differences"] == [{
        "change": "only_right", "sign": "+", "object": "column", "table": "accounts", "name": "nickname",
        "left": None, "right": "varchar(50)",
        "description": "column accounts.nickname varchar(50): only in staging/tenant-globex"}]
    assert doc["drift"] == []


def test_diff_of_environments_groups_schemas_and_names_drift(fleet3):
    ok(fleet3.run("diff", "dev", "staging"))
    fleet3.tenant_sql("initech", "ALTER TABLE accounts ADD COLUMN nickname VARCHAR(50)")
    res = fails(fleet3.run("diff", "staging", "production"), 3)
    check_golden(GOLDEN / "diff_environments.txt", fleet3.normalise(res.out))
    assert "production: 4 targets, 2 distinct schemas (drift)" in res.out
    assert "production/t-initech differs from production/core" in res.out
    doc = json.loads(fails(fleet3.run("diff", "staging", "production", "--format", "json"), 3).out)
    assert [s["count"] for s in doc["right"]["schemas"]] == [3, 1]
    assert doc["right"]["schemas"][1]["targets"] == ["production/t-initech"]
    assert doc["drift"][0]["target"] == "production/t-initech"
    assert doc["drift"][0]["differences"][0]["name"] == "nickname"


def test_diff_of_a_fleet_with_one_schema_per_environment_finds_no_drift(fleet3):
    res = ok(fleet3.run("diff", "dev", "staging"))
    assert "staging: 3 targets, 1 distinct schema\n" in res.out
    assert "no drift inside an environment" in res.out


def test_diff_bad_names_are_usage_errors(fleet3):
    res = fails(fleet3.run("diff", "nosuch", "staging"), 2)
    assert "nosuch" in res.err
    res = fails(fleet3.run("diff", "core", "dev"), 2)  # staging/core and production/core
    assert "matches 2 databases" in res.err
    fails(fleet3.run("diff", "staging"), 2)
    fails(fleet3.run("diff", "dev", "staging", "--format", "yaml"), 2)
    res = fails(fleet3.run("diff", "dev", "staging", "--env", "dev"), 2)
    assert "do not apply" in res.err
    res = fails(fleet3.fleet("diff", "a", "b", "--url", fleet3.sqlite("dev/app.db").url, cwd=fleet3.root), 2)
    assert "inventory" in res.err
    assert res.out == ""


def test_diff_of_an_unreachable_target_exits_1_without_the_password(fleet3):
    res = fails(fleet3.run("diff", "production/down", "dev/app", config="fleet-down.yaml"), 1)
    assert "cannot read production/down" in res.out
    assert "hunter2-secret" not in res.both


def test_diff_creates_no_database(fleet3):
    inventory = INVENTORY.replace("for_each: {t: [acme, globex]}", "for_each: {t: [acme, globex, newco]}")
    (fleet3.root / "fleet-new.yaml").write_text(inventory)
    res = fails(fleet3.run("diff", "staging/core", "staging/tenant-newco", config="fleet-new.yaml"), 3)
    assert "- table accounts" in res.out
    assert not (fleet3.root / "staging/newco.db").exists()


# ---- fleet audit --------------------------------------------------------------------------

def test_audit_of_a_clean_fleet_exits_0(fleet3):
    res = ok(fleet3.run("audit"))
    check_golden(GOLDEN / "audit_clean.txt", fleet3.normalise(res.out))


def test_audit_names_a_script_edited_after_it_ran(fleet3):
    path = fleet3.scripts.versions / f"{R2}_index_email.sql"
    path.write_text(path.read_text().replace("(email);", "(email, id);"))
    res = fails(fleet3.run("audit", "--env", "dev"), 3)
    assert f"dev/app: edited after it ran: {R2} ({R2}_index_email.sql, ran " in res.out
    doc = json.loads(fails(fleet3.run("audit", "--format", "json"), 3).out)
    assert doc["summary"]["edited_scripts"] == 8  # every target ran it
    edited = doc["targets"][0]["edited_scripts"]
    assert [e["revision"] for e in edited] == [R2]
    assert edited[0]["file"].endswith(f"{R2}_index_email.sql")
    assert edited[0]["ran_checksum"] != edited[0]["file_checksum"]


def test_audit_names_a_drifted_tenant_and_its_column(fleet3):
    path = fleet3.scripts.versions / f"{R1}_create_accounts.sql"
    path.write_text(path.read_text() + "\n")
    fleet3.tenant_sql("globex", "ALTER TABLE accounts ADD COLUMN nickname VARCHAR(50)")
    res = fails(fleet3.run("audit"), 3)
    check_golden(GOLDEN / "audit_findings.txt", fleet3.normalise(res.out))
    assert "production/t-globex differs from production/core" in res.out
    assert "accounts.nickname" in res.out


def test_audit_json_says_no_history_for_a_database_fleet_never_ran(fleet3):
    # What Alembic leaves: the version table, no fleet_history.
    fleet3.sqlite("dev/app.db").execute("DROP TABLE fleet_history;")
    res = ok(fleet3.run("audit", "--format", "json"))
    doc = json.loads(res.out)
    assert doc["version"] == 1 and doc["exit_code"] == 0
    by_name = {f'{t["environment"]}/{t["database"]}': t for t in doc["targets"]}
    assert by_name["dev/app"]["history"] == "no_history"
    assert by_name["staging/core"]["history"] == "present"
    assert doc["summary"] == {"targets": 8, "unhealthy": 0, "unreadable": 0, "edited_scripts": 0,
                              "drifted": 0, "no_history": 1}
    assert doc["status"]["summary"]["targets"] == 8
    assert doc["drift"] == []


def test_audit_of_an_unreachable_target_exits_1_without_the_password(fleet3):
    res = fails(fleet3.run("audit", config="fleet-down.yaml"), 1)
    assert "unreachable" in res.out
    assert "hunter2-secret" not in res.both


def test_audit_creates_nothing(fleet3):
    before = fleet3.sqlite("staging/core.db").tables()
    ok(fleet3.run("audit"))
    assert fleet3.sqlite("staging/core.db").tables() == before
    assert not (fleet3.root / "dev/other.db").exists()
