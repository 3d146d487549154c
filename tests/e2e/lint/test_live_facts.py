"""Live facts decide per target: the same revision is an error on the tenant
whose table holds 500,000 rows and passes on the one whose table is empty;
a rule that applies only to older PostgreSQL versions (a constant default
rewrote the table before 11) does not flag targets on the test server's 15;
a transaction open now on a target is named."""

from __future__ import annotations

import json

import psycopg2

from fleet_cli import fails, ok

REV = "c3000000chg1"


def findings(res, rule: str) -> list[dict]:
    doc = json.loads(res.out)
    return [f for f in doc["findings"] if f["rule"] == rule]


def test_the_same_revision_is_an_error_on_a_large_table_and_passes_on_an_empty_one(shop):
    shop.revision(REV, "CREATE INDEX orders_customer ON orders (customer_id);")
    res = fails(shop.run("lint", "--env", "prod", "--format", "json"), 3)
    found = findings(res, "create-index-locks-writes")
    assert len(found) == 1, res
    assert found[0]["severity"] == "error"
    assert found[0]["targets"] == ["prod/big"], res
    assert found[0]["largest"]["target"] == "prod/big"
    assert 450_000 <= found[0]["largest"]["rows"] <= 550_000, found
    assert "prod/big" in found[0]["what"] or "500" in found[0]["what"], found
    # The empty tenant alone: nothing to stop.
    res = ok(shop.run("lint", "-n", "prod/empty", "--format", "json"))
    assert findings(res, "create-index-locks-writes") == [], res


def test_a_constant_default_is_no_rewrite_on_postgresql_15(shop):
    shop.revision(REV, "ALTER TABLE orders ADD COLUMN flagged boolean NOT NULL DEFAULT false;")
    res = shop.run("lint", "--env", "prod", "--format", "json")
    doc = json.loads(res.out)
    rules = {f["rule"] for f in doc["findings"]}
    assert "rewrite-constant-default" not in rules, res
    assert "table-rewrite" not in rules, res
    # A volatile default rewrites on every version, and the large table says so.
    shop.revision(REV, "ALTER TABLE orders ADD COLUMN token double precision DEFAULT random();")
    res = fails(shop.run("lint", "--env", "prod", "--format", "json"), 3)
    assert [f["targets"] for f in findings(res, "rewrite-volatile-default")] == [["prod/big"]], res


def test_a_transaction_open_now_on_a_target_is_named(shop):
    shop.revision(REV, "ALTER TABLE orders ADD COLUMN flagged boolean;")
    holder = psycopg2.connect(shop.empty.url)
    try:
        with holder.cursor() as cur:
            cur.execute("SELECT count(*) FROM orders")  # a transaction is now open
        res = shop.run("lint", "--env", "prod", "--format", "json")
        found = findings(res, "long-transaction-open")
        assert any("prod/empty" in f["targets"] for f in found), res
    finally:
        holder.close()
