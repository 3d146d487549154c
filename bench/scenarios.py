"""Scenarios 1-7 and 9 of the benchmark (8 is autogen_scenario.py). Each builds its inputs in a work
folder, runs fleet, Alembic and the limit alternately, and returns rows for
the report: (scenario, contender, Measured)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

import migration_sets as sets
from measure import Measured, alternate, run
from peers import Alembic, Fleet, parallel, psql_command, psql_file, sqlite3_file


VERSION_QUERY = "SELECT version_num FROM alembic_version"


@dataclass
class Sizes:
    chain: int = 300          # scenario 1: revisions
    tenants: int = 200        # scenario 2: SQLite files
    tenant_revisions: int = 20
    pg_databases: int = 40    # scenario 3
    graph: int = 3000         # scenario 5: revisions
    scale: tuple = (100, 1000, 10000)  # scenario 6: SQLite tenants
    startup_repeats: int = 30  # scenario 7: one short command, run many times
    autogen_tables: int = 200  # scenario 8: tables of the declared schema
    lint_targets: int = 1000   # scenario 9: SQLite tenants linted
    repeats: int = 5
    jobs: int = 2             # parallel jobs of the limit, and fleet's concurrency


QUICK = Sizes(chain=20, tenants=6, tenant_revisions=4, pg_databases=3, graph=120,
              scale=(10, 20, 40), repeats=1, startup_repeats=1, autogen_tables=20,
              lint_targets=20)


@dataclass
class Result:
    scenario: str
    contender: str
    measured: Measured
    targets: int = 1


class Bench:
    def __init__(self, fleet_bin: str, workdir: str, pg_admin_url: str, sizes: Sizes):
        self.fleet = Fleet(fleet_bin)
        self.work = workdir
        self.pg_admin = pg_admin_url
        self.sizes = sizes
        self.contenders: set[str] = set()  # empty: all

    # -- helpers -----------------------------------------------------------
    def alternate(self, runners: dict, repeats: int, prepare=None) -> dict:
        """measure.alternate over the contenders chosen (--contenders)."""
        if self.contenders:
            runners = {k: v for k, v in runners.items() if k.split(" ")[0] in self.contenders}
        return alternate(runners, repeats, prepare)

    def folder(self, *parts: str) -> str:
        path = os.path.join(self.work, *parts)
        os.makedirs(path, exist_ok=True)
        return path

    def fresh(self, path: str) -> str:
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
        return path

    def projects(self, name: str, revisions: list) -> tuple[str, Alembic]:
        fleet_dir = sets.write_fleet(revisions, self.fresh(self.folder(name, "fleet")))
        ini = sets.write_alembic(revisions, self.fresh(self.folder(name, "alembic")))
        return fleet_dir, Alembic(ini)

    def offline_sql(self, url: str, script_location: str, args: list[str], path: str) -> str:
        """What fleet would run, as its offline SQL: the limit's input."""
        text = self.fleet.output(["--url", url, "--script-location", script_location, *args, "--sql"])
        with open(path, "w") as f:
            f.write(text)
        return path

    def pg_url(self, database: str) -> str:
        return self.pg_admin.rsplit("/", 1)[0] + "/" + database

    def pg_recreate(self, names: list[str]) -> None:
        # One -c each: CREATE DATABASE cannot run inside psql's implicit transaction.
        commands = []
        for n in names:
            commands += ["-c", f'DROP DATABASE IF EXISTS "{n}"', "-c", f'CREATE DATABASE "{n}"']
        result = subprocess.run(["psql", "-X", "-q", "-d", self.pg_admin, *commands],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"could not recreate the benchmark databases: {result.stderr[-500:]}")

    def check_versions(self, commands: list[list[str]], head: str) -> None:
        for command in commands:
            got = subprocess.run(command, capture_output=True, text=True).stdout.strip()
            if got != head:
                raise RuntimeError(f"a database is at {got or 'nothing'!r}, not at head {head}")

    def inventory(self, path: str, script_location: str, environments: dict[str, list[dict]],
                  concurrency: int) -> str:
        lines = [f"script_location: {script_location}",
                 f"rollout: {{concurrency: {concurrency}, per_host: {concurrency}, canary: 1, "
                 f"batch: \"100%\", max_failures: 0}}",
                 "environments:"]
        for env, databases in environments.items():
            lines.append(f"  {env}:")
            lines.append("    databases:")
            for d in databases:
                lines.append(f"      - name: {d['name']}")
                lines.append(f"        url: {d['url']}")
                if "for_each" in d:
                    lines.append(f"        for_each: {d['for_each']}")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    # -- 1. one SQLite file, a long realistic chain --------------------------
    def chain(self) -> list[Result]:
        s = self.sizes
        fleet_dir, alembic = self.projects("chain", sets.realistic_chain(s.chain))
        data = self.folder("chain", "data")
        db = os.path.join(data, "app.db")
        url = f"sqlite:///{db}"
        up_sql = self.offline_sql(url, fleet_dir, ["upgrade", "head"], os.path.join(data, "up.sql"))
        head = sets.realistic_chain(s.chain)[-1].id
        down_sql = self.offline_sql(url, fleet_dir, ["downgrade", f"{head}:base"],
                                    os.path.join(data, "down.sql"))
        fleet_args = ["--url", url, "--script-location", fleet_dir]

        def empty(_: str) -> None:
            for suffix in ("", "-journal", "-fleet.lock"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)

        def at_head(_: str) -> None:
            empty(_)
            self.fleet.run([*fleet_args, "upgrade", "head"])

        up = self.alternate({
            "fleet": lambda: self.fleet.run([*fleet_args, "upgrade", "head"]),
            "alembic": lambda: alembic.run(url, ["upgrade", "head"]),
            "limit": lambda: parallel([sqlite3_file(db, up_sql)], 1, data),
        }, s.repeats, prepare=empty)
        down = self.alternate({
            "fleet": lambda: self.fleet.run([*fleet_args, "downgrade", "base"]),
            "alembic": lambda: alembic.run(url, ["downgrade", "base"]),
            "limit": lambda: parallel([sqlite3_file(db, down_sql)], 1, data),
        }, s.repeats, prepare=at_head)
        name_up = f"1. SQLite, {s.chain} revisions: upgrade head"
        name_down = f"1. SQLite, {s.chain} revisions: downgrade base"
        return ([Result(name_up, k, m) for k, m in up.items()] +
                [Result(name_down, k, m) for k, m in down.items()])

    # -- 2. SQLite tenant files --------------------------------------------
    def sqlite_tenants(self) -> list[Result]:
        s = self.sizes
        revisions = sets.realistic_chain(s.tenant_revisions, seed=3)
        fleet_dir, alembic = self.projects("tenants", revisions)
        data = self.folder("tenants", "data")
        names = [f"t{i:05d}" for i in range(s.tenants)]
        files = [os.path.join(data, f"{n}.db") for n in names]
        # The shape of issue 10's measurement: for_each over a glob of tenant
        # files that already exist (empty, as a provisioning step leaves them),
        # concurrency 2, canary 1, then the rest in one batch.
        inventory = self.inventory(os.path.join(self.work, "tenants", "fleet.yaml"), fleet_dir, {
            "bench": [{"name": "tenant-{t}", "url": f"sqlite:///{data}/{{t}}",
                       "for_each": '{t: {glob: "data/t*.db"}}'}]}, s.jobs)
        up_sql = self.offline_sql(f"sqlite:///{files[0]}", fleet_dir, ["upgrade", "head"],
                                  os.path.join(self.work, "tenants", "up.sql"))

        def empty(_: str) -> None:
            self.fresh(data)
            for f in files:
                open(f, "w").close()

        measured = self.alternate({
            "fleet": lambda: self.fleet.run(["-c", inventory, "upgrade", "head", "--env", "bench"]),
            "alembic": lambda: alembic.loop([f"sqlite:///{f}" for f in files], ["upgrade", "head"]),
            "limit": lambda: parallel([sqlite3_file(f, up_sql) for f in files], s.jobs, self.work),
        }, s.repeats, prepare=empty)
        # The last run (the limit, running fleet's offline SQL) must have left
        # every tenant at head, or the comparison measured something else.
        self.check_versions([["sqlite3", f, VERSION_QUERY] for f in files], revisions[-1].id)
        name = f"2. {s.tenants} SQLite files x {s.tenant_revisions} revisions: upgrade head"
        return [Result(name, k, m, s.tenants) for k, m in measured.items()]

    # -- 3. PostgreSQL databases -------------------------------------------
    def pg_databases(self) -> list[Result]:
        s = self.sizes
        revisions = sets.realistic_chain(s.tenant_revisions, seed=4)
        fleet_dir, alembic = self.projects("pg", revisions)
        names = [f"bench_{i:03d}" for i in range(s.pg_databases)]
        urls = [self.pg_url(n) for n in names]
        inventory = self.inventory(os.path.join(self.work, "pg", "fleet.yaml"), fleet_dir, {
            "bench": [{"name": "db-{d}", "url": self.pg_url("{d}"),
                       "for_each": "{d: [" + ", ".join(names) + "]}"}]}, s.jobs)
        up_sql = self.offline_sql(urls[0], fleet_dir, ["upgrade", "head"],
                                  os.path.join(self.work, "pg", "up.sql"))

        measured = self.alternate({
            "fleet": lambda: self.fleet.run(["-c", inventory, "upgrade", "head", "--env", "bench"]),
            "alembic (a process per database)": lambda: alembic.loop(urls, ["upgrade", "head"]),
            "alembic (one process)": lambda: alembic.in_process(urls, ["upgrade", "head"]),
            "limit": lambda: parallel([psql_file(u, up_sql) for u in urls], s.jobs, self.work),
        }, s.repeats, prepare=lambda _: self.pg_recreate(names))
        self.check_versions([psql_command(u, VERSION_QUERY) for u in urls], revisions[-1].id)
        name = f"3. {s.pg_databases} PostgreSQL databases x {s.tenant_revisions} revisions: upgrade head"
        return [Result(name, k, m, s.pg_databases) for k, m in measured.items()]

    # -- 4. status of every database -----------------------------------------
    def status(self) -> list[Result]:
        s = self.sizes
        revisions = sets.realistic_chain(s.tenant_revisions, seed=5)
        fleet_dir, alembic = self.projects("status", revisions)
        data = self.fresh(self.folder("status", "data"))
        names = [f"t{i:05d}" for i in range(s.tenants)]
        files = [os.path.join(data, f"{n}.db") for n in names]
        pg_names = [f"status_{i:03d}" for i in range(s.pg_databases)]
        urls = [f"sqlite:///{f}" for f in files] + [self.pg_url(n) for n in pg_names]
        inventory = self.inventory(os.path.join(self.work, "status", "fleet.yaml"), fleet_dir, {
            "sqlite": [{"name": "tenant-{t}", "url": f"sqlite:///{data}/{{t}}.db",
                        "for_each": "{t: [" + ", ".join(names) + "]}"}],
            "postgres": [{"name": "db-{d}", "url": self.pg_url("{d}"),
                          "for_each": "{d: [" + ", ".join(pg_names) + "]}"}]}, s.jobs)
        self.pg_recreate(pg_names)
        for env in ("sqlite", "postgres"):
            self.fleet.run(["-c", inventory, "upgrade", "head", "--env", env])
        select = "SELECT version_num FROM alembic_version"
        limit = [["sqlite3", f, select] for f in files] + [psql_command(self.pg_url(n), select)
                                                          for n in pg_names]
        measured = self.alternate({
            "fleet": lambda: self.fleet.run(["-c", inventory, "status", "--format", "json"]),
            "alembic": lambda: alembic.loop(urls, ["current"]),
            "limit": lambda: parallel(limit, s.jobs, self.work),
        }, s.repeats)
        name = f"4. status of {len(urls)} databases"
        return [Result(name, k, m, len(urls)) for k, m in measured.items()]

    # -- 5. a large graph ----------------------------------------------------
    def graph(self) -> list[Result]:
        s = self.sizes
        revisions = sets.branchy_graph(s.graph)
        fleet_dir, alembic = self.projects("graph", revisions)
        url = f"sqlite:///{self.folder('graph')}/never-created.db"
        fleet_args = ["--url", url, "--script-location", fleet_dir]
        files = os.path.join(fleet_dir, "versions")
        results = []
        for label, args in [("heads", ["heads"]), ("history", ["history"]),
                            ("upgrade head --sql", ["upgrade", "head", "--sql"])]:
            measured = self.alternate({
                "fleet": lambda: self.fleet.run([*fleet_args, *args]),
                "alembic": lambda: alembic.run(url, args),
                "limit (cat)": lambda: parallel([["/bin/sh", "-c", f"cat {files}/*.sql > /dev/null"]],
                                                1, self.work),
            }, s.repeats)
            name = f"5. {s.graph}-revision graph: {label}"
            results += [Result(name, k, m) for k, m in measured.items()]
        return results

    # -- 6. scale ------------------------------------------------------------
    def scale(self) -> list[Result]:
        s = self.sizes
        revisions = sets.realistic_chain(1, seed=6)
        fleet_dir, _ = self.projects("scale", revisions)
        results = []
        for count in s.scale:
            data = self.folder("scale", f"data-{count}")
            names = [f"t{i:05d}" for i in range(count)]
            inventory = self.inventory(os.path.join(self.work, "scale", f"fleet-{count}.yaml"), fleet_dir, {
                "bench": [{"name": "tenant-{t}", "url": f"sqlite:///{data}/{{t}}.db",
                           "for_each": "{t: [" + ", ".join(names) + "]}"}]}, s.jobs)
            measured = self.alternate({
                "fleet": lambda: self.fleet.run(["-c", inventory, "upgrade", "head", "--env", "bench"]),
            }, max(1, min(s.repeats, 3)), prepare=lambda _: self.fresh(data))
            name = f"6. {count} SQLite tenants x 1 revision: upgrade head"
            results += [Result(name, k, m, count) for k, m in measured.items()]
        return results

    # -- 7. the fixed cost of one command --------------------------------------
    def startup(self) -> list[Result]:
        """What every command pays before its work: loading, start-up, one
        read of one database. The limit is the raw client doing that read."""
        s = self.sizes
        revisions = sets.realistic_chain(1, seed=7)
        fleet_dir, alembic = self.projects("startup", revisions)
        data = self.fresh(self.folder("startup", "data"))
        db = os.path.join(data, "app.db")
        sqlite_url = f"sqlite:///{db}"
        self.fleet.run(["--url", sqlite_url, "--script-location", fleet_dir, "upgrade", "head"])
        cases = [("fleet --help", {
            "fleet": lambda: self.fleet.run(["--help"]),
            "limit (/bin/true)": lambda: run(["/bin/true"]),
        }), ("current, SQLite", {
            "fleet": lambda: self.fleet.run(["--url", sqlite_url, "--script-location", fleet_dir,
                                             "current"]),
            "alembic": lambda: alembic.run(sqlite_url, ["current"]),
            "limit": lambda: run(["sqlite3", db, VERSION_QUERY]),
        })]
        if self.pg_admin:
            self.pg_recreate(["startup"])
            pg_url = self.pg_url("startup")
            self.fleet.run(["--url", pg_url, "--script-location", fleet_dir, "upgrade", "head"])
            cases.append(("current, PostgreSQL", {
                "fleet": lambda: self.fleet.run(["--url", pg_url, "--script-location", fleet_dir,
                                                 "current"]),
                "alembic": lambda: alembic.run(pg_url, ["current"]),
                "limit": lambda: run(psql_command(pg_url, VERSION_QUERY)),
            }))
        results = []
        for label, runners in cases:
            measured = self.alternate(runners, s.startup_repeats)
            results += [Result(f"7. one command: {label}", k, m) for k, m in measured.items()]
        return results

    # -- 9. lint over many targets ------------------------------------------
    def lint(self) -> list[Result]:
        """`fleet lint` over SQLite tenants with one revision pending (a
        whole-table UPDATE, an index, a rename: one finding on every tenant):
        every tenant's pending revisions planned, its facts read (rows and
        size of the tables touched) and the rules applied, against `fleet
        status` over the same tenants (one read each) and the limit: sqlite3
        reading each tenant's version and the touched table's row count."""
        s = self.sizes
        revisions = sets.realistic_chain(s.tenant_revisions, seed=9)
        table = next(stmt.split()[2] for r in revisions for stmt in r.upgrade
                     if stmt.upper().startswith("CREATE TABLE"))
        pending = sets.Revision(id="f9e8d7c6b5a4", down=(revisions[-1].id,), message="risky",
                                upgrade=[f"UPDATE {table} SET id = id",
                                         f"CREATE INDEX lint_bench_idx ON {table} (id)",
                                         f"ALTER TABLE {table} RENAME TO {table}_renamed"],
                                downgrade=[f"ALTER TABLE {table}_renamed RENAME TO {table}",
                                           "DROP INDEX lint_bench_idx"])
        fleet_dir, _ = self.projects("lint", revisions + [pending])
        data = self.fresh(self.folder("lint", "data"))
        names = [f"t{i:05d}" for i in range(s.lint_targets)]
        files = [os.path.join(data, f"{n}.db") for n in names]
        inventory = self.inventory(os.path.join(self.work, "lint", "fleet.yaml"), fleet_dir, {
            "bench": [{"name": "tenant-{t}", "url": f"sqlite:///{data}/{{t}}.db",
                       "for_each": "{t: [" + ", ".join(names) + "]}"}]}, s.jobs)
        self.fleet.run(["-c", inventory, "upgrade", revisions[-1].id, "--env", "bench"])
        read = f"SELECT version_num FROM alembic_version; SELECT count(*) FROM {table}"
        measured = self.alternate({
            "fleet": lambda: self.fleet.run(["-c", inventory, "lint", "--env", "bench",
                                                  "--format", "json"], ok_codes=(0, 3)),
            "fleet status": lambda: self.fleet.run(["-c", inventory, "status", "--env", "bench",
                                                    "--format", "json"], ok_codes=(0, 3)),
            "limit": lambda: parallel([["sqlite3", f, read] for f in files], s.jobs, self.work),
        }, s.repeats)
        name = f"9. lint of {s.lint_targets} SQLite tenants, 1 revision pending"
        return [Result(name, k, m, s.lint_targets) for k, m in measured.items()]
