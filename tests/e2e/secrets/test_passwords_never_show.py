"""A password never shows, on any error path: two PostgreSQL roles with
distinctive passwords (one plain, one holding '@', ':', '/', '%' and a space,
so percent-encoded in its URL) reach fleet through --url, $DATABASE_URL, the
inventory (written out and through ${VAR}), a for_each registry URL and URLs
fleet cannot parse. Every command is driven into every failure it can reach:
connection refused, wrong password, unknown database, unknown host, a failing
statement, a held migration lock, a failing for_each query, a bad inventory,
a halted rollout, -v and --format json, and the embedding example. stdout,
stderr, every file under the test's folder and the databases' tables are
searched for the password, raw, percent-encoded and decoded (secret_world.MARK);
each error must still name what failed (host and port, database, target)."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import psycopg2
import pytest

from fleet_cli import Scripts, linear_chain
from secret_world import (BRACED_PASSWORD, DOLLAR_BRACED_PASSWORD, ODD_PASSWORD, PLAIN_PASSWORD,
                          WRONG_PASSWORD, assert_clean, closed_port, connection_failures, encoded,
                          files_text, pg_text)

# Every command that reads or changes a database, with its exit code on a
# target that cannot be reached (a single target: --url / $DATABASE_URL).
ONLINE = [
    (["upgrade", "head"], 1),
    (["-v", "upgrade", "head"], 1),
    (["downgrade", "base"], 1),
    (["stamp", "head"], 1),
    (["ensure_version"], 1),
    (["current"], 1),
    (["-v", "current"], 1),
    (["current", "--check-heads"], 1),
    (["history", "-i"], 1),
    (["show", "current"], 1),
    (["status"], 1),
    (["-v", "status"], 1),
    (["--format", "json", "status"], 1),
    (["plan"], 1),
    (["plan", "--sql"], 1),
    (["--format", "json", "plan"], 1),
    (["plan", "base", "--downgrade"], 1),
    (["audit"], 1),
    (["--format", "json", "audit"], 1),
    (["locks"], 1),
    (["--format", "json", "locks"], 1),
]
# Commands that never connect: the URL only picks the dialect, and must not
# show up in the SQL or the listing either.
OFFLINE = [
    ["upgrade", "head", "--sql"],
    ["downgrade", "r0002aaaa0002:base", "--sql"],
    ["stamp", "head", "--sql"],
    ["ensure_version", "--sql"],
    ["heads"],
    ["-v", "history"],
    ["branches"],
]


@pytest.fixture
def scripts(tmp_path) -> Scripts:
    s = Scripts(tmp_path / "migrations")
    linear_chain(s, 2)
    return s


def write_inventory(root: Path, url_line: str, extra: str = "") -> Path:
    inv = root / "fleet.yaml"
    inv.write_text(textwrap.dedent(f"""\
        script_location: migrations
        environments:
          prod:
            databases:
              - name: app
                url: {url_line}
        """) + extra)
    return inv


SOURCES = ["--url", "DATABASE_URL", "inventory", "inventory-${VAR}"]


def selection(source: str, url: str, root: Path) -> tuple[list, dict]:
    """The arguments and environment that hand url to fleet through source."""
    if source == "--url":
        return ["--url", url, "--script-location", "migrations"], {}
    if source == "DATABASE_URL":
        return ["--script-location", "migrations"], {"DATABASE_URL": url}
    if source == "inventory":
        write_inventory(root, f"'{url}'")
        return [], {}
    write_inventory(root, "postgresql://${APP_USER}:${APP_PASSWORD}@${APP_HOST}/${APP_DB}")
    # The same URL cut into parts: the password comes from the environment.
    rest = url.split("://", 1)[1]
    userinfo, hostpart = rest.rsplit("@", 1)
    host, db = hostpart.split("/", 1)
    user, password = userinfo.split(":", 1) if ":" in userinfo else (userinfo, "")
    return [], {"APP_USER": user, "APP_PASSWORD": password, "APP_HOST": host, "APP_DB": db}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("which", ["plain", "odd"])
def test_no_connection_error_shows_the_password(run, roles, pg, scripts, tmp_path, source, which):
    """Every command, every way the connection fails, every place the URL
    comes from: the password never shows, the error names the server."""
    role = roles.plain if which == "plain" else roles.odd
    db = pg.create()
    failures = connection_failures(roles, role, db.name)
    if source == "inventory-${VAR}":
        failures = [f for f in failures if f.name != "refused-query-password"]
    # Every command meets every failure once for --url and the plain
    # password; elsewhere each command meets one failure, in turn, which
    # still gives every (source, failure) and (source, command) pair.
    if source == "--url" and which == "plain":
        pairs = [(f, c) for f in failures for c in ONLINE]
    else:
        pairs = [(failures[i % len(failures)], c) for i, c in enumerate(ONLINE)]
    problems = []
    for failure, (command, code) in pairs:
        args, env = selection(source, failure.url, tmp_path)
        res = run(*args, *command, env=env)
        if res.rc != code:
            problems.append(f"{failure.name}: exit {res.rc}, not {code}:\n{res}")
        for text in failure.says:
            if text not in res.err + res.out:
                problems.append(f"{failure.name}: the error does not say {text!r}:\n{res}")
    for command in OFFLINE:
        res = run(*args, *command, env=env)
        if res.rc != 0:
            problems.append(f"{failure.name}: exit {res.rc}, not 0:\n{res}")
    assert not problems, f"{len(problems)} problems, the first ones:\n" + "\n".join(problems[:6])
    assert db.tables() == set(), "a failed connection changed the database"
    assert_clean(files_text(tmp_path, skip={tmp_path / "fleet.yaml"}), "the files under the test folder")


def test_offline_sql_never_holds_the_password(run, roles, scripts):
    """upgrade --sql with a full, working URL: the SQL names no password."""
    for role in (roles.plain, roles.odd):
        url = roles.url(role, "postgres")
        for command in OFFLINE:
            res = run("--url", url, "--script-location", scripts.root, *command)
            assert res.rc == 0, res
        res = run("--url", url, "--script-location", scripts.root, "upgrade", "head", "--sql")
        assert "CREATE TABLE t1" in res.out, res


# ---- after connecting: a failing statement, a held lock, -v and JSON ------------------------

def test_a_failing_migration_does_not_show_the_password(run, roles, pg, tmp_path):
    """Connected with the role's password; the second revision fails. Every
    output (table, -v, JSON of status/plan/audit) and the database's own
    tables (fleet_history) are free of it, and the error names the target."""
    scripts = Scripts(tmp_path / "migrations")
    linear_chain(scripts, 3, fail_at=2)
    for role in (roles.plain, roles.odd):
        db = pg.create()
        url = roles.url(role, db.name)
        args = ["--url", url, "--script-location", scripts.root]
        res = run(*args, "-v", "upgrade", "head")
        assert res.rc == 1, res
        assert "no_such_table" in res.err, res
        assert "revision r0002aaaa0002 failed" in res.err, res
        res = run(*args, "upgrade", "r0001aaaa0001")
        assert res.rc == 0, res
        if role is roles.odd:
            # The odd password took the same paths up to here; enough.
            assert_clean(pg_text(db.url), "the database's tables")
            continue
        for command in (["status"], ["-v", "status"], ["--format", "json", "status"], ["plan"],
                        ["--format", "json", "plan"], ["plan", "--sql"], ["audit"],
                        ["--format", "json", "audit"], ["locks"], ["--format", "json", "locks"],
                        ["-v", "current"], ["history", "-i"], ["-v", "downgrade", "base"],
                        ["stamp", "no_such_rev"], ["upgrade", "no_such_rev"]):
            res = run(*args, *command)
            assert res.rc in (0, 1, 2, 3), res
        assert_clean(pg_text(db.url), "the database's tables")
    assert_clean(files_text(tmp_path), "the files under the test folder")


def write_role_change(tmp_path, role_name: str) -> None:
    """A revision setting a role's password, failing (the role does not exist)."""
    scripts = Scripts(tmp_path / "migrations")
    scripts.sql("r0001aaaa0001", None, f"ALTER ROLE {role_name} PASSWORD '{PLAIN_PASSWORD}';",
                "SELECT 1;")


def test_a_failing_statement_that_sets_a_password_is_shown_masked(run, roles, pg, tmp_path):
    """A revision's failing statement is quoted in the error; a PASSWORD
    'literal' in it is masked, for a single target and in a rollout report."""
    write_role_change(tmp_path, "no_such_role_for_secrets")
    db = pg.create()
    write_inventory(tmp_path, f"'{roles.url(roles.plain, db.name)}'")
    for args in (["--url", roles.url(roles.plain, db.name), "--script-location", "migrations"], []):
        res = run(*args, "upgrade", "head")
        assert res.rc == 1, res
        assert "statement: ALTER ROLE no_such_role_for_secrets PASSWORD '***'" in res.err + res.out, res


def test_verbose_statement_echo_masks_a_password_literal(run, roles, pg, tmp_path):
    """A rollout of several targets with -v logs each statement as it runs."""
    write_role_change(tmp_path, "no_such_role_for_secrets")
    db = pg.create()
    write_inventory(tmp_path, f"'{roles.url(roles.plain, db.name)}'",
                    f"      - name: app2\n        url: '{roles.url(roles.plain, db.name)}'\n")
    res = run("-v", "upgrade", "head")
    # The canary's statement fails (no such role), so the rollout halts; the
    # statement was logged before it ran, with its literal masked.
    assert res.rc == 4, res
    assert "SQL: ALTER ROLE no_such_role_for_secrets PASSWORD '***'" in res.err, res


def fnv1a_lock_id(database: str, schema: str, table: str) -> int:
    """fleet's PostgreSQL advisory lock id (plugins/postgres/postgres_migration_lock.cpp)."""
    h = 14695981039346656037
    for name in ("fleet migration lock", database, schema, table):
        for byte in name.encode() + b"\0":
            h = ((h ^ byte) * 1099511628211) % (1 << 64)
    return h - (1 << 64) if h >= (1 << 63) else h


@pytest.mark.parametrize("holder_query", [
    "SELECT 'postgresql://app:{pw}@db.internal/app' AS note",
    "SELECT 'host=db.internal password={pw} dbname=app' AS note",
    "ALTER ROLE {role} PASSWORD '{pw}'",
    "ALTER ROLE {role} WITH LOGIN PASSWORD '{pw}' VALID UNTIL 'infinity'",
], ids=["url", "conninfo", "alter-role", "alter-role-with"])
def test_a_held_lock_names_its_holder_without_the_password_it_ran(
        run, roles, pg, tmp_path, holder_query):
    """Another session holds the migration lock and its last statement held
    a password: fleet's "waiting for the migration lock" message shows the
    holder's statement (pg_stat_activity) with the password masked."""
    scripts = Scripts(tmp_path / "migrations")
    linear_chain(scripts, 1)
    db = pg.create()
    role = roles.plain
    write_inventory(tmp_path, f"'{roles.url(role, db.name)}'")
    (tmp_path / "fleet.yaml").write_text("lock: {timeout: 300ms}\n" + (tmp_path / "fleet.yaml").read_text())
    holder = psycopg2.connect(db.url, application_name="pytest-holder")
    holder.autocommit = True
    try:
        with holder.cursor() as cur:
            cur.execute("SELECT pg_advisory_lock(%s)",
                        (fnv1a_lock_id(db.name, "public", "alembic_version"),))
            cur.execute(holder_query.format(pw=PLAIN_PASSWORD, role=role.name))
        for command in (["upgrade", "head"], ["-v", "upgrade", "head"], ["locks"],
                        ["--format", "json", "locks"]):
            res = run(*command)
            if command[-1] == "head":
                assert res.rc == 1, res
                assert "waiting for the migration lock" in res.err, res
                assert "pytest-holder" in res.err, res
                assert "last query: " in res.err, res
            else:
                assert "pytest-holder" in res.out, res
    finally:
        holder.close()
    assert "alembic_version" not in db.tables()


def test_a_statement_blocked_by_a_session_names_it_without_its_password(run, roles, pg, tmp_path):
    """A DDL step waits on a table another session locked after changing a
    role's password: the blocker shown names the session, masks the password."""
    scripts = Scripts(tmp_path / "migrations")
    scripts.sql("r0001aaaa0001", None, "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;")
    scripts.sql("r0002aaaa0002", "r0001aaaa0001", "ALTER TABLE t1 ADD COLUMN x INTEGER;",
                "ALTER TABLE t1 DROP COLUMN x;")
    db = pg.create()
    role = roles.plain
    write_inventory(tmp_path, f"'{roles.url(role, db.name)}'")
    (tmp_path / "fleet.yaml").write_text(
        "lock: {statement_lock_timeout: 600ms, retries: 0}\n" + (tmp_path / "fleet.yaml").read_text())
    assert run("upgrade", "r0001aaaa0001").rc == 0
    blocker = psycopg2.connect(db.url, application_name="pytest-blocker")
    try:
        with blocker.cursor() as cur:
            cur.execute("LOCK TABLE t1 IN ACCESS SHARE MODE")
            cur.execute(f"ALTER ROLE {role.name} PASSWORD '{PLAIN_PASSWORD}'")
        res = run("-v", "upgrade", "head")
        assert res.rc == 1, res
        assert "pytest-blocker" in res.err, res
    finally:
        blocker.close()


# ---- the inventory: a for_each registry, a bad file, a halted rollout -----------------------

def test_a_failing_for_each_query_does_not_show_the_registry_password(run, roles, pg, tmp_path):
    """The registry URL holds the password; the registry cannot be reached,
    rejects it, or the query fails: exit 1 naming file, line and key."""
    Scripts(tmp_path / "migrations")
    registry = pg.create()
    registry.execute("CREATE TABLE tenants (slug TEXT); INSERT INTO tenants VALUES ('acme')")
    cases = []
    for role in (roles.plain, roles.odd):
        good = roles.url(role, registry.name)
        for failure in connection_failures(roles, role, registry.name):
            cases.append((failure.url, "SELECT slug FROM tenants", failure.says))
        cases.append((good, "SELECT slug FROM no_such_tenants", ("no_such_tenants",)))
    for url, query, says in cases:
        (tmp_path / "fleet.yaml").write_text(textwrap.dedent(f"""\
            script_location: migrations
            environments:
              prod:
                databases:
                  - name: t-{{slug}}
                    url: sqlite:///tenants/{{slug}}.db
                    for_each: {{slug: {{query: "{query}", url: "${{REGISTRY_URL}}"}}}}
            """))
        for command in (["upgrade", "head"], ["status"], ["--format", "json", "plan"], ["locks"]):
            res = run(*command, env={"REGISTRY_URL": url})
            assert res.rc in (1, 2), res
            assert "fleet.yaml:7" in res.err and "for_each 'slug'" in res.err, res
            for text in says:
                assert text in res.err, f"the error does not say {text!r}:\n{res}"
    assert not (tmp_path / "tenants").exists()


BAD_INVENTORIES = {
    "yaml-unclosed-list": "url: [postgresql://{u}@h/db",
    "yaml-text-after-quote": "url: 'postgresql://{u}@h/db' x",
    "duplicate-key": "url: postgresql://{u}@h/db\n        url: postgresql://{u}@h/db",
    "url-is-a-list": "url: [postgresql://{u}@h/db]",
    "url-is-a-map": "url: {{postgresql://{u}@h/db: 1}}",
    "unknown-key": "url: postgresql://{u}@h/db\n        urll: postgresql://{u}@h/db",
    "number-setting": "url: postgresql://{u}@h/db\n        rollout: {{concurrency: 'postgresql://{u}@h/db'}}",
    "unset-variable": "url: postgresql://{u}@h/${{NO_SUCH_VARIABLE}}",
    "key-not-in-name": "url: postgresql://{u}@h/{{t}}\n        for_each: {{t: [a]}}",
    "bad-port": "url: postgresql://{u}@h:port/db",
    "schema-is-a-list": "url: postgresql://{u}@h/db\n        schema: [postgresql://{u}@h/db]",
}


def test_a_bad_inventory_does_not_show_a_password(run, roles, tmp_path):
    """An inventory fleet refuses (exit 2, naming the file) next to, or
    around, a URL with a password: the message never quotes it."""
    Scripts(tmp_path / "migrations")
    for case, role in ((c, r) for c in sorted(BAD_INVENTORIES) for r in (roles.plain, roles.odd)):
        entry = BAD_INVENTORIES[case].format(u=role.userinfo())
        (tmp_path / "fleet.yaml").write_text(
            "script_location: migrations\nenvironments:\n  prod:\n    databases:\n"
            f"      - name: app\n        {entry}\n")
        for command in (["-v", "upgrade", "head"], ["--format", "json", "status"]):
            res = run(*command)
            assert res.rc == 2, res
            assert "fleet.yaml:" in res.err, f"the error does not name the file:\n{res}"


# A password written raw in a URL, whose braces the inventory's expansion
# reads: "{word}" as a for_each placeholder, "${...}" as a variable.
BRACED_URLS = {
    "for_each-placeholder": ("url: postgresql://app:" + BRACED_PASSWORD + "@127.0.0.1/t_{t}",
                             "for_each: {t: [a, b]}"),
    "for_each-placeholder-in-default": (
        "url: \"${NO_SUCH_URL:-postgresql://app:" + BRACED_PASSWORD + "@127.0.0.1/t_{t}}\"",
        "for_each: {t: [a, b]}"),
    "for_each-not-a-variable": ("url: postgresql://app:" + DOLLAR_BRACED_PASSWORD + "@127.0.0.1/t_{t}",
                                "for_each: {t: [a, b]}"),
    "not-a-variable": ("url: postgresql://app:" + DOLLAR_BRACED_PASSWORD + "@127.0.0.1/app", ""),
}


@pytest.mark.parametrize("case", sorted(BRACED_URLS))
def test_braces_in_a_password_do_not_show_it(run, tmp_path, case):
    """A password with braces in an inventory URL that fleet refuses (the
    braces look like a placeholder or a variable): exit 2 naming file and
    line, and no part of the password in the message. Needs no server: the
    inventory is refused before any connection."""
    Scripts(tmp_path / "migrations")
    url_line, for_each = BRACED_URLS[case]
    (tmp_path / "fleet.yaml").write_text(
        "script_location: migrations\nenvironments:\n  prod:\n    databases:\n"
        f"      - name: t-{{t}}\n        {url_line}\n" if for_each else
        "script_location: migrations\nenvironments:\n  prod:\n    databases:\n"
        f"      - name: app\n        {url_line}\n")
    if for_each:
        with open(tmp_path / "fleet.yaml", "a") as f:
            f.write(f"        {for_each}\n")
    for command in (["upgrade", "head"], ["-v", "upgrade", "head"], ["--format", "json", "status"],
                    ["plan"], ["locks"]):
        res = run(*command)
        assert res.rc == 2, res
        assert "fleet.yaml:6:" in res.err, f"the error does not name file and line:\n{res}"
        assert "not shown" in res.err or "variable name" in res.err, res


# URLs fleet cannot parse, each holding the password.
UNPARSABLE = {
    "bad-port": "postgresql://{u}@127.0.0.1:notaport/db",
    "unclosed-ipv6": "postgresql://{u}@[::1/db",
    "unknown-scheme": "mysql://{u}@127.0.0.1/db",
    "one-slash": "postgresql:/{u}@127.0.0.1/db",
    "no-slashes": "postgresql:{u}@127.0.0.1/db",
    "no-scheme": "{u}@127.0.0.1/db",
    "raw-space": "postgresql://{user}:my {raw}@127.0.0.1:notaport/db",
    "raw-quote": "postgresql://{user}:it's-{raw}@127.0.0.1:notaport/db",
    "raw-slash": "postgresql://{user}:{raw}/x@127.0.0.1:notaport/db",
    "sqlite-with-password": "sqlite://{u}@/x.db",
    "query-password-bad-port": "postgresql://{user}@127.0.0.1:99999/db?password={enc}",
}


@pytest.mark.parametrize("source", ["--url", "DATABASE_URL", "inventory"])
def test_an_unparsable_url_does_not_show_its_password(run, roles, scripts, tmp_path, source):
    """Typos of a URL (no "://", a raw space or quote in the password, a
    bad port, an unknown scheme...): exit 2, "invalid database URL", and the
    URL is quoted with everything that may be its password hidden."""
    for case, role in ((c, r) for c in sorted(UNPARSABLE) for r in (roles.plain, roles.odd)):
        url = UNPARSABLE[case].format(u=role.userinfo(), user=role.name, raw=role.password,
                                      enc=encoded(role.password))
        if source == "inventory":
            # Double-quoted YAML: every character of the URL survives as written.
            write_inventory(tmp_path, '"' + url.replace("\\", "\\\\").replace('"', '\\"') + '"')
            args, env = [], {}
        else:
            args, env = selection(source, url, tmp_path)
        for command in (["upgrade", "head"], ["--format", "json", "status"]):
            res = run(*args, *command, env=env)
            assert res.rc == 2, f"{case}:\n{res}"
            assert "invalid database URL" in res.err, f"{case}:\n{res}"
            assert "@" in res.err, f"{case}: the URL is not shown at all:\n{res}"
    assert sorted(p.name for p in tmp_path.iterdir()) in (["migrations"], ["fleet.yaml", "migrations"])


def test_a_url_given_as_a_stray_argument_does_not_show_its_password(run, roles, scripts):
    """A user who forgot --url: the command line is wrong (exit 2), and the
    message about it must not echo the URL's password."""
    url = roles.url(roles.plain, "app")
    for command in (["current", url], ["upgrade", "head", url], ["--urll", url, "current"]):
        res = run("--script-location", scripts.root, *command)
        assert res.rc == 2, res


def test_a_halted_rollout_does_not_show_the_password(run, roles, pg, tmp_path):
    """A canary that cannot connect halts the rollout (exit 4); -v, the
    summary, status/plan/audit/locks JSON and diff all keep the password out."""
    scripts = Scripts(tmp_path / "migrations")
    linear_chain(scripts, 2)
    port = closed_port()
    db = pg.create()
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent(f"""\
        script_location: migrations
        environments:
          prod:
            rollout: {{concurrency: 2, canary: 1, batch: 2}}
            databases:
              - name: canary
                url: postgresql://{roles.plain.userinfo()}@127.0.0.1:{port}/app
              - name: wrong
                url: {roles.url(roles.odd, db.name, password=WRONG_PASSWORD)}
              - name: good
                url: {roles.url(roles.odd, db.name)}
              - name: t-{{t}}
                url: sqlite:///tenants/{{t}}.db
                for_each: {{t: [a, b]}}
          staging:
            databases:
              - name: canary
                url: postgresql://{roles.odd.userinfo()}@127.0.0.1:{port}/app
        """))
    res = run("-v", "-n", "prod", "upgrade", "head")
    assert res.rc == 4, res
    assert f"127.0.0.1:{port}" in res.err + res.out, res
    res = run("-n", "prod", "upgrade", "head", "--continue-on-error")
    assert res.rc == 1, res
    assert "password authentication failed" in res.err + res.out, res
    for command in (["status"], ["--format", "json", "status"], ["-v", "status"], ["plan"],
                    ["--format", "json", "plan"], ["plan", "--sql"], ["audit"],
                    ["--format", "json", "audit"], ["locks"], ["--format", "json", "locks"],
                    ["diff", "prod/good", "prod/canary"], ["--format", "json", "diff", "prod", "staging"],
                    ["-n", "prod", "downgrade", "base", "--continue-on-error"],
                    ["-n", "prod", "stamp", "head", "--continue-on-error"]):
        res = run(*command)
        assert res.rc in (1, 3, 4), res
    assert_clean(pg_text(db.url), "the database's tables")
    assert_clean(files_text(tmp_path, skip={tmp_path / "fleet.yaml"}), "the files fleet wrote")


# ---- the embedding example ---------------------------------------------------------------

def test_the_embedding_example_never_shows_the_password(roles, pg, tmp_path):
    binary = os.environ.get("EMBEDDING_BIN")
    assert binary, "EMBEDDING_BIN (the built examples/embedding program) is not set"
    failing = Scripts(tmp_path / "failing")
    linear_chain(failing, 2, fail_at=2)
    example = Path(__file__).resolve().parents[3] / "examples" / "embedding" / "migrations"
    db = pg.create()
    cases = []
    for role in (roles.plain, roles.odd):
        for failure in connection_failures(roles, role, db.name):
            cases.append((failure.url, example, 1, failure.says))
        cases.append((f"postgresql:/{role.userinfo()}@127.0.0.1/x", example, 2, ("invalid database URL",)))
        cases.append((roles.url(role, db.name), failing.root, 1,
                      ("no_such_table", "revision r0002aaaa0002 failed")))
    for url, scripts, code, says in cases:
        p = subprocess.run([binary, url, str(scripts)], capture_output=True, text=True, timeout=60)
        both = p.stdout + p.stderr
        assert_clean(both, "the embedding example's output", both)
        assert p.returncode == code, both
        for text in says:
            assert text in p.stderr, f"the error does not say {text!r}: {both}"
    assert_clean(pg_text(db.url), "the database's tables")


def test_the_passwords_really_are_distinctive_and_work(roles, pg):
    """The search above could pass by missing a password that shows in a form
    it does not expect: each password is accepted by the server, and its
    percent-encoded form differs from the raw one but holds the same mark."""
    db = pg.create()
    for role in (roles.plain, roles.odd):
        con = psycopg2.connect(host=roles.host, port=roles.port, dbname=db.name,
                               user=role.name, password=role.password)
        con.close()
    assert encoded(ODD_PASSWORD) != ODD_PASSWORD and encoded(PLAIN_PASSWORD) == PLAIN_PASSWORD
    with pytest.raises(AssertionError):
        assert_clean(f"x {encoded(ODD_PASSWORD)} y", "a self-test")
