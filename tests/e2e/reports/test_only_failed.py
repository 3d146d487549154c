"""--only-failed REPORT.json: a rollout's JSON report fed back reruns
exactly the targets it shows failed or cancelled, together with the other
selectors. What was touched is read from each target's fleet_history and
version table, not from fleet's own output."""

from __future__ import annotations

import json
import textwrap

from fleet_cli import fails, ok
from reports_fleet import TENANTS, fix, history_rows, make_fleet
from rollout_fleet import HEAD, level, versions


def states(doc: dict) -> dict:
    return {t["target"]: t["state"] for t in doc["targets"]}


def test_only_failed_reruns_exactly_the_failed_targets(fleet, tmp_path):
    failing = ["prod/t-globex", "prod/t-hooli"]
    targets = make_fleet(tmp_path, failing=["globex", "hooli"])
    first = fails(fleet("upgrade", "head", "--format", "json"), 1)
    (tmp_path / "report.json").write_text(first.out)
    doc = json.loads(first.out)
    assert sorted(t for t, s in states(doc).items() if s == "failed") == failing, first

    fix(targets, failing)
    before = {name: history_rows(t) for name, t in targets.items()}
    rerun = ok(fleet("upgrade", "head", "--only-failed", "report.json", "--format", "json"))

    assert states(json.loads(rerun.out)) == {name: "done" for name in failing}, rerun
    touched = sorted(name for name, t in targets.items() if history_rows(t) != before[name])
    assert touched == failing, rerun
    for name in failing:
        new = history_rows(targets[name]) - before[name]
        assert len(new) == 5 and {row[4] for row in new} == {"done"}, (name, new)
    for name, t in targets.items():
        assert versions(t) == {HEAD} and level(t) == 5, name


def test_only_failed_and_a_selector_keep_the_targets_both_choose(fleet, tmp_path):
    targets = make_fleet(tmp_path, failing=["acme", "globex", "hooli"])
    (tmp_path / "report.json").write_text(fails(fleet("upgrade", "head", "--format", "json"), 1).out)
    fix(targets, ["prod/t-acme", "prod/t-globex", "prod/t-hooli"])
    before = {name: history_rows(t) for name, t in targets.items()}

    res = ok(fleet("upgrade", "head", "--only-failed", "report.json", "-n", "prod/t-[a-g]*",
                   "--format", "json"))

    assert states(json.loads(res.out)) == {"prod/t-acme": "done", "prod/t-globex": "done"}, res
    touched = sorted(name for name, t in targets.items() if history_rows(t) != before[name])
    assert touched == ["prod/t-acme", "prod/t-globex"], res
    assert level(targets["prod/t-hooli"]) == 0


def test_skipped_targets_of_a_halted_rollout_are_named_not_rerun(fleet, tmp_path):
    targets = make_fleet(tmp_path, failing=["acme"],
                         rollout="{concurrency: 1, canary: 1, max_failures: 0}")
    first = fails(fleet("upgrade", "head", "--format", "json"), 4)
    (tmp_path / "report.json").write_text(first.out)
    assert list(states(json.loads(first.out)).values()).count("skipped") == 5, first
    fix(targets, ["prod/t-acme"])

    res = ok(fleet("upgrade", "head", "--only-failed", "report.json"))

    assert "1 target(s): 1 done" in res.out, res
    assert ("--only-failed: 5 target(s) report.json shows skipped (never started) are not run "
            "again; run without --only-failed to finish them: prod/t-globex") in res.err, res
    assert level(targets["prod/t-acme"]) == 5
    assert all(not t.exists() for name, t in targets.items() if name != "prod/t-acme")


def test_a_failed_target_gone_from_the_inventory_is_a_warning(fleet, tmp_path):
    targets = make_fleet(tmp_path, failing=["initech", "stark"])
    (tmp_path / "report.json").write_text(fails(fleet("upgrade", "head", "--format", "json"), 1).out)
    fix(targets, ["prod/t-initech"])
    make_fleet(tmp_path, failing=[], tenants=TENANTS[:-1])   # stark leaves the inventory

    res = ok(fleet("upgrade", "head", "--only-failed", "report.json"))

    assert ("--only-failed: 1 failed target(s) of report.json are not in the inventory any "
            "more and are not run again: prod/t-stark") in res.err, res
    assert "1 target(s): 1 done" in res.out, res
    assert level(targets["prod/t-initech"]) == 5
    assert versions(targets["prod/t-stark"]) is None


def test_a_report_that_cannot_be_read_is_refused_naming_its_file_and_line(fleet, tmp_path):
    targets = make_fleet(tmp_path, failing=[])
    (tmp_path / "broken.json").write_text(textwrap.dedent("""\
        {
          "version": 1,
          "command": "upgrade"
          "revision": "head"
        }
        """))
    res = fails(fleet("upgrade", "head", "--only-failed", "broken.json"), 2)
    assert "broken.json:4:" in res.err and "not JSON" in res.err, res

    (tmp_path / "other.json").write_text('{"version": 1, "exit_code": 0, "operations": []}\n')
    res = fails(fleet("upgrade", "head", "--only-failed", "other.json"), 2)
    assert "other.json" in res.err and "not a fleet rollout report" in res.err, res

    res = fails(fleet("upgrade", "head", "--only-failed", "missing.json"), 2)
    assert "missing.json" in res.err and "cannot read the rollout report" in res.err, res
    assert all(not t.exists() for t in targets.values()), "a refused run touched a target"
