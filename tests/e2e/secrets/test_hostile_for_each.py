"""for_each values that try SQL or path injection are rejected (exit 2, the
message naming file, line, key and value) before anything is created: no
file, no folder, no schema, no database. Values the rules allow but that are
hostile as identifiers (SQL reserved words, mixed case, '-' and '.', 63
bytes) land in exactly the schema or database their quoted name spells, and
nothing else appears; a name that PostgreSQL would truncate is rejected."""

from __future__ import annotations

import json
import shutil
import sqlite3
import textwrap
import uuid
from pathlib import Path

import psycopg2
import pytest

from fleet_cli import PgServer, Scripts
from secret_world import make_database

# Values that would escape a SQL statement, a URL or a path, and how the
# error shows them (printable ASCII as is, other bytes as \xNN).
HOSTILE = {
    "sql-drop": ("x'; DROP TABLE t; --", "x'; DROP TABLE t; --"),
    "double-quote": ('a"b', 'a"b'),
    "semicolon": ("a;b", "a;b"),
    "space": ("a b", "a b"),
    "comma-search-path": ("a,public", "a,public"),
    "dotdot-path": ("../../etc/passwd", "../../etc/passwd"),
    "slash": ("a/b", "a/b"),
    "absolute-path": ("/etc/passwd", "/etc/passwd"),
    "dotdot": ("..", ".."),
    "inner-dotdot": ("a..b", "a..b"),
    "leading-dash": ("-rf", "-rf"),
    "leading-dot": (".hidden", ".hidden"),
    "newline": ("a\nb", "a\\x0ab"),
    "nul": ("a\0b", "a\\x00b"),
    "tab": ("a\tb", "a\\x09b"),
    "escape": ("a\x1b[2Jb", "a\\x1b[2Jb"),
    "delete": ("a\x7fb", "a\\x7fb"),
    "non-ascii": ("caf\u00e9", "caf\\xc3\\xa9"),
    "shell": ("$(id)", "$(id)"),
    "percent": ("a%2Fb", "a%2Fb"),
    "question-mark": ("db?host=evil", "db?host=evil"),
    "at": ("u@evil", "u@evil"),
    "empty": ("", ""),
    "64-bytes": ("x" * 64, "x" * 64),
}


def yaml_string(value: str) -> str:
    """value as a double-quoted YAML scalar (JSON's escapes are YAML's)."""
    return json.dumps(value)


def schemas(db) -> set[str]:
    return {r[0] for r in db.query("SELECT nspname FROM pg_namespace")}


def databases(pg: PgServer) -> set[str]:
    """The server's databases whose names these tests' inventories could
    spell (db_..., d_...): other suites create and drop theirs meanwhile."""
    con = pg.admin()
    try:
        with con.cursor() as cur:
            cur.execute("SELECT datname FROM pg_database WHERE datname LIKE 'db\\_%' OR datname LIKE 'd\\_%'")
            return {r[0] for r in cur.fetchall()}
    finally:
        con.close()


def server(pg: PgServer) -> str:
    return pg.url_for("x")[: -len("/x")]


def listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def write_chain(root: Path) -> Scripts:
    scripts = Scripts(root / "migrations")
    scripts.sql("a1a1a1a1a1a1", None, "CREATE TABLE accounts (id INTEGER);", "DROP TABLE accounts;")
    return scripts


def check_rejected(res, value_shown: str, line: int, key: str = "t"):
    assert res.rc == 2, res
    assert f"fleet.yaml:{line}:" in res.err, f"the error does not name file and line {line}:\n{res}"
    assert f"for_each '{key}' value '{value_shown}' is not safe" in res.err, res


def test_a_hostile_for_each_value_is_rejected_before_anything_is_made(fleet, pg, tmp_path):
    """Each hostile value sits second in a list after a good one; it reaches
    a SQLite path, a PostgreSQL database name, a schema and a version table
    schema. fleet refuses the inventory at the value's line, for every
    command, and creates nothing for either value: no file, no folder, no
    schema, no database."""
    write_chain(tmp_path)
    db = pg.create()
    before = None
    for case, (value, shown) in sorted(HOSTILE.items()):
        (tmp_path / "fleet.yaml").write_text(textwrap.dedent(f"""\
            script_location: migrations
            environments:
              prod:
                databases:
                  - name: s-{{t}}
                    url: sqlite:///tenants/{{t}}.db
                    for_each:
                      t:
                        - good
                        - {yaml_string(value)}
                  - name: p-{{t}}
                    url: {db.url}
                    schema: t_{{t}}
                    version_table_schema: t_{{t}}
                    for_each: {{t: [good, {yaml_string(value)}]}}
                  - name: d-{{t}}
                    url: {server(pg)}/db_{{t}}
                    for_each: {{t: [{yaml_string(value)}]}}
            """))
        if before is None:
            before = (listing(tmp_path), schemas(db), databases(pg))
        # The inventory is refused as it loads, before any command's own
        # work: a changing, a reading and a single-target command show it.
        for command in (["upgrade", "head"], ["status"], ["-n", "prod/s-good", "current"]):
            res = fleet(*command)
            check_rejected(res, shown, 10)
        assert (listing(tmp_path), schemas(db), databases(pg)) == before, case
    assert db.tables() == set()


GLOB_NAMES = ["x'; DROP TABLE t; --.db", "a b.db", "a\nb.db", "-rf.db", "a;b.db", "caf\u00e9.db",
              "a..b.db"]


def test_a_hostile_file_name_from_a_glob_is_rejected(fleet, tmp_path):
    """A shard file whose name would be hostile in a target name or schema:
    the glob's values are checked like a list's, at the glob's line, and no
    database file is touched (neither the good one nor the hostile one)."""
    write_chain(tmp_path)
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent("""\
        script_location: migrations
        environments:
          prod:
            databases:
              - name: s-{f}
                url: sqlite:///shards/{f}
                for_each: {f: {glob: "shards/*"}}
        """))
    for name in GLOB_NAMES:
        shards = tmp_path / "shards"
        shards.mkdir()
        for n in ("good.db", name):
            sqlite3.connect(str(shards / n)).close()
        before = {p: p.read_bytes() for p in shards.iterdir()}
        res = fleet("upgrade", "head")
        assert res.rc == 2, res
        assert "fleet.yaml:7:" in res.err and "for_each 'f' value" in res.err, res
        assert {p: p.read_bytes() for p in shards.iterdir()} == before
        shutil.rmtree(shards)


@pytest.mark.parametrize("registry_kind", ["postgresql", "sqlite"])
def test_hostile_rows_from_a_registry_table_are_rejected(fleet, pg, tmp_path, registry_kind):
    """The tenant list comes from a real registry table holding one good and
    one hostile slug per run: every hostile row is refused, naming the key's
    line and the value; no schema, no file is made, for the good tenant either."""
    write_chain(tmp_path)
    app = pg.create()
    if registry_kind == "postgresql":
        registry = pg.create()
        registry.execute("CREATE TABLE tenants (slug TEXT)")
        registry_url = registry.url

        def set_rows(values):
            registry.execute("DELETE FROM tenants")
            with registry.conn().cursor() as cur:
                for v in values:
                    cur.execute("INSERT INTO tenants VALUES (%s)", (v,))
    else:
        path = tmp_path / "registry.db"
        registry_url = "sqlite:///registry.db"

        def set_rows(values):
            con = sqlite3.connect(str(path))
            con.execute("CREATE TABLE IF NOT EXISTS tenants (slug TEXT)")
            con.execute("DELETE FROM tenants")
            con.executemany("INSERT INTO tenants VALUES (?)", [(v,) for v in values])
            con.commit()
            con.close()
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent(f"""\
        script_location: migrations
        environments:
          prod:
            databases:
              - name: t-{{slug}}
                url: {app.url}
                schema: t_{{slug}}
                version_table_schema: t_{{slug}}
                for_each: {{slug: {{query: "SELECT slug FROM tenants", url: "{registry_url}"}}}}
              - name: f-{{slug}}
                url: sqlite:///tenants/{{slug}}.db
                for_each: {{slug: {{query: "SELECT slug FROM tenants", url: "{registry_url}"}}}}
        """))
    app_schemas = schemas(app)
    checked = 0
    for case, (value, shown) in sorted(HOSTILE.items()):
        if registry_kind == "postgresql" and "\0" in value:
            continue  # a PostgreSQL text value cannot hold a NUL byte
        set_rows(["good", value])
        before = listing(tmp_path)
        res = fleet("upgrade", "head")
        check_rejected(res, shown, 9, key="slug")
        assert listing(tmp_path) == before, case
        assert schemas(app) == app_schemas, case
        checked += 1
    assert checked >= len(HOSTILE) - 1
    assert app.tables() == set()


# Allowed by the rules, hostile as identifiers: reserved words, a keyword
# PostgreSQL folds, mixed case, '-' and '.', a leading digit, 61 bytes (so
# t_ + value is PostgreSQL's 63-byte maximum).
TRICKY = ["select", "user", "Acme", "ACME", "a-b.c", "1st", "x" * 60 + "y"]


def tenant_tables(db, schema: str) -> set[str]:
    return {r[0] for r in db.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,))}


def test_tricky_tenant_names_land_in_exactly_their_quoted_schema(fleet, pg, tmp_path):
    """schema: t_{slug} and version_table_schema: t_{slug} with reserved
    words, mixed case (Acme and ACME are two tenants), '-', '.', a leading
    digit and 63-byte names: each tenant's tables are in exactly the schema
    spelled t_<value>; no other schema or table appears; a downgrade finds
    them there again."""
    write_chain(tmp_path)
    db = pg.create()
    names = [f"t_{v}" for v in TRICKY]
    assert max(len(n.encode()) for n in names) == 63
    with db.conn().cursor() as cur:
        for n in names:
            cur.execute('CREATE SCHEMA "{}"'.format(n))
    before = schemas(db)
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent(f"""\
        script_location: migrations
        environments:
          prod:
            databases:
              - name: t-{{slug}}
                url: {db.url}
                schema: t_{{slug}}
                version_table_schema: t_{{slug}}
                for_each: {{slug: {json.dumps(TRICKY)}}}
        """))
    res = fleet("upgrade", "head")
    assert res.rc == 0, res
    assert schemas(db) == before, "a schema appeared that is not a tenant's"
    for n in names:
        assert tenant_tables(db, n) == {"accounts", "alembic_version", "fleet_history"}, n
        assert db.query(f'SELECT version_num FROM "{n}".alembic_version') == [("a1a1a1a1a1a1",)], n
    assert tenant_tables(db, "public") == set()
    total = db.query("SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN "
                     "('pg_catalog', 'information_schema')")[0][0]
    assert total == 3 * len(names)
    res = fleet("status")
    assert res.rc == 0, res
    res = fleet("downgrade", "base")
    assert res.rc == 0, res
    for n in names:
        assert tenant_tables(db, n) == {"alembic_version", "fleet_history"}, n


def test_tricky_tenant_names_are_exactly_their_database_names(fleet, pg, tmp_path):
    """url: SERVER/db_{slug}: each tenant's database is the one spelled
    db_<value> (reserved word, mixed case, '-', '.', 63 bytes); nothing
    is made in a database of another spelling, and no database appears."""
    write_chain(tmp_path)
    tag = uuid.uuid4().hex[:6]
    values = [f"select{tag}", f"Acme{tag}", f"a-b.c{tag}", f"{tag}" + "x" * (60 - len(tag))]
    made = {v: make_database(pg, f"db_{v}") for v in values}
    assert max(len(n.encode()) for n in made.values()) == 63
    before = databases(pg)
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent(f"""\
        script_location: migrations
        environments:
          prod:
            databases:
              - name: d-{{slug}}
                url: {server(pg)}/db_{{slug}}
                for_each: {{slug: {json.dumps(values)}}}
        """))
    res = fleet("upgrade", "head")
    assert res.rc == 0, res
    assert databases(pg) == before
    for v, name in made.items():
        con = psycopg2.connect(pg.url_for(name))
        try:
            with con.cursor() as cur:
                cur.execute("SELECT version_num FROM alembic_version")
                assert cur.fetchall() == [("a1a1a1a1a1a1",)], name
        finally:
            con.close()


@pytest.mark.parametrize("where", ["schema", "version_table_schema", "database"])
def test_a_name_postgresql_would_truncate_is_rejected(fleet, pg, tmp_path, where):
    """t_ + a 62-byte value is 64 bytes: PostgreSQL would cut it to 63 and two
    tenants differing in their last byte would share one schema (or
    database). fleet refuses it at load time, naming file and line; nothing
    is made."""
    write_chain(tmp_path)
    db = pg.create()
    values = ["x" * 61 + "a", "x" * 61 + "b"]
    # The schema both would land in after PostgreSQL's truncation.
    db.execute('CREATE SCHEMA "{}"'.format(("t_" + values[0])[:63]))
    settings = {"schema": "schema: t_{slug}",
                "version_table_schema": "version_table_schema: t_{slug}",
                "database": ""}[where]
    url = f"{server(pg)}/{db.name}" if where != "database" else f"{server(pg)}/d_{{slug}}"
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent(f"""\
        script_location: migrations
        environments:
          prod:
            databases:
              - name: t-{{slug}}
                url: {url}
                {settings}
                for_each: {{slug: {json.dumps(values)}}}
        """))
    before = (schemas(db), databases(pg))
    res = fleet("upgrade", "head")
    assert res.rc == 2, res
    assert "fleet.yaml:5:" in res.err or "fleet.yaml:6:" in res.err or "fleet.yaml:7:" in res.err, res
    assert "63" in res.err, res
    assert (schemas(db), databases(pg)) == before
    assert db.tables() == set()
