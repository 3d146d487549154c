"""The Kubernetes and CI examples, checked: yamllint on every file, then each
example's own command lines and variables run as N concurrent fleet
processes over 2,000 SQLite targets, with the variables the engine would
set (an Indexed Job's JOB_COMPLETION_INDEX, GitLab's CI_NODE_INDEX and
CI_NODE_TOTAL, a GitHub matrix value). Every target ends at the head,
migrated exactly once by the one slice it belongs to, and `fleet report
merge` joins the N reports into one of 2,000 done targets, exit 0. A failed
slice and a missing one show in the merged report and its exit code."""

from __future__ import annotations

import json
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml

from sharded_fleet import (EXAMPLES, Job, environment, github, gitlab, history, kubernetes, load,
                           make_fleet, run_at_once, run_one, slice_of, version)

N_TARGETS = 2000
EXAMPLE_FILES = sorted((EXAMPLES / "kubernetes").glob("*.yaml")) + sorted(
    (EXAMPLES / "ci").glob("*.yml"))


def example_of(engine: str, fleet, tmp_path: Path):
    if engine == "kubernetes":
        return kubernetes(fleet, tmp_path / "reports")
    return {"gitlab": gitlab, "github": github}[engine](fleet)


def slice_reports(folder: Path) -> dict[str, tuple[Path, dict]]:
    """The slices' reports in the folder, by their "K/N"."""
    found = {}
    for path in sorted(folder.glob("upgrade-*.json")):
        document = json.loads(path.read_text())
        assert document["shard"] not in found, f"two reports of slice {document['shard']}"
        found[document["shard"]] = (path, document)
    return found


def test_the_examples_pass_yamllint():
    assert len(EXAMPLE_FILES) >= 8, EXAMPLE_FILES
    p = subprocess.run(["yamllint", "--strict", "-c", str(EXAMPLES / ".yamllint"),
                        *map(str, EXAMPLE_FILES)], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def test_the_kubernetes_canary_is_a_target_of_the_configmaps_inventory():
    inventory = load(EXAMPLES / "kubernetes" / "fleet-config.yaml")["data"]["fleet.yaml"]
    production = yaml.safe_load(inventory)["environments"]["production"]["databases"]
    assert production[0]["name"] == "canary", production
    command = load(EXAMPLES / "kubernetes" / "canary-job.yaml")["spec"]["template"]["spec"][
        "containers"][0]["args"][0]
    assert "-n production/canary" in command, command


@pytest.mark.parametrize("engine", ["kubernetes", "gitlab", "github"])
def test_n_processes_migrate_2000_targets_each_exactly_once(tmp_path, engine):
    fleet = make_fleet(tmp_path, N_TARGETS)
    example = example_of(engine, fleet, tmp_path)
    count = len(example.slices)
    assert count >= 2, example

    canary = run_one(example.canary, tmp_path)
    assert canary.rc == 0, canary
    assert version(fleet.dbs["production/canary"]) == {fleet.head}, canary
    if "--log-format json" in example.canary.command:
        assert {line["shard"] for line in canary.json_lines()} == {None}, canary

    started = time.perf_counter()
    slices = run_at_once(example.slices, tmp_path)
    seconds = time.perf_counter() - started
    for finished in slices:
        assert finished.rc == 0, finished
    print(f"\n{engine}: {count} processes, {len(fleet.dbs)} targets, {seconds:.1f} s")

    # Each slice reported exactly its targets (inventory/shard.hpp's hash,
    # computed here again), in inventory order, all done.
    reports = slice_reports(tmp_path / "reports")
    assert sorted(reports) == sorted(f"{k}/{count}" for k in range(count)), reports.keys()
    for k in range(count):
        _, document = reports[f"{k}/{count}"]
        mine = [name for name in fleet.dbs if slice_of(name, count) == k]
        assert [t["target"] for t in document["targets"]] == mine, f"slice {k}/{count}"
        assert {t["state"] for t in document["targets"]} == {"done"}, document["summary"]
        assert document["exit_code"] == 0, document["summary"]

    # Every log line of a slice names it; each target was started once, by
    # the slice it belongs to.
    starts = Counter()
    for k, finished in enumerate(slices):
        lines = finished.json_lines()
        assert {line["shard"] for line in lines} == {f"{k}/{count}"}, finished
        for line in lines:
            if line["event"] == "target_started":
                starts[line["target"]] += 1
                assert slice_of(line["target"], count) == k, line
    assert set(starts) == set(fleet.dbs)
    assert set(starts.values()) == {1}, [t for t, n in starts.items() if n != 1][:5]

    # The databases: at the head, each revision run once, in one run.
    for name, path in fleet.dbs.items():
        rows = history(path)
        assert version(path) == {fleet.head}, name
        assert [r[1] for r in rows] == fleet.revisions, (name, rows)
        assert {(r[2], r[3]) for r in rows} == {("upgrade", "done")}, (name, rows)
        assert len({r[0] for r in rows}) == 1, (name, rows)
    assert not (tmp_path / "deploy" / "dbs" / "staging.db").exists()

    merge = run_one(example.merge, tmp_path)
    assert merge.rc == 0, merge
    assert f"{N_TARGETS} target(s): {N_TARGETS} done, 0 failed, 0 skipped, 0 cancelled\n" in merge.out
    merged = json.loads((tmp_path / "reports" / "upgrade.json").read_text())
    assert merged["shard"] is None and merged["exit_code"] == 0, merged["summary"]
    assert merged["summary"] == {"targets": N_TARGETS, "done": N_TARGETS, "failed": 0,
                                 "skipped": 0, "cancelled": 0}
    assert sorted(t["target"] for t in merged["targets"]) == sorted(fleet.dbs)
    assert merged["runs"] == [document["run"] for _, document in
                              sorted(reports.values(), key=lambda r: r[0])]
    assert merged["missing_shards"] == []


def test_a_failed_slice_shows_in_the_merged_report_and_its_exit_code(fleet, tmp_path):
    count = load(EXAMPLES / "kubernetes" / "sharded-job.yaml")["spec"]["completions"]
    broken = "production/tenant-0198.db"
    project = make_fleet(tmp_path, 200, broken=(broken,))
    bad_slice = slice_of(broken, count)
    first = next(name for name in project.dbs if slice_of(name, count) == bad_slice)
    assert first != broken, "the broken target must not be its slice's canary"
    example = kubernetes(project, tmp_path / "reports")
    assert run_one(example.canary, tmp_path).rc == 0

    slices = run_at_once(example.slices, tmp_path)
    for k, finished in enumerate(slices):
        assert finished.rc == (1 if k == bad_slice else 0), finished

    merge = run_one(example.merge, tmp_path)
    assert merge.rc == 1, merge
    assert f"failed    {broken}  " in merge.out, merge
    assert "200 target(s): 199 done, 1 failed, 0 skipped, 0 cancelled\n" in merge.out, merge
    merged = json.loads((tmp_path / "reports" / "upgrade.json").read_text())
    assert merged["exit_code"] == 1 and merged["summary"]["failed"] == 1, merged["summary"]
    [failed] = [t for t in merged["targets"] if t["state"] == "failed"]
    assert failed["target"] == broken and failed["error"]["revision"] == project.revisions[1]

    # A slice whose pod died before reporting: the merge names it and fails.
    reports = slice_reports(tmp_path / "reports")
    lost = (bad_slice + 1) % count
    reports[f"{lost}/{count}"][0].unlink()
    merge = run_one(example.merge, tmp_path)
    assert merge.rc == 1, merge
    assert f"missing shard(s) {lost}/{count}: no report" in merge.out, merge
    merged = json.loads((tmp_path / "reports" / "upgrade.json").read_text())
    assert merged["missing_shards"] == [f"{lost}/{count}"], merged

    # The same slice twice would count its targets twice: refused, exit 2.
    kept = sorted(path for path, _ in reports.values() if path.exists())
    res = fleet("report", "merge", kept[0], kept[0], cwd=tmp_path)
    assert res.rc == 2, res
    assert f"is given twice: {kept[0]} and {kept[0]}" in res.err, res

    # --format json prints the merged document itself.
    res = fleet("report", "merge", *kept, "--format", "json", cwd=tmp_path)
    assert res.rc == 1, res
    assert json.loads(res.out)["missing_shards"] == [f"{lost}/{count}"], res


def test_shard_auto_without_an_engines_variables_is_bad_input(tmp_path):
    project = make_fleet(tmp_path, 3)
    job = Job("no engine", "fleet upgrade head --shard auto",
              environment(tmp_path, {"FLEET_CONFIG": project.inventory}))
    res = run_one(job, tmp_path)
    assert res.rc == 2, res
    assert ("--shard auto: set JOB_COMPLETION_INDEX (Kubernetes) or CI_NODE_INDEX (GitLab), "
            "and FLEET_SHARD_TOTAL or CI_NODE_TOTAL") in res.err, res
    job.env.update({"CI_NODE_INDEX": "5", "CI_NODE_TOTAL": "4"})
    res = run_one(job, tmp_path)
    assert res.rc == 2, res
    assert "--shard auto: CI_NODE_INDEX=5 is out of range for CI_NODE_TOTAL=4 (1 to 4)" in res.err
    assert all(history(path) == [] for path in project.dbs.values())
