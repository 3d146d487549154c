"""Fixtures of the lint end-to-end tests: `fleet` and `pg` from
tests/e2e/cli/fleet_fixtures.py (FLEET_BIN and FLEET_TEST_PG_URL required),
and `shop`: a PostgreSQL environment of two tenants, one whose `orders`
table holds 500,000 rows and one whose is empty."""

from __future__ import annotations

import os
import sys
import textwrap

sys.dont_write_bytecode = True
HERE = os.path.dirname(__file__)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "cli"))

import pytest  # noqa: E402

from fleet_cli import Scripts, ok, pg_admin_url  # noqa: E402
from fleet_fixtures import fleet, pg  # noqa: E402,F401

BASE = "a1000000base"
BIG_ROWS = 500_000


class Shop:
    """A project (fleet.yaml, migrations/) whose environment `prod` has the
    tenants big (500,000 orders) and empty, both at revision BASE."""

    def __init__(self, fleet, pg, root):
        self.fleet, self.root = fleet, root
        self.scripts = Scripts(root / "migrations")
        self.scripts.sql(BASE, None, """
            CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL,
                                 qty integer NOT NULL, note varchar(50));
        """, "DROP TABLE orders;", filename=f"{BASE}_orders.sql")
        self.big, self.empty = pg.create(), pg.create()
        (root / "fleet.yaml").write_text(textwrap.dedent(f"""\
            script_location: migrations
            dev_url: '{pg_admin_url()}'
            environments:
              prod:
                rollout: {{canary: 1, batch: 1}}
                databases:
                  - name: big
                    url: '{self.big.url}'
                  - name: empty
                    url: '{self.empty.url}'
            """))
        ok(self.run("upgrade", "head", "--env", "prod"))
        self.big.execute(f"INSERT INTO orders SELECT g, g % 1000, 1, 'x' "
                         f"FROM generate_series(1, {BIG_ROWS}) g; ANALYZE orders")

    def run(self, *args, **kw):
        return self.fleet(*args, cwd=self.root, **kw)

    def revision(self, rev: str, upgrade: str, downgrade: str = "SELECT 1;", **headers):
        return self.scripts.sql(rev, BASE, upgrade, downgrade, filename=f"{rev}_change.sql",
                                **headers)


@pytest.fixture
def shop(fleet, pg, tmp_path) -> Shop:
    return Shop(fleet, pg, tmp_path)
