"""What the fault tests share beyond tests/e2e/cli/fleet_cli.py: a chain of
revisions whose every step writes rows naming itself (so a step applied twice
or lost shows), a fleet of SQLite files and PostgreSQL databases behind one
inventory, and the check that a target's version table, data rows and
fleet_history tell the same story."""

from __future__ import annotations

import re
import sqlite3
import textwrap
from collections import Counter
from pathlib import Path

from fleet_cli import PgDb, PgServer

# Each revision inserts this many rows (rev, n) into `steps`: a step run twice
# doubles its count, a lost one has none.
ROWS_PER_STEP = 3
CHAIN_LENGTH = 6


def rev_id(i: int) -> str:
    return f"f{i:02d}fa017c0de{i:02d}"


REVS = [rev_id(i) for i in range(1, CHAIN_LENGTH + 1)]
HEAD = REVS[-1]


def step_rows(rev: str) -> str:
    values = ", ".join(f"('{rev}', {n})" for n in range(1, ROWS_PER_STEP + 1))
    return f"INSERT INTO steps (rev, n) VALUES {values};"


def write_chain(root: Path, busy_rows: int = 0, extra: dict[int, str] | None = None) -> list[str]:
    """Writes REVS into root/versions. Revision 1 creates `steps`; every
    revision i creates table t<i>, fills it with busy_rows generated rows (work
    that keeps a transaction open long enough to be killed inside it) and
    inserts its ROWS_PER_STEP rows into `steps`; each downgrade undoes exactly
    that. extra[i] is more upgrade SQL for revision i (after its rows)."""
    versions = Path(root) / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    down = ""
    for i, rev in enumerate(REVS, start=1):
        up = []
        if i == 1:
            up.append("CREATE TABLE steps (rev VARCHAR(32) NOT NULL, n INTEGER NOT NULL);")
        up.append(f"CREATE TABLE t{i} (id INTEGER NOT NULL, payload VARCHAR(64));")
        if busy_rows:
            up.append(f"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                      f"WHERE x < {busy_rows}) INSERT INTO t{i} (id, payload) SELECT x, 'row ' || x FROM c;")
        up.append(step_rows(rev))
        if extra and i in extra:
            up.append(textwrap.dedent(extra[i]).strip())
        downgrade = [f"DELETE FROM steps WHERE rev = '{rev}';", f"DROP TABLE t{i};"]
        if i == 1:
            downgrade.append("DROP TABLE steps;")
        text = "\n".join([f"-- revision: {rev}", f"-- down_revision: {down}",
                          f"-- message: step {i}", "", "-- +upgrade", *up, "",
                          "-- +downgrade", *downgrade, ""])
        (versions / f"{rev}_step_{i}.sql").write_text(text)
        down = rev
    return list(REVS)


# ---- targets ---------------------------------------------------------------------------

class SqliteTarget:
    """A SQLite file. Reads open it read-write, as any next user would: a hot
    journal a killed writer left is rolled back by the first one to open it."""
    kind = "sqlite"

    def __init__(self, path: Path, name: str):
        self.path = Path(path)
        self.name = name

    @property
    def url(self) -> str:
        return "sqlite:///" + str(self.path.resolve())

    def query(self, sql: str, params=()) -> list:
        if not self.path.exists():
            return []
        con = sqlite3.connect(str(self.path), timeout=30)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def tables(self) -> set[str]:
        return {r[0] for r in self.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}

    def forget(self):
        """Back to never migrated: no file (nor journal, nor lock file)."""
        for suffix in ("", "-journal", "-fleet.lock"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)


class PgTarget:
    kind = "postgresql"

    def __init__(self, db: PgDb, name: str):
        self.db = db
        self.name = name
        self.url = db.url

    def query(self, sql: str, params=()) -> list:
        return self.db.query(sql.replace("?", "%s"), params)

    def tables(self) -> set[str]:
        return {r[0] for r in self.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}

    def forget(self):
        """Back to never migrated: every table dropped."""
        tables = self.tables()
        if tables:
            self.db.execute("DROP TABLE " + ", ".join(f'"{t}"' for t in sorted(tables)))




def make_fleet(pg: PgServer, root: Path, sqlite_count: int, pg_count: int) -> list:
    """sqlite_count files under root/tenants (not created: fleet makes them)
    and pg_count new PostgreSQL databases, SQLite first."""
    (root / "tenants").mkdir(parents=True, exist_ok=True)
    targets = [SqliteTarget(root / "tenants" / f"s{i:02d}.db", f"prod/s{i:02d}")
               for i in range(1, sqlite_count + 1)]
    targets += [PgTarget(db, f"prod/p{i:02d}")
                for i, db in enumerate(pg.create_numbered("faults", pg_count)[1], start=1)]
    return targets


def write_inventory(root: Path, targets: list, per_migration: bool = False, concurrency: int = 4,
                    lock_timeout: str = "120s") -> Path:
    """root/fleet.yaml: one environment `prod` holding the targets, scripts
    in root/migrations, no canary, every target in one batch."""
    lines = ["script_location: migrations",
             f"transaction_per_migration: {'true' if per_migration else 'false'}",
             f"lock: {{timeout: {lock_timeout}}}",
             f"rollout: {{concurrency: {concurrency}, per_host: {concurrency}, canary: 0, "
             f"batch: {len(targets)}}}",
             "environments:", "  prod:", "    databases:"]
    for t in targets:
        lines += [f"      - name: {t.name.split('/', 1)[1]}", f"        url: {t.url}"]
    path = root / "fleet.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


# ---- the check -------------------------------------------------------------------------

def level(target) -> int:
    """How many revisions of REVS the target has applied, after checking that
    its version table, its data and its fleet_history agree: each applied
    revision's table exists and its rows are in `steps` exactly once, no other
    revision has left anything, and for each revision the 'done' upgrade rows
    of fleet_history outnumber the 'done' downgrade rows by one exactly when
    it is applied (by none otherwise), with no row left 'running' or 'failed'
    (every revision here is transactional)."""
    tables = target.tables()
    rows = ({r[0] for r in target.query("SELECT version_num FROM alembic_version")}
            if "alembic_version" in tables else set())
    assert len(rows) <= 1, f"{target.name}: version rows {rows}"
    current = next(iter(rows)) if rows else None
    assert current is None or current in REVS, f"{target.name}: unknown version {current}"
    n = REVS.index(current) + 1 if current else 0
    applied = REVS[:n]

    steps = (Counter({r[0]: r[1] for r in target.query("SELECT rev, count(*) FROM steps GROUP BY rev")})
             if "steps" in tables else Counter())
    assert steps == Counter({r: ROWS_PER_STEP for r in applied}), (
        f"{target.name} at {current}: rows per revision in steps {dict(steps)}, expected "
        f"{ROWS_PER_STEP} for each of {applied}")
    if n == 0:
        assert "steps" not in tables, f"{target.name}: steps table left at base"
    made = sorted(t for t in tables if t.startswith("t") and t[1:].isdigit())
    assert made == sorted(f"t{i}" for i in range(1, n + 1)), f"{target.name} at {current}: tables {made}"

    history = (target.query("SELECT revision, direction, outcome FROM fleet_history")
               if "fleet_history" in tables else [])
    outcomes = Counter(r[2] for r in history)
    assert set(outcomes) <= {"done"}, f"{target.name}: fleet_history outcomes {dict(outcomes)}"
    net = Counter()
    for revision, direction, _ in history:
        net[revision] += {"upgrade": 1, "downgrade": -1}.get(direction, 0)
    for rev in REVS:
        assert net[rev] == (1 if rev in applied else 0), (
            f"{target.name} at {current}: fleet_history has {net[rev]} more done upgrades than "
            f"downgrades of {rev}")
    return n


def upgrades_done(target) -> Counter:
    """How many 'done' upgrade rows fleet_history holds per revision."""
    if "fleet_history" not in target.tables():
        return Counter()
    return Counter({r[0]: r[1] for r in target.query(
        "SELECT revision, count(*) FROM fleet_history WHERE direction = 'upgrade' "
        "AND outcome = 'done' GROUP BY revision")})


def steps_run(progress_log: str) -> Counter:
    """Steps each target ran, from fleet's progress log (its stderr when not a
    terminal): the lines 'ENV/NAME: done in 183ms (6 steps)'."""
    return Counter({name: int(n) for name, n in
                    re.findall(r"^(\S+): done in \S+ \((\d+) steps?\)$", progress_log, re.M)})
