"""Alembic projects shaped like real ones (reference_projects.py), imported
and run: batch mode on SQLite, an autocommit block around CREATE INDEX
CONCURRENTLY, a data migration through op.get_bind() (written by hand,
exit 1), an Enum on PostgreSQL, and every portable operation at once."""

from __future__ import annotations

import catalog
import reference_projects as ref
from fleet_cli import SqliteDb, fails, ok
from import_run import alembic, fleet_import, same_schema, target


def kinds(report) -> dict:
    return {r["revision"]: r["as"] for r in report["revisions"]}


def test_batch_mode_revisions_become_yaml_and_rebuild_sqlite_tables_like_alembic(fleet, tmp_path):
    ini = ref.write(tmp_path / "project", {"a1_create.py": ref.ACCOUNTS, "b2_batch.py": ref.BATCH},
                    env=ref.ENV_BATCH)
    scripts = tmp_path / "migrations"
    report = fleet_import(fleet, ini, scripts, "--dialect", "sqlite")
    assert kinds(report) == {"a1000000000a": "yaml", "b2000000000b": "yaml"}
    text = (scripts / "versions" / "b2_batch.yaml").read_text()
    assert "batch_alter_table" not in text and "- alter_column:" in text and "- add_column:" in text

    theirs, ours = SqliteDb(tmp_path / "alembic.db"), SqliteDb(tmp_path / "fleet.db")
    alembic(ini, theirs.url, "upgrade", "head")
    alembic(ini, ours.url, "upgrade", "a1000000000a")
    ok(fleet("upgrade", "head", *target(ours, scripts)))
    same_schema(theirs, ours, "sqlite", "upgrade head")
    assert catalog.rows(ours, "accounts")[0][:2] == (1, "Ann@Example.com")
    alembic(ini, theirs.url, "downgrade", "a1000000000a")
    ok(fleet("downgrade", "a1000000000a", *target(ours, scripts)))
    same_schema(theirs, ours, "sqlite", "downgrade to the first revision")


def test_batch_mode_beside_an_update_becomes_yaml_with_an_execute_step(fleet, tmp_path):
    ini = ref.write(tmp_path / "project", {"a1_create.py": ref.ACCOUNTS,
                                           "b6_nicks.py": ref.BATCH_UPDATE}, env=ref.ENV_BATCH)
    scripts = tmp_path / "migrations"
    report = fleet_import(fleet, ini, scripts, "--dialect", "sqlite")
    assert kinds(report) == {"a1000000000a": "yaml", "b6000000000b": "yaml"}
    text = (scripts / "versions" / "b6_nicks.yaml").read_text()
    assert '- execute: "UPDATE accounts SET nick = lower(email)"' in text, text

    theirs, ours = SqliteDb(tmp_path / "alembic.db"), SqliteDb(tmp_path / "fleet.db")
    alembic(ini, theirs.url, "upgrade", "head")
    alembic(ini, ours.url, "upgrade", "a1000000000a")
    ok(fleet("upgrade", "head", *target(ours, scripts)))
    same_schema(theirs, ours, "sqlite", "upgrade head")
    assert ours.query("SELECT id, nick FROM accounts ORDER BY id") == \
        [(1, "ann@example.com"), (2, "bob@example.com")]
    ok(fleet("downgrade", "base", *target(ours, scripts)))
    alembic(ini, theirs.url, "downgrade", "base")
    same_schema(theirs, ours, "sqlite", "downgrade base")


def test_an_autocommit_block_becomes_sql_run_outside_a_transaction_on_postgresql(fleet, pg, tmp_path):
    ini = ref.write(tmp_path / "project", {"a1_create.py": ref.ACCOUNTS,
                                           "c3_concurrently.py": ref.CONCURRENTLY})
    scripts = tmp_path / "migrations"
    report = fleet_import(fleet, ini, scripts, "--dialect", "postgresql")
    assert kinds(report) == {"a1000000000a": "yaml", "c3000000000c": "sql"}
    text = (scripts / "versions" / "c3_concurrently.sql").read_text()
    assert "-- transactional: false" in text
    assert "-- +upgrade postgresql\nCREATE INDEX CONCURRENTLY ix_accounts_email ON accounts (email);" \
        in text
    assert "COMMIT" not in text and "BEGIN" not in text

    theirs, ours = pg.create(), pg.create()
    alembic(ini, theirs.url, "upgrade", "head")
    ok(fleet("upgrade", "head", *target(ours, scripts)))
    same_schema(theirs, ours, "postgresql", "upgrade head")
    assert "ix_accounts_email" in catalog.read(ours)["tables"]["accounts"]["indexes"]
    ok(fleet("downgrade", "base", *target(ours, scripts)))
    alembic(ini, theirs.url, "downgrade", "base")
    same_schema(theirs, ours, "postgresql", "downgrade base")


def test_a_revision_that_reads_the_database_is_left_to_write_by_hand(fleet, tmp_path):
    ini = ref.write(tmp_path / "project", {"a1_create.py": ref.ACCOUNTS,
                                           "d4_data.py": ref.DATA_MIGRATION,
                                           "e5_note.py": ref.AFTER_DATA})
    scripts = tmp_path / "migrations"
    res = fleet("import", "alembic", ini, "--to", scripts)
    assert res.rc == 1, res
    assert "1 by hand" in res.out and "To write by hand" in res.out
    assert "d4000000000d" in res.out.split("To write by hand")[1]
    report = fleet_import(fleet, ini, tmp_path / "again", rc=1)
    assert kinds(report) == {"a1000000000a": "yaml", "d4000000000d": "by_hand",
                             "e5000000000e": "yaml"}
    assert report["exit_code"] == 1 and report["summary"]["by_hand"] == 1
    text = (scripts / "versions" / "d4_data.sql").read_text()
    assert "--       conn = op.get_bind()" in text    # its source, as comments
    assert "must be written by hand" in text
    # Its downgrade() could be captured (it does nothing): only the upgrade fails.
    assert "-- +downgrade sqlite\n-- nothing to run on sqlite\n" in text

    db = SqliteDb(tmp_path / "app.db")
    ok(fleet("upgrade", "a1000000000a", *target(db, scripts)))
    res = fails(fleet("upgrade", "head", *target(db, scripts)), 1)
    assert "must be written by hand" in res.err
    assert ok(fleet("current", *target(db, scripts))).out.split()[0] == "a1000000000a"


def test_a_dialect_test_becomes_sql_captured_per_dialect(fleet, tmp_path):
    ini = ref.write(tmp_path / "project", {"a1_create.py": ref.ACCOUNTS,
                                           "a8_dialect.py": ref.DIALECT_TEST})
    scripts = tmp_path / "migrations"
    report = fleet_import(fleet, ini, scripts)
    assert kinds(report) == {"a1000000000a": "yaml", "a8000000000a": "sql"}
    assert "get_context" in report["revisions"][1]["reason"]
    text = (scripts / "versions" / "a8_dialect.sql").read_text()
    assert "-- +upgrade postgresql\nCREATE INDEX ix_accounts_email ON accounts (lower(email));" \
        in text
    assert "-- +upgrade sqlite\nCREATE INDEX ix_accounts_email ON accounts (email);" in text

    theirs, ours = SqliteDb(tmp_path / "alembic.db"), SqliteDb(tmp_path / "fleet.db")
    alembic(ini, theirs.url, "upgrade", "head")
    ok(fleet("upgrade", "head", *target(ours, scripts)))
    same_schema(theirs, ours, "sqlite", "upgrade head")
    ok(fleet("downgrade", "base", *target(ours, scripts)))
    alembic(ini, theirs.url, "downgrade", "base")
    same_schema(theirs, ours, "sqlite", "downgrade base")


def test_an_enum_becomes_a_portable_enum_type_on_postgresql(fleet, pg, tmp_path):
    ini = ref.write(tmp_path / "project", {"f6_moods.py": ref.ENUM})
    scripts = tmp_path / "migrations"
    assert kinds(fleet_import(fleet, ini, scripts)) == {"f6000000000f": "yaml"}
    text = (scripts / "versions" / "f6_moods.yaml").read_text()
    assert '{enum: mood, values: ["happy", "sad", "so-so"]}' in text

    theirs, ours = pg.create(), pg.create()
    alembic(ini, theirs.url, "upgrade", "head")
    ok(fleet("upgrade", "head", *target(ours, scripts)))
    same_schema(theirs, ours, "postgresql", "upgrade head")
    assert catalog.read(ours)["enums"] == {"mood": ["happy", "sad", "so-so"]}
    # Alembic's drop_table leaves the type behind; fleet drops the type its
    # last column no longer uses.
    ok(fleet("downgrade", "base", *target(ours, scripts)))
    assert catalog.read(ours)["enums"] == {} and catalog.read(ours)["tables"] == {}


def test_every_portable_operation_becomes_yaml_building_alembics_schema_on_postgresql(fleet, pg,
                                                                               tmp_path):
    ini = ref.write(tmp_path / "project", {"a1_create.py": ref.ACCOUNTS,
                                           "a7_every.py": ref.EVERY_OP})
    scripts = tmp_path / "migrations"
    assert kinds(fleet_import(fleet, ini, scripts)) == {"a1000000000a": "yaml",
                                                        "a7000000000a": "yaml"}
    theirs, ours = pg.create(), pg.create()
    alembic(ini, theirs.url, "upgrade", "head")
    ok(fleet("upgrade", "head", *target(ours, scripts)))
    same_schema(theirs, ours, "postgresql", "upgrade head")
    alembic(ini, theirs.url, "downgrade", "a1000000000a")
    ok(fleet("downgrade", "a1000000000a", *target(ours, scripts)))
    same_schema(theirs, ours, "postgresql", "downgrade to the first revision")
