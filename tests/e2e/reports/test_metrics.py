"""--metrics-file: a rollout's figures, and `status`'s, in Prometheus' text
format for node_exporter's textfile collector, read back with the Prometheus
project's own Python parser (python3-prometheus-client) and compared with a
golden file, the times made stable. The file is replaced whole: nothing
else is left in the collector's folder."""

from __future__ import annotations

import re
import time

from prometheus_client.parser import text_string_to_metric_families

from fleet_cli import fails
from reports_fleet import check_golden, make_fleet


def samples(text: str) -> dict:
    """{(name, frozenset(labels)): value} of every sample in the text."""
    found = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            found[(s.name, frozenset(s.labels.items()))] = s.value
    return found


def value(found: dict, name: str, **labels) -> float:
    return found[(name, frozenset(labels.items()))]


# The values that are times: made stable for the golden file (a bucket's
# count depends on how long a target took; +Inf and _count do not).
TIMES = re.compile(r'^(fleet_rollout_target_duration_seconds_bucket\{[^}]*le="(?!\+Inf)[^"]*"[^}]*\}'
                   r'|fleet_rollout_target_duration_seconds_sum\{[^}]*\}'
                   r'|fleet_rollout_duration_seconds\{[^}]*\}'
                   r'|fleet_(rollout|report)_finished_timestamp_seconds\{[^}]*\}) \S+$', re.M)


def test_a_rollout_writes_targets_by_outcome_durations_and_steps(fleet, tmp_path):
    make_fleet(tmp_path, failing=["globex", "hooli"])
    (tmp_path / "textfile").mkdir()
    started = time.time()
    res = fails(fleet("upgrade", "head", "--metrics-file", "textfile/fleet_upgrade.prom"), 1)
    ended = time.time()

    assert [p.name for p in (tmp_path / "textfile").iterdir()] == ["fleet_upgrade.prom"], res
    text = (tmp_path / "textfile" / "fleet_upgrade.prom").read_text()
    found = samples(text)
    labels = {"command": "upgrade", "environment": "prod"}
    for outcome, count in {"done": 4, "failed": 2, "skipped": 0, "cancelled": 0}.items():
        assert value(found, "fleet_rollout_targets", outcome=outcome, **labels) == count, text
    assert value(found, "fleet_rollout_target_duration_seconds_count", **labels) == 6, text
    assert value(found, "fleet_rollout_target_duration_seconds_bucket", le="+Inf", **labels) == 6
    assert value(found, "fleet_rollout_steps_committed", **labels) == 4 * 5, text
    assert value(found, "fleet_rollout_exit_code", **labels) == 1, text
    assert 0 <= value(found, "fleet_rollout_duration_seconds", **labels) <= ended - started + 1
    finished = value(found, "fleet_rollout_finished_timestamp_seconds", **labels)
    assert started - 1 <= finished <= ended + 1, (started, finished, ended)

    check_golden("rollout_two_failures.prom", TIMES.sub(r"\1 T", text))


def test_status_writes_targets_by_state(fleet, tmp_path):
    make_fleet(tmp_path, failing=["globex", "hooli"])
    fails(fleet("upgrade", "head"), 1)
    res = fails(fleet("status", "--metrics-file", "status.prom"), 3)
    text = (tmp_path / "status.prom").read_text()
    found = samples(text)
    labels = {"command": "status", "environment": "prod"}
    assert value(found, "fleet_targets_by_state", state="up_to_date", **labels) == 4, (text, res)
    assert value(found, "fleet_targets_by_state", state="behind", **labels) == 2, text
    assert value(found, "fleet_targets_by_state", state="unreachable", **labels) == 0, text
    assert value(found, "fleet_pending_revisions", **labels) == 2 * 5, text


def test_audit_writes_targets_by_state_and_drift(fleet, tmp_path):
    # t-initech fails, and keeps the accounts table it had before any
    # revision: behind, and drifted from what its (no) revisions build.
    make_fleet(tmp_path, failing=["initech"])
    fails(fleet("upgrade", "head"), 1)
    res = fails(fleet("audit", "--metrics-file", "audit.prom"), 3)
    found = samples((tmp_path / "audit.prom").read_text())
    labels = {"command": "audit", "environment": "prod"}
    assert value(found, "fleet_targets_by_state", state="up_to_date", **labels) == 5, res
    assert value(found, "fleet_targets_by_state", state="behind", **labels) == 1, res
    assert value(found, "fleet_audit_drifted_targets", **labels) == 1, res
    assert value(found, "fleet_audit_edited_scripts", **labels) == 0, res


def test_a_metrics_file_fleet_could_not_write_is_refused_before_anything_runs(fleet, tmp_path):
    targets = make_fleet(tmp_path, failing=[])
    res = fails(fleet("upgrade", "head", "--metrics-file", "nowhere/fleet.prom"), 2)
    assert "--metrics-file nowhere/fleet.prom: the folder nowhere does not exist" in res.err, res
    assert all(not t.exists() for t in targets.values()), "a refused run touched a target"
    res = fails(fleet("heads", "--metrics-file", "fleet.prom"), 2)
    assert "--metrics-file is written by upgrade, downgrade, stamp, retry, mark-done, status " \
           "and audit, not by `heads`" in res.err, res
