"""The flows an Alembic user knows, run through the fleet binary on SQLite and
PostgreSQL: init, revision, upgrade, downgrade, branches, merges, stamps, the
read-only commands, offline SQL, and the ways of naming the database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fleet_cli import Scripts, fails, history, linear_chain, ok, versions

GENERATED = re.compile(r"Generating (\S+) \.\.\.\s+done")


def generated_file(res) -> Path:
    """The file `fleet revision` / `merge` says it wrote."""
    found = GENERATED.findall(res.out)
    assert len(found) == 1, f"expected one 'Generating FILE ... done' line:\n{res}"
    return Path(found[0])


def set_sections(path: Path, upgrade: str, downgrade: str | None):
    """Replaces the template's sections the way a user edits the file."""
    text = path.read_text()
    header = text.split("-- +upgrade")[0]
    body = f"-- +upgrade\n{upgrade}\n"
    if downgrade is not None:
        body += f"\n-- +downgrade\n{downgrade}\n"
    path.write_text(header + body)


def init_project(fleet, tmp_path, db) -> tuple[Path, str]:
    """`fleet init proj`, with fleet.yaml pointed at db as the user is told to.
    Returns the project folder and the first revision's id."""
    res = ok(fleet("init", "proj", cwd=tmp_path))
    proj = tmp_path / "proj"
    assert (proj / "fleet.yaml").is_file()
    files = sorted((proj / "migrations" / "versions").iterdir())
    assert len(files) == 1, files
    first = files[0]
    m = re.fullmatch(r"([0-9a-f]{12})_create_example_table\.sql", first.name)
    assert m, first.name
    assert first.name in res.out, res
    inv = (proj / "fleet.yaml").read_text()
    assert "url: sqlite:///dev.db" in inv, inv
    if db.kind == "postgresql":
        inv = inv.replace("url: sqlite:///dev.db", f"url: {db.url}")
    else:
        inv = inv.replace("url: sqlite:///dev.db", f"url: sqlite:///{db.path.name}")
        db.path = proj / db.path.name
    (proj / "fleet.yaml").write_text(inv)
    return proj, m.group(1)


# ---- A. init, add a column, downgrade -1, upgrade again ------------------------------------

def test_init_creates_a_project_that_upgrades(fleet, tmp_path, db):
    proj, first = init_project(fleet, tmp_path, db)
    res = ok(fleet("upgrade", "head", cwd=proj))
    assert f"Running upgrade  -> {first}" in res.err, res
    assert {"example", "alembic_version", "fleet_history"} <= db.tables()
    assert db.columns("example") == ["id", "name"]
    assert versions(db) == {first}
    res = ok(fleet("current", cwd=proj))
    assert res.out.strip() == f"{first} (head)", res


def test_init_refuses_a_folder_that_is_not_empty(fleet, tmp_path):
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "keep.txt").write_text("mine")
    res = fleet("init", "proj", cwd=tmp_path)
    assert res.rc == 2, res
    assert "proj" in res.err, res
    assert (tmp_path / "proj" / "keep.txt").read_text() == "mine"
    assert not (tmp_path / "proj" / "fleet.yaml").exists()


def test_add_a_column_downgrade_and_upgrade_again(fleet, tmp_path, db):
    proj, first = init_project(fleet, tmp_path, db)
    ok(fleet("upgrade", "head", cwd=proj))

    res = ok(fleet("revision", "-m", "add email to example", cwd=proj))
    path = generated_file(res)
    m = re.fullmatch(r"([0-9a-f]{12})_add_email_to_example\.sql", path.name)
    assert m, path.name
    rev = m.group(1)
    assert rev != first
    text = path.read_text()
    assert f"-- revision: {rev}\n" in text
    assert f"-- down_revision: {first}\n" in text
    assert "-- message: add email to example\n" in text
    set_sections(path, "ALTER TABLE example ADD COLUMN email VARCHAR(255);",
                 "ALTER TABLE example DROP COLUMN email;")

    res = ok(fleet("heads", cwd=proj))
    assert res.out.strip() == f"{rev} (head)", res

    res = ok(fleet("upgrade", "head", cwd=proj))
    assert f"Running upgrade {first} -> {rev}, add email to example" in res.err, res
    assert db.columns("example") == ["id", "name", "email"]
    assert versions(db) == {rev}

    res = ok(fleet("downgrade", "-1", cwd=proj))
    assert f"Running downgrade {rev} -> {first}" in res.err, res
    assert db.columns("example") == ["id", "name"]
    assert versions(db) == {first}
    assert ok(fleet("current", cwd=proj)).out.strip() == first

    ok(fleet("upgrade", "head", cwd=proj))
    assert db.columns("example") == ["id", "name", "email"]
    assert versions(db) == {rev}
    assert ok(fleet("current", cwd=proj)).out.strip() == f"{rev} (head)"


def test_fleet_history_has_one_row_per_step(fleet, scripts, db):
    r1, r2, r3 = linear_chain(scripts, 3)
    a = scripts.args(db)
    ok(fleet("upgrade", "head", *a))
    assert history(db) == [(r1, "upgrade", "done"), (r2, "upgrade", "done"),
                           (r3, "upgrade", "done")]
    ok(fleet("downgrade", "-2", *a))
    assert history(db)[3:] == [(r3, "downgrade", "done"), (r2, "downgrade", "done")]
    assert versions(db) == {r1}
    rows = db.query("SELECT checksum, finished_at, fleet_version, host, duration_ms "
                    "FROM fleet_history")
    assert len(rows) == 5
    for checksum, finished, version, host, duration in rows:
        assert checksum and re.fullmatch(r"[0-9a-f]{64}", checksum), rows
        assert finished and version and host, rows
        assert duration is not None and int(duration) >= 0, rows


# ---- A. branches and merges --------------------------------------------------------------

@pytest.mark.parametrize("how", ["splice", "label"])
def test_branch_merge_and_upgrade_heads(fleet, scripts, db, how):
    a = scripts.args(db)
    root = "0000aaaa0001"
    res = ok(fleet("revision", "-m", "root", "--rev-id", root, *a))
    generated_file(res)
    ok(fleet("revision", "-m", "left", "--rev-id", "1111aaaa0001", *a))
    # A second revision on the same parent: a branch.
    extra = ["--branch-label", "feat"] if how == "label" else []
    refused = fleet("revision", "-m", "right", "--rev-id", "2222aaaa0001", "--head", root, *extra, *a)
    assert refused.rc == 2, refused
    assert root in refused.err and "--splice" in refused.err, refused
    ok(fleet("revision", "-m", "right", "--rev-id", "2222aaaa0001", "--head", root,
             "--splice", *extra, *a))

    res = ok(fleet("heads", *a))
    lines = sorted(res.out.strip().splitlines())
    label = " (feat)" if how == "label" else ""
    assert lines == ["1111aaaa0001 (head)", f"2222aaaa0001{label} (head)"], res

    res = ok(fleet("branches", *a))
    assert f"{root} (branchpoint)" in res.out, res
    assert "-> 1111aaaa0001 (head)" in res.out and "-> 2222aaaa0001" in res.out, res

    before = db.tables()
    res = fails(fleet("upgrade", "head", *a), 2)
    assert "head" in res.err, res
    assert db.tables() == before

    if how == "label":
        ok(fleet("upgrade", "feat@head", *a))
        assert versions(db) == {"2222aaaa0001"}

    ok(fleet("upgrade", "heads", *a))
    assert versions(db) == {"1111aaaa0001", "2222aaaa0001"}
    res = ok(fleet("current", *a))
    assert sorted(res.out.strip().splitlines()) == ["1111aaaa0001 (head)", "2222aaaa0001 (head)"], res

    res = ok(fleet("merge", "heads", "-m", "merge branches", "--rev-id", "3333aaaa0001", *a))
    path = generated_file(res)
    assert path.name == "3333aaaa0001_merge_branches.sql"
    text = path.read_text()
    m = re.search(r"^-- down_revision: (.*)$", text, re.M)
    assert m and {s.strip() for s in m.group(1).split(",")} == {"1111aaaa0001", "2222aaaa0001"}, text

    res = ok(fleet("heads", *a))
    assert res.out.strip().splitlines() == [f"3333aaaa0001{label} (head)"], res
    ok(fleet("upgrade", "head", *a))
    assert versions(db) == {"3333aaaa0001"}
    assert db.query("SELECT COUNT(*) FROM alembic_version")[0][0] == 1

    # and back through the merge and both branches
    ok(fleet("downgrade", root, *a))
    assert versions(db) == {root}


def test_upgrade_head_with_two_heads_names_both(fleet, scripts, db):
    scripts.sql("0000aaaa0001", None)
    scripts.sql("1111aaaa0001", "0000aaaa0001")
    scripts.sql("2222aaaa0001", "0000aaaa0001")
    before = (db.exists(), db.tables())
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 2)
    assert "1111aaaa0001" in res.err and "2222aaaa0001" in res.err, \
        f"the error should name both heads:\n{res}"
    assert (db.exists(), db.tables()) == before


# ---- A. stamp ----------------------------------------------------------------------------

def test_stamp_an_existing_database(fleet, scripts, db):
    # The schema was made by hand; the revisions would fail if they ran again.
    scripts.sql("5a5a00000001", None, "CREATE TABLE accounts (id INTEGER PRIMARY KEY);",
                "DROP TABLE accounts;", message="accounts")
    scripts.sql("5a5a00000002", "5a5a00000001",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY);", "DROP TABLE orders;",
                message="orders")
    db.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY);"
               "CREATE TABLE orders (id INTEGER PRIMARY KEY);"
               "INSERT INTO accounts (id) VALUES (7);")
    a = scripts.args(db)

    res = ok(fleet("stamp", "head", *a))
    assert versions(db) == {"5a5a00000002"}
    assert db.tables() - {"alembic_version", "fleet_history"} == {"accounts", "orders"}
    assert db.query("SELECT id FROM accounts") == [(7,)]
    assert "Running upgrade" not in res.err, res
    assert ok(fleet("current", *a)).out.strip() == "5a5a00000002 (head)"
    # nothing left to run
    ok(fleet("upgrade", "head", *a))
    assert db.query("SELECT id FROM accounts") == [(7,)]

    ok(fleet("stamp", "5a5a00000001", *a))
    assert versions(db) == {"5a5a00000001"}
    assert db.tables() - {"alembic_version", "fleet_history"} == {"accounts", "orders"}

    # A version row fleet does not know: plain stamp refuses, --purge starts over.
    db.execute("INSERT INTO alembic_version (version_num) VALUES ('feedfacecafe')")
    res = fails(fleet("stamp", "head", *a), 2)
    assert "feedfacecafe" in res.err, res
    assert versions(db) == {"5a5a00000001", "feedfacecafe"}
    ok(fleet("stamp", "--purge", "head", *a))
    assert versions(db) == {"5a5a00000002"}


# ---- A. current, history, show, branches ----------------------------------------------------

def test_current_check_heads_history_and_show(fleet, scripts, db):
    r1, r2, r3 = linear_chain(scripts, 3)
    a = scripts.args(db)
    ok(fleet("upgrade", r2, *a))

    res = ok(fleet("current", *a))
    assert res.out.strip() == r2, res
    res = fails(fleet("current", "--check-heads", *a), 3)
    assert r2 in res.err and r3 in res.err, res

    res = ok(fleet("history", *a))
    assert res.out.strip().splitlines() == [
        f"{r2} -> {r3} (head), step 3",
        f"{r1} -> {r2}, step 2",
        f"<base> -> {r1}, step 1",
    ], res

    res = ok(fleet("history", "-r", f"{r1}:{r2}", *a))
    assert res.out.strip().splitlines() == [f"{r1} -> {r2}, step 2",
                                            f"<base> -> {r1}, step 1"], res

    res = ok(fleet("history", "--indicate-current", *a))
    lines = res.out.strip().splitlines()
    assert lines[1] == f"{r1} -> {r2} (current), step 2", res
    assert "(current)" not in lines[0] and "(current)" not in lines[2], res

    res = ok(fleet("history", "-r", "current:", *a))
    assert [l.split(",")[0] for l in res.out.strip().splitlines()] == \
        [f"{r2} -> {r3} (head)", f"{r1} -> {r2}"], res

    res = ok(fleet("show", r2[:8], *a))
    assert f"Rev: {r2}" in res.out and f"Parent: {r1}" in res.out, res
    assert f"{r2}_step_2.sql" in res.out and "step 2" in res.out, res

    res = ok(fleet("branches", *a))
    assert res.out.strip() == "", res

    ok(fleet("upgrade", "head", *a))
    assert ok(fleet("current", "--check-heads", *a)).out.strip() == f"{r3} (head)"


def test_read_only_commands_create_nothing(fleet, scripts, db):
    linear_chain(scripts, 2)
    a = scripts.args(db)
    db.execute("CREATE TABLE mine (id INTEGER)")
    for cmd in (["current"], ["history", "-i"], ["heads"], ["branches"], ["show", "head"],
                ["current", "--check-heads"]):
        res = fleet(*cmd, *a)
        assert res.rc in (0, 3), res
        assert db.tables() == {"mine"}, f"{cmd} changed the database:\n{res}"


# ---- A. offline SQL ---------------------------------------------------------------------

def test_upgrade_sql_prints_the_run_and_touches_nothing(fleet, scripts, db):
    scripts.sql("0ff1e0000001", None, "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;",
                message="one")
    scripts.write("0ff1e0000002_two.sql", "\n".join([
        "-- revision: 0ff1e0000002", "-- down_revision: 0ff1e0000001", "-- message: two", "",
        "-- +upgrade", "CREATE TABLE t2 (id INTEGER);", "",
        "-- +upgrade postgresql", "CREATE TABLE t2_pg (id INTEGER);", "",
        "-- +upgrade sqlite", "CREATE TABLE t2_lite (id INTEGER);", "",
        "-- +downgrade", "DROP TABLE t2;", ""]))
    before = (db.exists(), db.tables())
    res = ok(fleet("upgrade", "head", "--sql", *scripts.args(db)))
    out = res.out
    assert (db.exists(), db.tables()) == before, "--sql touched the database"
    assert out.lstrip().startswith("BEGIN;"), res
    assert out.rstrip().endswith("COMMIT;"), res
    assert "CREATE TABLE alembic_version" in out
    assert "CREATE TABLE t1 (id INTEGER);" in out
    mine = "t2_pg" if db.kind == "postgresql" else "t2_lite"
    other = "t2_lite" if db.kind == "postgresql" else "t2_pg"
    assert f"CREATE TABLE {mine} (id INTEGER);" in out, res
    assert other not in out and "CREATE TABLE t2 " not in out, res
    assert "INSERT INTO alembic_version (version_num) VALUES ('0ff1e0000001');" in out, res
    assert re.search(r"UPDATE alembic_version SET version_num\s*=\s*'0ff1e0000002'", out), res
    # statements in run order
    assert out.index("CREATE TABLE t1") < out.index(f"CREATE TABLE {mine}") \
        < out.index("'0ff1e0000002'")


def test_downgrade_range_sql(fleet, scripts, db):
    r1, r2, r3 = linear_chain(scripts, 3)
    before = (db.exists(), db.tables())
    res = ok(fleet("downgrade", f"{r3}:{r1}", "--sql", *scripts.args(db)))
    out = res.out
    assert (db.exists(), db.tables()) == before, "--sql touched the database"
    assert "BEGIN;" in out and "COMMIT;" in out, res
    assert "DROP TABLE t3;" in out and "DROP TABLE t2;" in out, res
    assert "DROP TABLE t1;" not in out, res
    assert out.index("DROP TABLE t3;") < out.index("DROP TABLE t2;")
    assert re.search(rf"UPDATE alembic_version SET version_num\s*=\s*'{r1}'", out), res
    assert "CREATE TABLE alembic_version" not in out, res


def run_script(db, sql: str):
    """Runs a script the way a DBA would feed it to sqlite3 / psql."""
    db.execute(sql)


def test_offline_sql_applies_to_a_new_database(fleet, scripts, db):
    r1, r2, r3 = linear_chain(scripts, 3)
    sql = ok(fleet("upgrade", "head", "--sql", *scripts.args(db))).out
    run_script(db, sql)
    assert {"t1", "t2", "t3"} <= db.tables()
    assert versions(db) == {r3}
    assert ok(fleet("current", *scripts.args(db))).out.strip() == f"{r3} (head)"


def test_offline_sql_applies_to_a_database_fleet_upgraded(fleet, scripts, db):
    """A DBA runs `upgrade A:head --sql` output on a database fleet upgraded
    live to A: the script must run there (the history table already exists)."""
    r1, r2, r3 = linear_chain(scripts, 3)
    a = scripts.args(db)
    ok(fleet("upgrade", r1, *a))
    sql = ok(fleet("upgrade", f"{r1}:head", "--sql", *a)).out
    try:
        run_script(db, sql)
    except Exception as e:   # noqa: BLE001 - what the DBA would see
        pytest.fail(f"`fleet upgrade {r1}:head --sql` output fails on a database fleet "
                    f"upgraded to {r1}: {e}\n--- script ---\n{sql}")
    assert {"t1", "t2", "t3"} <= db.tables()
    assert versions(db) == {r3}
    sql = ok(fleet("downgrade", f"{r3}:{r1}", "--sql", *a)).out
    try:
        run_script(db, sql)
    except Exception as e:   # noqa: BLE001
        pytest.fail(f"`fleet downgrade {r3}:{r1} --sql` output fails on a database fleet "
                    f"upgraded to {r3}: {e}\n--- script ---\n{sql}")
    assert versions(db) == {r1}
    assert "t3" not in db.tables() and "t1" in db.tables()


# ---- A. naming the database: options anywhere, DATABASE_URL, inventories ---------------------

def test_options_before_or_after_the_command(fleet, scripts, db, tmp_path):
    r1, r2 = linear_chain(scripts, 2)
    ok(fleet("--url", db.url, "--script-location", scripts.root, "upgrade", r1))
    assert versions(db) == {r1}
    ok(fleet("upgrade", "head", "--url", db.url, "--script-location", scripts.root))
    assert versions(db) == {r2}
    ok(fleet("--url", db.url, "downgrade", "-1", "--script-location", scripts.root))
    assert versions(db) == {r1}
    res = ok(fleet("current", "--url", db.url, cwd=tmp_path))   # ./migrations by default
    assert res.out.strip() == r1, res


def test_database_url_from_the_environment(fleet, scripts, db, tmp_path):
    r1, r2 = linear_chain(scripts, 2)
    env = {"DATABASE_URL": db.url}
    ok(fleet("upgrade", r1, cwd=tmp_path, env=env))
    assert versions(db) == {r1}
    res = ok(fleet("current", cwd=tmp_path, env=env))
    assert res.out.strip() == r1, res
    ok(fleet("upgrade", "head", "--script-location", scripts.root, env=env))
    assert versions(db) == {r2}


def write_inventory(path: Path, scripts_rel: str, dbs: dict[str, str], extra: str = ""):
    lines = [f"script_location: {scripts_rel}", extra, "environments:", "  dev:",
             "    databases:"]
    for name, url in dbs.items():
        lines += [f"      - name: {name}", f"        url: \"{url}\""]
    path.write_text("\n".join(lines) + "\n")


def inventory_url(db, inv_dir: Path) -> str:
    """The database's URL as an inventory spells it: a relative SQLite path,
    a PostgreSQL password from the environment."""
    if db.kind == "sqlite":
        return "sqlite:///" + str(db.path.relative_to(inv_dir))
    import urllib.parse
    p = urllib.parse.urlsplit(db.url)
    return db.url.replace(":" + p.password + "@", ":${FLEET_CLI_PW}@")


def test_inventory_with_n_selecting_one_database(fleet, tmp_path, make_db, kind):
    conf = tmp_path / "conf"
    scripts = Scripts(conf / "migrations")
    r1, r2 = linear_chain(scripts, 2)
    one, two = make_db("one"), make_db("two")
    if kind == "sqlite":
        one.path, two.path = conf / "one.db", conf / "two.db"
    import urllib.parse
    env = {"FLEET_CLI_PW": urllib.parse.urlsplit(one.url).password or ""}
    inv = conf / "inv.yaml"
    write_inventory(inv, "migrations", {"one": inventory_url(one, conf),
                                        "two": inventory_url(two, conf)})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    ok(fleet("-c", inv, "-n", "two", "upgrade", r1, cwd=elsewhere, env=env))
    assert versions(two) == {r1}
    assert one.tables() == set()
    if kind == "sqlite":
        assert two.path.exists() and not one.path.exists(), \
            "a relative SQLite path is relative to the inventory's folder"

    ok(fleet("upgrade", "head", "-n", "dev/two", "--config", inv, cwd=elsewhere, env=env))
    assert versions(two) == {r2}
    assert one.tables() == set()

    env_cfg = dict(env, FLEET_CONFIG=str(inv))
    ok(fleet("-n", "dev/one", "upgrade", r1, cwd=elsewhere, env=env_cfg))
    assert versions(one) == {r1} and versions(two) == {r2}
    res = ok(fleet("current", "-n", "one", cwd=elsewhere, env=env_cfg))
    assert res.out.strip() == r1, res

    # ./fleet.yaml is found without -c
    (conf / "fleet.yaml").write_text(inv.read_text())
    res = ok(fleet("current", "-n", "two", cwd=conf, env=env))
    assert res.out.strip() == f"{r2} (head)", res

    # A read-only single-target command on two databases asks for one.
    res = fails(fleet("current", cwd=conf, env=env), 2)
    assert "dev/one" in res.err and "dev/two" in res.err, res

    # No -n: the whole environment, as a rollout; one line of summary.
    res = ok(fleet("upgrade", "head", cwd=conf, env=env))
    assert "2 target(s): 2 done, 0 failed, 0 skipped, 0 cancelled" in res.out, res
    assert versions(one) == {r2} and versions(two) == {r2}


def test_yaml_revision_written_by_fleet_loads(fleet, scripts, db):
    a = scripts.args(db)
    ok(fleet("revision", "-m", "first", "--rev-id", "ba5e00000001", *a))
    set_sections(scripts.versions / "ba5e00000001_first.sql",
                 "CREATE TABLE base_t (id INTEGER);", "DROP TABLE base_t;")
    res = ok(fleet("revision", "-m", "notes table", "--format", "yaml", *a))
    path = generated_file(res)
    m = re.fullmatch(r"([0-9a-f]{12})_notes_table\.yaml", path.name)
    assert m, path.name
    rev = m.group(1)
    # The untouched template loads and runs (no steps)...
    ok(fleet("upgrade", "head", *a))
    assert versions(db) == {rev}
    ok(fleet("downgrade", "-1", *a))
    # ... and with steps filled in, the way the template's comment shows.
    text = path.read_text()
    assert "down_revision: ba5e00000001" in text, text
    text = text.replace("upgrade: []", "upgrade:\n"
                        "  - execute: \"CREATE TABLE notes (id INTEGER PRIMARY KEY)\"\n"
                        "  - execute: {postgresql: \"CREATE TABLE pg_only (id INTEGER)\", "
                        "sqlite: \"CREATE TABLE lite_only (id INTEGER)\"}")
    text = text.replace("downgrade: []", "downgrade:\n"
                        "  - execute: {postgresql: \"DROP TABLE pg_only\", "
                        "sqlite: \"DROP TABLE lite_only\"}\n"
                        "  - execute: \"DROP TABLE notes\"")
    assert "CREATE TABLE notes" in text and "DROP TABLE notes" in text, text
    path.write_text(text)
    ok(fleet("upgrade", "head", *a))
    only = "pg_only" if db.kind == "postgresql" else "lite_only"
    assert {"base_t", "notes", only} <= db.tables()
    assert ({"pg_only", "lite_only"} - {only}).isdisjoint(db.tables())
    assert versions(db) == {rev}
    ok(fleet("downgrade", "-1", *a))
    assert "notes" not in db.tables() and only not in db.tables()
    assert versions(db) == {"ba5e00000001"}

    # --format before the command works too
    res = ok(fleet("--format", "yaml", "revision", "-m", "more", *a))
    assert generated_file(res).suffix == ".yaml"
