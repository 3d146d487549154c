"""Bad input and failures (issue 2): each with its message, its exit code, and
every database left as it was."""

from __future__ import annotations

import copy
import os
import re
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

from fleet_cli import (Fleet, PgServer, Scripts, SqliteDb, fails, history, linear_chain, ok,
                       snapshot, sql_revision, versions)

SERVER_ERROR = {
    "sqlite": "no such table: no_such_table",
    "postgresql": 'relation "no_such_table" does not exist',
}


def assert_untouched(db, before, res):
    after = snapshot(db)
    assert after == before, (f"the database changed: before {before}, after {after}\n{res}")


def rel(path: Path, scripts: Scripts) -> str:
    """How fleet names a script file: as it was given, under --script-location."""
    return str(scripts.root / "versions" / path.name)


# ---- the script folder -------------------------------------------------------------------

def test_missing_script_folder(fleet, tmp_path, db):
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", "--url", db.url, "--script-location",
                      tmp_path / "nowhere"), 2)
    assert f"script folder '{tmp_path / 'nowhere'}' does not exist" in res.err, res
    assert_untouched(db, before, res)


def test_missing_default_script_folder(fleet, tmp_path, db):
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", "--url", db.url, cwd=tmp_path), 2)
    assert "'migrations'" in res.err and "does not exist" in res.err, res
    assert_untouched(db, before, res)


def test_script_folder_that_is_a_file(fleet, tmp_path, db):
    f = tmp_path / "migrations.txt"
    f.write_text("not a folder")
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", "--url", db.url, "--script-location", f), 2)
    assert str(f) in res.err, res
    assert "does not exist" not in res.err, f"the path exists; the message should say it is not a folder:\n{res}"
    assert re.search(r"not a (folder|directory)", res.err), res
    assert_untouched(db, before, res)


def test_versions_that_is_a_file(fleet, tmp_path, db):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "versions").write_text("")
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", "--url", db.url, "--script-location", tmp_path / "m"), 2)
    assert str(tmp_path / "m") in res.err and "versions" in res.err, res
    assert_untouched(db, before, res)


def test_dangling_symlink_revision_file_is_unreadable(fleet, scripts, db):
    linear_chain(scripts, 1)
    link = scripts.versions / "ffff0000_gone.sql"
    link.symlink_to(scripts.root / "nowhere.sql")
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 2)
    assert f"{link}: cannot read the file" in res.err, res
    assert_untouched(db, before, res)


@pytest.fixture
def shared_dir():
    """A folder another user can work in: `nobody` runs fleet there when the
    tests run as root (root reads files whatever their mode). It holds its
    own copy of the binary too: the checkout may sit where `nobody` cannot
    enter (a clone in /root or in a Debian 12 home, both 0700)."""
    d = Path(tempfile.mkdtemp(prefix="fleet_cli_perm_"))
    os.chmod(d, 0o777)
    yield d
    for p in [d, *d.rglob("*")]:
        if not p.is_symlink():
            os.chmod(p, 0o777)
    shutil.rmtree(d)


def unreadable_run(fleet: Fleet, shared_dir: Path, make_unreadable):
    scripts = Scripts(shared_dir / "m")
    linear_chain(scripts, 2)
    for p in [shared_dir, *shared_dir.rglob("*")]:
        os.chmod(p, 0o777 if p.is_dir() else 0o666)
    target = make_unreadable(scripts)
    db = SqliteDb(shared_dir / "app.db")
    user = None
    if os.geteuid() == 0:
        user = "nobody"
        fleet = as_other_user(fleet, shared_dir)
    res = fleet("upgrade", "head", "--url", db.url, "--script-location", scripts.root,
                cwd=shared_dir, user=user)
    return res, db, target


def as_other_user(fleet: Fleet, shared_dir: Path) -> Fleet:
    """The same runner on a copy of the binary that another user can execute,
    wherever the build is. The binary needs nothing beside it: its libraries
    are the system's, found by absolute path."""
    binary = shared_dir / "bin" / "fleet"
    binary.parent.mkdir()
    shutil.copy(fleet.bin, binary)
    os.chmod(binary.parent, 0o755)
    os.chmod(binary, 0o755)
    runner = copy.copy(fleet)
    runner.bin = str(binary)
    return runner


@pytest.mark.parametrize("what", ["file", "versions", "folder"])
def test_unreadable_scripts(fleet, shared_dir, what):
    def make(scripts: Scripts) -> Path:
        p = {"file": sorted(scripts.versions.iterdir())[0],
             "versions": scripts.versions, "folder": scripts.root}[what]
        os.chmod(p, 0)
        return p

    res, db, target = unreadable_run(fleet, shared_dir, make)
    assert res.rc == 2, res
    assert str(target) in res.err, res
    assert "Permission denied" in res.err, f"the message should say why it cannot be read:\n{res}"
    assert not db.path.exists(), f"the database was created:\n{res}"


# ---- the inventory ------------------------------------------------------------------------

def test_inventory_with_a_second_yaml_document(fleet, scripts, tmp_path):
    """Environments after a '---': refused at the line the second document
    starts (exit 2), never read as the first document alone."""
    linear_chain(scripts, 1)
    (tmp_path / "fleet.yaml").write_text(
        "script_location: migrations\nenvironments:\n  dev:\n    databases:\n"
        f"      - {{name: a, url: 'sqlite:///{tmp_path / 'a.db'}'}}\n"
        "---\n"
        "environments:\n  prod:\n    databases:\n"
        f"      - {{name: b, url: 'sqlite:///{tmp_path / 'b.db'}'}}\n")
    for command in (["upgrade", "head"], ["status"], ["--format", "json", "plan"]):
        res = fails(fleet(*command), 2)
        assert "fleet.yaml:7: more than one YAML document; an inventory holds one" in res.err, res
    assert not (tmp_path / "a.db").exists() and not (tmp_path / "b.db").exists()


def test_inventory_naming_a_database_fleet_does_not_know(fleet, scripts, tmp_path):
    """A mysql:// URL among SQLite ones: refused at its file and line before any
    target is touched (exit 2), its password masked; the SQLite files listed
    before it are not created."""
    linear_chain(scripts, 1)
    fleet.secrets.add("secretpw")
    (tmp_path / "fleet.yaml").write_text(
        "script_location: migrations\nenvironments:\n  dev:\n    databases:\n"
        f"      - {{name: a, url: 'sqlite:///{tmp_path / 'a.db'}'}}\n"
        "      - {name: m, url: 'mysql://u:secretpw@127.0.0.1/db'}\n")
    for command in (["upgrade", "head", "--env", "dev"], ["status"]):
        res = fails(fleet(*command), 2)
        assert "fleet.yaml:6: invalid database URL 'mysql://u:***@127.0.0.1/db': unknown " \
               "scheme 'mysql' (fleet knows postgresql and sqlite)" in res.err, res
    assert not (tmp_path / "a.db").exists()


# ---- one revision file ------------------------------------------------------------------

def test_sql_revision_without_revision(fleet, scripts, db):
    linear_chain(scripts, 1)
    bad = scripts.write("abc_no_id.sql", "-- down_revision:\n-- message: no id\n\n"
                                         "-- +upgrade\nCREATE TABLE x (id INTEGER);\n")
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 2)
    assert f"{bad}: no 'revision' in the header" in res.err, res
    assert_untouched(db, before, res)


def test_yaml_revision_without_revision(fleet, scripts, db):
    bad = scripts.write("abc_no_id.yaml", "down_revision: null\nmessage: no id\n"
                                          "upgrade:\n  - execute: \"CREATE TABLE x (id INTEGER)\"\n")
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 2)
    assert str(bad) in res.err and "'revision'" in res.err, res
    assert_untouched(db, before, res)


def test_unknown_header_key(fleet, scripts, db):
    bad = scripts.write("c0c0_colour.sql", "-- revision: c0c0c0c0c0c0\n-- down_revision:\n"
                                           "-- colour: red\n\n-- +upgrade\nSELECT 1;\n")
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 2)
    assert f"{bad}:3: unknown header key 'colour'" in res.err, res
    assert_untouched(db, before, res)


def test_unknown_yaml_key(fleet, scripts, db):
    bad = scripts.write("c0c0_colour.yaml", "revision: c0c0c0c0c0c0\ndown_revision: null\n"
                                            "message: m\ncolour: red\nupgrade: []\n")
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 2)
    assert f"{bad}:4: unknown key 'colour'" in res.err, res
    assert_untouched(db, before, res)


def test_bad_yaml_document(fleet, scripts, db):
    linear_chain(scripts, 1)
    bad = scripts.write("b4d0_bad.yaml", "revision: b4d0b4d0b4d0\n"
                                         "down_revision: null\n"
                                         "upgrade:\n"
                                         "  - execute: \"CREATE TABLE x (id INTEGER)\"\n"
                                         "   - execute: [unclosed\n")
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 2)
    m = re.search(re.escape(str(bad)) + r":(\d+):", res.err)
    assert m, f"the file and line should be named:\n{res}"
    assert int(m.group(1)) == 5, res
    assert_untouched(db, before, res)


def test_unknown_yaml_operation(fleet, scripts, db):
    bad = scripts.write("b4d1_op.yaml", "revision: b4d1b4d1b4d1\ndown_revision: null\n"
                                        "upgrade:\n  - execute: \"SELECT 1\"\n"
                                        "  - frobnicate: {table: x}\n")
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 2)
    assert f"{bad}:5:" in res.err and "frobnicate" in res.err, res
    assert_untouched(db, before, res)


# ---- the revision graph ---------------------------------------------------------------------

def test_cycle(fleet, scripts, db):
    a = scripts.sql("cyc1aaaa0001", "cyc2aaaa0002", filename="cyc1_a.sql")
    b = scripts.sql("cyc2aaaa0002", "cyc1aaaa0001", filename="cyc2_b.sql")
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 2)
    assert "Cycle is detected" in res.err, res
    assert "cyc1aaaa0001" in res.err and "cyc2aaaa0002" in res.err, res
    assert a.name in res.err and b.name in res.err, f"the files should be named:\n{res}"
    assert_untouched(db, before, res)


def test_duplicate_id(fleet, scripts, db):
    a = scripts.sql("d00daaaa0001", None, filename="one.sql")
    b = scripts.sql("d00daaaa0001", None, filename="two.sql")
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 2)
    assert "d00daaaa0001" in res.err, res
    assert str(a) in res.err and str(b) in res.err, res
    assert_untouched(db, before, res)


def test_dangling_down_revision(fleet, scripts, db):
    linear_chain(scripts, 1)
    f = scripts.sql("da1eaaaa0001", "0123456789ab", filename="dangling.sql")
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 2)
    assert "0123456789ab" in res.err and "da1eaaaa0001" in res.err, res
    assert str(f) in res.err, res
    assert_untouched(db, before, res)


def two_heads(scripts: Scripts):
    scripts.sql("abcd00000001", None)
    scripts.sql("abcd11110001", "abcd00000001")
    scripts.sql("abcd22220001", "abcd00000001")


GRAPH_ERRORS = {
    # name: (command, what the message must name)
    "ambiguous-prefix": (["upgrade", "abcd"], ["abcd", "abcd00000001", "abcd11110001"]),
    "unknown-id": (["upgrade", "fedcba987654"], ["fedcba987654"]),
    "unknown-downgrade": (["downgrade", "fedcba987654"], ["fedcba987654"]),
    "unknown-stamp": (["stamp", "fedcba987654"], ["fedcba987654"]),
    "head-of-two": (["upgrade", "head"], ["abcd11110001", "abcd22220001"]),
}


@pytest.mark.parametrize("case", GRAPH_ERRORS)
def test_graph_error_on_a_new_database(fleet, scripts, db, case):
    two_heads(scripts)
    cmd, named = GRAPH_ERRORS[case]
    before = snapshot(db)
    res = fails(fleet(*cmd, *scripts.args(db)), 2)
    assert_untouched(db, before, res)
    for word in named:
        assert word in res.err, f"the message should name {word}:\n{res}"


@pytest.mark.parametrize("case", GRAPH_ERRORS)
def test_graph_error_on_an_upgraded_database(fleet, scripts, db, case):
    two_heads(scripts)
    ok(fleet("upgrade", "abcd00000001", *scripts.args(db)))
    cmd, named = GRAPH_ERRORS[case]
    before = snapshot(db)
    res = fails(fleet(*cmd, *scripts.args(db)), 2)
    assert_untouched(db, before, res)
    for word in named:
        assert word in res.err, f"the message should name {word}:\n{res}"


# ---- downgrade through a revision without a downgrade section --------------------------------

@pytest.mark.parametrize("target", ["base", "-2"])
def test_downgrade_through_revision_without_downgrade(fleet, scripts, db, target):
    r1, r2, r3 = linear_chain(scripts, 3)
    path = scripts.versions / f"{r2}_step_2.sql"
    path.write_text(sql_revision(r2, r1, "CREATE TABLE t2 (id INTEGER PRIMARY KEY);",
                                 None, message="step 2"))
    ok(fleet("upgrade", "head", *scripts.args(db)))
    before = snapshot(db)
    res = fails(fleet("downgrade", target, *scripts.args(db)), 2)
    assert f"{path}: revision {r2} has no downgrade section" in res.err, res
    assert "nothing was run" in res.err, res
    assert "Running downgrade" not in res.err, res
    assert_untouched(db, before, res)
    assert "t3" in db.tables(), "r3's downgrade ran before the refusal"
    # one step down is fine: r3 has its section
    ok(fleet("downgrade", "-1", *scripts.args(db)))
    assert versions(db) == {r2}


def test_downgrade_sql_through_revision_without_downgrade(fleet, scripts, db):
    r1, r2 = linear_chain(scripts, 2)
    (scripts.versions / f"{r1}_step_1.sql").write_text(
        sql_revision(r1, None, "CREATE TABLE t1 (id INTEGER);", None))
    res = fails(fleet("downgrade", f"{r2}:base", "--sql", *scripts.args(db)), 2)
    assert r1 in res.err and "no downgrade section" in res.err, res
    assert "DROP TABLE t2" not in res.out, res


@pytest.mark.parametrize("sql", [False, True])
def test_downgrade_through_yaml_revision_with_sql_and_no_downgrade(fleet, scripts, db, sql):
    r1, r2, r3 = linear_chain(scripts, 3)
    path = scripts.versions / f"{r2}_step_2.sql"
    path.unlink()
    path = scripts.versions / f"{r2}_step_2.yaml"
    path.write_text(f"revision: {r2}\ndown_revision: {r1}\nmessage: step 2\nupgrade:\n"
                    "  - execute: CREATE TABLE t2 (id INTEGER PRIMARY KEY)\n")
    ok(fleet("upgrade", "head", *scripts.args(db)))
    before = snapshot(db)
    extra = ["--sql"] if sql else []
    target = f"{r3}:base" if sql else "base"
    res = fails(fleet("downgrade", target, *extra, *scripts.args(db)), 2)
    # The step is named by its file and line: its downgrade cannot be derived.
    assert (f"{path}:5: revision {r2} has no downgrade section and its downgrade cannot be "
            "derived: execute cannot be reversed") in res.err, res
    assert "Running downgrade" not in res.err and "DROP TABLE t3" not in res.out, res
    assert_untouched(db, before, res)


# ---- URLs and connections ---------------------------------------------------------------------

@pytest.mark.parametrize("url,why", [
    ("notaurl", "expected SCHEME://"),
    ("sqlite:/x.db", "expected SCHEME://"),
    ("mysql://u@localhost/db", "unknown scheme 'mysql'"),
    ("postgresql://u:secretpw@localhost:notaport/db", "port"),
    ("postgresql://u:secretpw@[::1/db", "["),
], ids=["no-scheme", "sqlite-one-slash", "unknown-scheme", "bad-port", "unclosed-ipv6"])
def test_unparsable_url(fleet, scripts, tmp_path, url, why):
    linear_chain(scripts, 1)
    fleet.secrets.add("secretpw")
    res = fails(fleet("upgrade", "head", "--url", url, "--script-location", scripts.root,
                      cwd=tmp_path), 2)
    assert "invalid database URL" in res.err and why in res.err, res
    assert sorted(p.name for p in tmp_path.iterdir()) == ["migrations"], "something was created"


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@pytest.mark.parametrize("form", ["userinfo", "query"])
def test_unreachable_postgresql_server(fleet, scripts, form):
    linear_chain(scripts, 1)
    port = closed_port()
    url = (f"postgresql://user:secretpw@127.0.0.1:{port}/db" if form == "userinfo"
           else f"postgresql://user@127.0.0.1:{port}/db?password=secretpw")
    fleet.secrets.add("secretpw")
    res = fails(fleet("upgrade", "head", "--url", url, "--script-location", scripts.root), 1)
    assert "127.0.0.1" in res.err and str(port) in res.err, res
    assert "cannot connect" in res.err, res


def test_wrong_postgresql_password(fleet, scripts, pg):
    linear_chain(scripts, 1)
    db = pg.create()
    url = pg.url_for(db.name, password="wrongsecret123")
    fleet.secrets.add("wrongsecret123")
    res = fails(fleet("upgrade", "head", "--url", url, "--script-location", scripts.root), 1)
    assert "password authentication failed" in res.err, res
    assert db.tables() == set()


# ---- a SQL error in the third of five revisions ----------------------------------------------

def test_sql_error_in_third_of_five_leaves_nothing(fleet, scripts, db):
    revs = linear_chain(scripts, 5, fail_at=3)
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 1)
    assert f"revision {revs[2]} failed" in res.err, res
    assert "INSERT INTO no_such_table (id) VALUES (1)" in res.err, res
    assert SERVER_ERROR[db.kind] in res.err, res
    assert db.tables() == before[1] == set(), f"tables of the failed run remain:\n{res}"
    assert versions(db) == set()
    assert history(db) == []


def test_sql_error_in_third_of_five_from_an_upgraded_database(fleet, scripts, db):
    revs = linear_chain(scripts, 5, fail_at=3)
    ok(fleet("upgrade", revs[0], *scripts.args(db)))
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 1)
    assert f"revision {revs[2]} failed" in res.err, res
    assert_untouched(db, before, res)
    assert versions(db) == {revs[0]} and "t2" not in db.tables()


def inventory(path: Path, db, extra: str) -> Path:
    path.write_text(f"script_location: migrations\n{extra}\nenvironments:\n  dev:\n"
                    f"    databases:\n      - name: app\n        url: \"{db.url}\"\n")
    return path


def test_transaction_per_migration_keeps_the_revisions_before(fleet, scripts, db, tmp_path):
    revs = linear_chain(scripts, 5, fail_at=3)
    inv = inventory(tmp_path / "fleet.yaml", db, "transaction_per_migration: true")
    res = fails(fleet("-c", inv, "upgrade", "head"), 1)
    assert f"revision {revs[2]} failed" in res.err, res
    assert SERVER_ERROR[db.kind] in res.err, res
    assert {"t1", "t2"} <= db.tables(), res
    assert not {"t3", "t4", "t5"} & db.tables(), res
    assert versions(db) == {revs[1]}
    assert history(db) == [(revs[0], "upgrade", "done"), (revs[1], "upgrade", "done")]
    assert ok(fleet("-c", inv, "current")).out.strip() == revs[1]


def test_non_transactional_revision_that_fails_is_recorded(fleet, scripts, db):
    revs = linear_chain(scripts, 5, fail_at=3)
    path = scripts.versions / f"{revs[2]}_step_3.sql"
    text = path.read_text().replace("-- message: step 3\n",
                                    "-- message: step 3\n-- transactional: false\n")
    path.write_text(text)
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 1)
    assert f"revision {revs[2]} failed" in res.err, res
    assert SERVER_ERROR[db.kind] in res.err, res
    rows = history(db)
    assert (revs[2], "upgrade", "failed") in rows, rows
    assert all(r[0] not in revs[3:] for r in rows), rows
    assert versions(db) == {revs[1]}
    assert not {"t4", "t5"} & db.tables()
