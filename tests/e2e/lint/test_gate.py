"""The gate: `upgrade` and `plan` run the safety check on what they would
apply, before any target is touched. An index built without CONCURRENTLY on
a table of 500,000 rows is an error: the upgrade refuses (exit 2) with both
tenants untouched; a waiver with a reason in the revision, or
--allow-hazards, lets it through; a waiver without a reason is bad input
naming its file and line."""

from __future__ import annotations

from conftest import BASE
from fleet_cli import fails, ok, versions

INDEX = "b2000000idx1"
CREATE_INDEX = "CREATE INDEX orders_customer ON orders (customer_id);"


def indexes(db) -> set[str]:
    return {r[0] for r in db.query("SELECT indexname FROM pg_indexes WHERE tablename = 'orders'")}


def untouched(shop):
    for db in (shop.big, shop.empty):
        assert versions(db) == {BASE}
        assert "orders_customer" not in indexes(db)


def test_an_error_finding_refuses_the_upgrade_before_the_canary(shop):
    shop.revision(INDEX, CREATE_INDEX, "DROP INDEX orders_customer;")
    res = fails(shop.run("upgrade", "head", "--env", "prod"), 2)
    assert "create-index-locks-writes" in res.err, res
    assert "prod/big" in res.err, res
    assert "nothing was run" in res.err, res
    untouched(shop)
    # plan says the same, and changes nothing either.
    res = fails(shop.run("plan", "--env", "prod"), 2)
    assert "create-index-locks-writes" in res.err, res
    untouched(shop)


def test_a_waiver_with_a_reason_lets_it_through(shop):
    shop.revision(INDEX, "-- fleet:allow create-index-locks-writes orders is written only at "
                  "night; the build takes 2 s\n" + CREATE_INDEX, "DROP INDEX orders_customer;")
    res = ok(shop.run("upgrade", "head", "--env", "prod"))
    for db in (shop.big, shop.empty):
        assert versions(db) == {INDEX}, res
        assert "orders_customer" in indexes(db)


def test_allow_hazards_lets_it_through_for_one_run(shop):
    shop.revision(INDEX, CREATE_INDEX, "DROP INDEX orders_customer;")
    ok(shop.run("upgrade", "head", "--env", "prod", "--allow-hazards",
                "create-index-locks-writes"))
    assert versions(shop.big) == {INDEX}


def test_a_waiver_without_a_reason_is_refused_at_its_line(shop):
    path = shop.revision(INDEX, "-- fleet:allow create-index-locks-writes\n" + CREATE_INDEX,
                         "DROP INDEX orders_customer;")
    res = fails(shop.run("upgrade", "head", "--env", "prod"), 2)
    line = path.read_text().splitlines().index("-- fleet:allow create-index-locks-writes") + 1
    assert f"{path.name}:{line}" in res.err, res
    assert "reason" in res.err, res
    untouched(shop)


def test_the_safe_way_passes_the_gate(shop):
    shop.revision(INDEX, "CREATE INDEX CONCURRENTLY orders_customer ON orders (customer_id);",
                  "DROP INDEX CONCURRENTLY orders_customer;", transactional="false")
    ok(shop.run("upgrade", "head", "--env", "prod"))
    assert "orders_customer" in indexes(shop.big)
