"""What the sharding tests share: a fleet of SQLite files made by the test,
the examples' own command lines and environment read from their YAML, and N
processes started at once with the variables each engine would set.

The examples are the source of truth: a command or a variable changed in
examples/kubernetes or examples/ci changes what runs here. Only paths are
replaced (the inventory, the reports' folder), and `fleet` on PATH is the
binary under test."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from fleet_cli import Scripts, fleet_bin, linear_chain

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples"

# What stands in for the database password the examples take from a Secret
# or a CI variable.
SECRET = "not-a-real-password-4f1c"

# Variables of the machine running the tests that would change what fleet
# does: the engines' own (a test run inside GitLab CI has CI_NODE_INDEX) and
# fleet's.
_STRIPPED = ("JOB_COMPLETION_INDEX", "FLEET_SHARD_TOTAL", "CI_NODE_INDEX", "CI_NODE_TOTAL",
             "DATABASE_URL", "FLEET_CONFIG", "FLEET_TEST_PG_URL")


# ---- the slices, as inventory/shard.hpp defines them ---------------------------------

def fnv1a64(text: str) -> int:
    h = 14695981039346656037
    for byte in text.encode():
        h = ((h ^ byte) * 1099511628211) % 2**64
    return h


def slice_of(full_name: str, count: int) -> int:
    return fnv1a64(full_name) % count


# ---- the fleet ----------------------------------------------------------------------

@dataclass
class Fleet:
    root: Path                 # the jobs' working folder (the repository checkout)
    inventory: Path            # root/deploy/fleet.yaml, where the CI examples look
    revisions: list[str]
    dbs: dict[str, Path]       # "production/NAME" -> file, in inventory order

    @property
    def head(self) -> str:
        return self.revisions[-1]


def make_fleet(root: Path, targets: int, broken: tuple[str, ...] = ()) -> Fleet:
    """`production`: a canary and targets-1 tenant files found by a glob (so
    `targets` in all); `staging`: one file no production run may touch. A
    tenant in `broken` already has table t2, so revision 2 of 3 fails there."""
    deploy = root / "deploy"
    revisions = linear_chain(Scripts(deploy / "migrations"), 3)
    tenants = deploy / "dbs" / "tenants"
    tenants.mkdir(parents=True)
    dbs = {"production/canary": deploy / "dbs" / "canary.db"}
    for i in range(targets - 1):
        path = tenants / f"{i:04d}.db"
        path.touch()  # SQLite reads an empty file as an empty database
        dbs[f"production/tenant-{path.name}"] = path
    for name in broken:
        with sqlite3.connect(dbs[name]) as con:
            con.execute("CREATE TABLE t2 (id INTEGER)")
    inventory = deploy / "fleet.yaml"
    inventory.write_text(textwrap.dedent("""\
        script_location: migrations
        rollout: {concurrency: 4, max_failures: 10}
        environments:
          staging:
            databases:
              - name: app
                url: sqlite:///dbs/staging.db
          production:
            databases:
              - name: canary
                url: sqlite:///dbs/canary.db
              - name: tenant-{file}
                url: sqlite:///dbs/tenants/{file}
                for_each: {file: {glob: "dbs/tenants/*.db"}}
        """))
    return Fleet(root, inventory, revisions, dbs)


def history(path: Path) -> list[tuple]:
    """fleet_history as (run_id, revision, direction, outcome) rows."""
    if not path.exists() or path.stat().st_size == 0:
        return []
    con = sqlite3.connect(path)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "fleet_history" not in tables:
            return []
        return con.execute("SELECT run_id, revision, direction, outcome FROM fleet_history "
                           "ORDER BY started_at, step").fetchall()
    finally:
        con.close()


def version(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT version_num FROM alembic_version")}
    finally:
        con.close()


# ---- the processes ------------------------------------------------------------------

@dataclass
class Job:
    """One process an engine would start: a shell command and its variables."""
    name: str
    command: str
    env: dict = field(default_factory=dict)


@dataclass
class Finished:
    job: Job
    rc: int
    out: str
    err: str

    def __str__(self) -> str:
        return (f"{self.job.name}: sh -c {self.job.command!r}\n-> exit {self.rc}\n"
                f"--- stdout ---\n{self.out[-4000:]}--- stderr ---\n{self.err[-4000:]}")

    def json_lines(self) -> list[dict]:
        return [json.loads(line) for line in self.err.splitlines()]


def environment(root: Path, extra: dict) -> dict:
    """The machine's environment without the engines' variables, `fleet` (the
    binary under test) first on PATH, then what the example sets."""
    bin_dir = root / "bin"
    if not bin_dir.exists():
        bin_dir.mkdir()
        (bin_dir / "fleet").symlink_to(Path(fleet_bin()).resolve())
    env = {k: v for k, v in os.environ.items() if k not in _STRIPPED}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}"
    env.update({k: str(v) for k, v in extra.items()})
    return env


def run_at_once(jobs: list[Job], cwd: Path, timeout: float = 600) -> list[Finished]:
    """Starts every job, then waits for all: they run concurrently, as an
    engine's pods or CI jobs do. Output goes to files, so no pipe fills up."""
    logs = cwd / "job-logs"
    logs.mkdir(exist_ok=True)
    started = []
    for number, job in enumerate(jobs):
        out, err = logs / f"{number}.out", logs / f"{number}.err"
        with open(out, "w") as o, open(err, "w") as e:
            process = subprocess.Popen(["/bin/sh", "-c", job.command], cwd=cwd, env=job.env,
                                       stdout=o, stderr=e)
        started.append((job, process, out, err))
    finished = []
    deadline = time.monotonic() + timeout
    for job, process, out, err in started:
        try:
            rc = process.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            for _, p, _, _ in started:
                p.kill()
            pytest.fail(f"{job.name} did not finish in {timeout}s")
        finished.append(Finished(job, rc, out.read_text(), err.read_text()))
    return finished


def run_one(job: Job, cwd: Path) -> Finished:
    return run_at_once([job], cwd)[0]


# ---- the examples -------------------------------------------------------------------

@dataclass
class Example:
    """An example's three steps: the canary, N slices, the merge."""
    canary: Job
    slices: list[Job]          # index K = slice K/N
    merge: Job


def load(path: Path):
    return yaml.safe_load(path.read_text())


def _container(manifest: dict) -> dict:
    return manifest["spec"]["template"]["spec"]["containers"][0]


def _k8s_command(manifest: dict) -> str:
    container = _container(manifest)
    assert container["command"] == ["/bin/sh", "-c"], container
    return container["args"][0]


def _k8s_env(manifest: dict, replaced: dict) -> dict:
    """The container's variables; a Secret's value is SECRET; the paths in
    `replaced` point into the test's folder (each must be set by the
    manifest: a renamed variable fails here, not silently)."""
    env = {}
    for variable in _container(manifest).get("env", []):
        if "value" in variable:
            env[variable["name"]] = variable["value"]
        else:
            assert "secretKeyRef" in variable["valueFrom"], variable
            env[variable["name"]] = SECRET
    for name, value in replaced.items():
        if name in env:
            env[name] = str(value)
    return env


def kubernetes(fleet: Fleet, reports: Path) -> Example:
    """examples/kubernetes: the canary Job, the Indexed Job's N pods
    (JOB_COMPLETION_INDEX 0..N-1, as Kubernetes sets it), the merge Job."""
    folder = EXAMPLES / "kubernetes"
    replaced = {"FLEET_CONFIG": fleet.inventory, "FLEET_REPORTS": reports}
    canary = load(folder / "canary-job.yaml")
    sharded = load(folder / "sharded-job.yaml")
    merge = load(folder / "merge-job.yaml")
    spec = sharded["spec"]
    assert spec["completionMode"] == "Indexed", spec
    assert "backoffLimitPerIndex" in spec, spec
    count = spec["completions"]
    env = _k8s_env(sharded, replaced)
    assert env["FLEET_SHARD_TOTAL"] == str(count), "FLEET_SHARD_TOTAL must equal completions"
    assert {"FLEET_CONFIG", "FLEET_REPORTS"} <= set(env), env
    root = fleet.root
    return Example(
        canary=Job("canary Job", _k8s_command(canary),
                   environment(root, _k8s_env(canary, replaced))),
        slices=[Job(f"Indexed Job pod {k}", _k8s_command(sharded),
                    environment(root, {**env, "JOB_COMPLETION_INDEX": k}))
                for k in range(count)],
        merge=Job("merge Job", _k8s_command(merge), environment(root, _k8s_env(merge, replaced))))


def _gitlab_script(job: dict) -> str:
    # GitLab stops a job at its first failing line.
    return "set -e\n" + "\n".join(job["script"])


def gitlab(fleet: Fleet) -> Example:
    """examples/ci/gitlab-ci.yml: canary, the `parallel: N` job (CI_NODE_INDEX
    1..N and CI_NODE_TOTAL N, as GitLab sets them), report."""
    ci = load(EXAMPLES / "ci" / "gitlab-ci.yml")
    variables = ci.get("variables", {})
    assert variables.get("FLEET_CONFIG") == "deploy/fleet.yaml", variables
    count = ci["migrate"]["parallel"]
    root = fleet.root
    return Example(
        canary=Job("canary", _gitlab_script(ci["canary"]), environment(root, variables)),
        slices=[Job(f"migrate {k + 1}/{count}", _gitlab_script(ci["migrate"]),
                    environment(root, {**variables, "CI_NODE_INDEX": k + 1,
                                       "CI_NODE_TOTAL": count}))
                for k in range(count)],
        merge=Job("report", _gitlab_script(ci["report"]), environment(root, variables)))


_EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")


def _github_steps(job: dict, context: dict) -> tuple[str, dict]:
    """A job's `run:` steps as one script (a failing step stops the job), with
    `${{ ... }}` replaced from `context`, and the steps' variables. Steps that
    `uses:` an action (checkout, artifacts) need nothing here: the jobs share
    one folder."""
    def expand(text: str) -> str:
        def value(match):
            if match.group(1) not in context:
                pytest.fail(f"the workflow uses ${{{{ {match.group(1)} }}}}, "
                            "which this test does not know")
            return str(context[match.group(1)])
        return _EXPRESSION.sub(value, str(text))

    lines, env = ["set -e"], {}
    for step in job["steps"]:
        if "run" not in step:
            continue
        lines.append(expand(step["run"]))
        env.update({k: expand(v) for k, v in step.get("env", {}).items()})
    return "\n".join(lines), env


def github(fleet: Fleet) -> Example:
    """examples/ci/github-actions.yml: canary, the matrix (each job given its
    matrix value), report."""
    workflow = load(EXAMPLES / "ci" / "github-actions.yml")
    variables = workflow.get("env", {})
    assert variables.get("FLEET_CONFIG") == "deploy/fleet.yaml", variables
    jobs = workflow["jobs"]
    shards = jobs["migrate"]["strategy"]["matrix"]["shard"]
    assert shards == list(range(len(shards))), "the matrix values are the slices 0..N-1"
    base = {"secrets.FLEET_DB_PASSWORD": SECRET, "strategy.job-total": len(shards)}
    root = fleet.root

    def job(name: str, title: str, **context) -> Job:
        script, env = _github_steps(jobs[name], {**base, **context})
        return Job(title, script, environment(root, {**variables, **env}))

    return Example(canary=job("canary", "canary"),
                   slices=[job("migrate", f"migrate (shard {k})", **{"matrix.shard": k})
                           for k in shards],
                   merge=job("report", "report"))
