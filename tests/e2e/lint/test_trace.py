"""The dry run is truthful and leaves no trace: a rewrite hidden in a DO
block, which no reading of the SQL text can see, is found by the dry run on
a scratch database; and a lint over real targets changes nothing in them
(catalog and rows compared before and after) and leaves no scratch database
on the dev server."""

from __future__ import annotations

import json

from fleet_cli import assert_no_scratch_left, pg_admin_url, scratch_databases

REV = "d4000000hide"
HIDDEN = """
DO $$
BEGIN
  EXECUTE 'ALTER TABLE orders ALTER COLUMN qty TYPE bigint';
END
$$;
"""


def rules(res) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in json.loads(res.out)["findings"]:
        out.setdefault(f["rule"], []).append(f)
    return out


def state(db) -> tuple:
    """A database's catalog and data as plain values."""
    columns = db.query("SELECT table_name, column_name, data_type, is_nullable, column_default "
                       "FROM information_schema.columns WHERE table_schema = 'public' "
                       "ORDER BY 1, 2")
    relations = db.query("SELECT c.relname, c.relkind, c.relfilenode FROM pg_class c JOIN "
                         "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' "
                         "ORDER BY 1")
    data = db.query("SELECT count(*), sum(id), sum(qty), max(note) FROM orders")
    version = db.query("SELECT version_num FROM alembic_version")
    return (columns, relations, data, version)


def test_a_rewrite_hidden_in_a_do_block_is_found_by_the_dry_run(shop):
    shop.revision(REV, HIDDEN)
    # Without a database: every revision, on a scratch database of the dev server.
    res = shop.run("lint", "--dialect", "postgresql", "--format", "json")
    found = rules(res)
    assert "table-rewrite" in found or "rewrite-type-change" in found, res
    # Without the dry run, the DO block is opaque: the rewrite is not seen.
    res = shop.run("lint", "--dialect", "postgresql", "--no-dry-run", "--format", "json")
    found = rules(res)
    assert "table-rewrite" not in found and "rewrite-type-change" not in found, res


def test_linting_real_targets_leaves_no_trace(shop):
    shop.revision(REV, HIDDEN + "\nCREATE INDEX orders_qty ON orders (qty);\n"
                  "UPDATE orders SET note = 'changed';\n")
    before_scratch = scratch_databases()
    before = {db.name: state(db) for db in (shop.big, shop.empty)}
    res = shop.run("lint", "--env", "prod", "--format", "json")
    assert res.rc == 3, res
    found = rules(res)
    assert "table-rewrite" in found or "rewrite-type-change" in found, res
    after = {db.name: state(db) for db in (shop.big, shop.empty)}
    assert after == before
    assert_no_scratch_left(before_scratch)
    assert pg_admin_url()
