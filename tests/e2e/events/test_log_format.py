"""--log-format json: every line fleet logs on stderr during a rollout is one
JSON object with time, level, run, target, event and fields, a failed
target's line carries its error's facts (revision, statement) as fields, and
the text format stays the lines users have always read."""

from __future__ import annotations

import json

from fleet_cli import Scripts, SqliteDb, dev_inventory, linear_chain


def two_targets(tmp_path) -> None:
    """Targets a and b; b already has table t2, so revision 2 of 3 fails there."""
    scripts = Scripts(tmp_path / "migrations")
    linear_chain(scripts, 3)
    a, b = SqliteDb(tmp_path / "a.db"), SqliteDb(tmp_path / "b.db")
    b.execute("CREATE TABLE t2 (id INTEGER)")
    dev_inventory(tmp_path, scripts, {"a": a, "b": b},
                  "rollout: {concurrency: 1, canary: 1, max_failures: 5}\n")


def test_json_log_lines_are_objects_carrying_the_error_facts(fleet, tmp_path):
    two_targets(tmp_path)
    res = fleet("upgrade", "head", "-v", "--log-format", "json")
    assert res.rc == 1, res
    lines = [json.loads(line) for line in res.err.splitlines()]
    assert lines, res
    runs = {line["run"] for line in lines}
    assert len(runs) == 1 and len(runs.pop()) == 32, res
    for line in lines:
        assert {"time", "level", "run", "target", "event", "message", "fields"} <= set(line), line
    events = [(line["event"], line["target"]) for line in lines]
    assert ("rollout_started", None) in events, res
    assert ("target_started", "dev/a") in events, res
    # -v: the step lines and statements, as events with fields.
    steps = [line for line in lines if line["event"] == "step_started" and line["target"] == "dev/a"]
    assert [s["fields"]["step"] for s in steps] == [1, 2, 3], res
    assert steps[0]["message"].startswith("Running upgrade  -> r0001aaaa0001"), res
    assert any(line["event"] == "statement" and "CREATE TABLE t1" in line["message"] for line in lines), res
    failed = [line for line in lines if line["event"] == "target_finished" and line["target"] == "dev/b"]
    assert len(failed) == 1, res
    fields = failed[0]["fields"]
    assert failed[0]["level"] == "error", res
    assert fields["state"] == "failed" and fields["steps"] == 0, res
    assert fields["error"] == "migration", res
    assert fields["revision"] == "r0002aaaa0002", res
    assert fields["statement"].startswith("CREATE TABLE t2"), res
    done = [line for line in lines if line["event"] == "target_finished" and line["target"] == "dev/a"]
    assert done[0]["fields"]["steps"] == 3, res


def test_the_text_format_is_unchanged(fleet, tmp_path):
    two_targets(tmp_path)
    res = fleet("upgrade", "head", "-v")
    assert res.rc == 1, res
    lines = res.err.splitlines()
    assert "rollout: 2 targets in 1 environment" in lines, res
    assert "dev/a: started" in lines, res
    assert "INFO  [fleet] dev/a: Running upgrade  -> r0001aaaa0001, step 1" in lines, res
    assert "INFO  [fleet] dev/a: SQL: CREATE TABLE t1 (id INTEGER PRIMARY KEY)" in lines, res


def test_a_bad_log_format_is_refused(fleet, tmp_path):
    res = fleet("--log-format", "xml", "heads", "--script-location", str(tmp_path))
    assert res.rc == 2, res
    assert "--log-format is text or json, not 'xml'" in res.err, res


def test_a_single_target_error_is_a_json_line(fleet, tmp_path):
    scripts = Scripts(tmp_path / "migrations")
    linear_chain(scripts, 2, fail_at=2)
    db = SqliteDb(tmp_path / "one.db")
    res = fleet("upgrade", "head", "--log-format", "json", *scripts.args(db))
    assert res.rc == 1, res
    lines = [json.loads(line) for line in res.err.splitlines()]
    assert [line["event"] for line in lines] == ["step_started", "step_started", "error"], res
    assert "revision r0002aaaa0002 failed" in lines[-1]["message"], res
