"""Notifications (INTERFACE.md, "Operations"): every event of a rollout reaches
a webhook with its body signed by the entry's secret, and a command with the
event on its standard input; a receiver that hangs or refuses never holds the
rollout nor changes its exit code, and is named in a warning; the secret never
shows, whatever the log format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fleet_cli import Scripts, SqliteDb, linear_chain
from notify_receivers import Hanging, Recorder, closed_port

SECRET = "hook-secret-d41d8cd98f00"
# The receivers are local: a proxy the machine may have configured must not
# stand between (libcurl honours http_proxy and friends, as users expect).
ENV = {"HOOK_SECRET": SECRET, "NO_PROXY": "*", "no_proxy": "*"}


@pytest.fixture
def recorder():
    r = Recorder()
    yield r
    r.close()


@pytest.fixture
def hanging():
    h = Hanging()
    yield h
    h.close()


def three_targets(root: Path, notify: str = "", b_notify: str = "") -> None:
    """Targets a, b and c in one environment of root/fleet.yaml; b already has
    table t2, so revision 2 of 3 fails there. a is the canary; with
    max_failures 0, b's failure halts the rollout and c is skipped (exit 4).
    notify: the top level's `notify:` block (YAML lines); b_notify: b's own."""
    root.mkdir(parents=True, exist_ok=True)
    scripts = Scripts(root / "migrations")
    linear_chain(scripts, 3)
    a, b, c = (SqliteDb(root / f"{name}.db") for name in "abc")
    b.execute("CREATE TABLE t2 (id INTEGER)")
    (root / "fleet.yaml").write_text(
        "script_location: migrations\n"
        "rollout: {concurrency: 1, canary: 1, max_failures: 0}\n"
        + notify +
        "environments:\n  dev:\n    databases:\n"
        f"      - name: a\n        url: {a.url}\n"
        f"      - name: b\n        url: {b.url}\n" + b_notify +
        f"      - name: c\n        url: {c.url}\n")


def summary(out: str) -> str:
    """The report's last line: counts and how the rollout ended."""
    return out.strip().splitlines()[-1]


# A command entry that keeps each event it is given in events/<event>.json
# (it runs in the inventory's folder); events_kept reads them back.
KEEP_EVENTS = "  - command: [sh, -c, 'cat > \"events/$FLEET_EVENT.json\"']\n"


def events_kept(root: Path) -> dict:
    return {p.stem: json.loads(p.read_text()) for p in (root / "events").iterdir()}


def check_header(event: dict, name: str) -> None:
    assert event["version"] == 1
    assert event["event"] == name
    assert len(event["run"]) == 32
    assert event["command"] == "upgrade"
    assert event["revision"] == "head"
    assert event["fleet_version"]
    assert event["time"].endswith("Z")


@pytest.mark.parametrize("flags", [[], ["-v"], ["-v", "--log-format", "json"]],
                         ids=["text", "verbose", "json"])
def test_every_event_reaches_a_webhook_signed(fleet, tmp_path, recorder, flags):
    fleet.secrets.add(SECRET)
    three_targets(tmp_path, notify=(
        "notify:\n"
        f"  - webhook: {recorder.url()}\n"
        "    secret: ${HOOK_SECRET}\n"))
    res = fleet("upgrade", "head", *flags, env=ENV)
    assert res.rc == 4, res
    # fleet waits (briefly) for what it is still sending before it exits, so
    # everything has arrived by now.
    assert recorder.events() == ["rollout_started", "target_failed", "rollout_halted",
                                 "rollout_finished"], res
    runs = set()
    for request in recorder.requests:
        assert request.path == "/hook"
        assert request.headers["content-type"] == "application/json"
        assert request.headers["x-fleet-event"] == request.event["event"]
        assert request.headers["user-agent"].startswith("fleet/")
        assert request.signed_with(SECRET), request.headers
        assert not request.signed_with(SECRET + "x")
        check_header(request.event, request.event["event"])
        runs.add(request.event["run"])
    assert len(runs) == 1, runs

    started, failed, halted, finished = (r.event for r in recorder.requests)
    assert started["targets"] == 3 and started["environments"] == ["dev"]
    target = failed["target"]
    assert target["target"] == "dev/b" and target["environment"] == "dev"
    assert target["database"] == "b" and target["state"] == "failed"
    assert target["steps"] == 0  # the whole run was one transaction, rolled back
    assert target["error"]["kind"] == "migration"
    assert target["error"]["revision"] == "r0002aaaa0002"
    assert target["error"]["statement"].startswith("CREATE TABLE t2")
    assert "t2" in target["message"]
    assert halted["reason"] == "1 target of dev failed, more than max_failures 0", halted
    assert finished["exit_code"] == 4 and finished["halted"] is True
    assert finished["summary"] == {"targets": 3, "done": 1, "failed": 1, "skipped": 1,
                                   "cancelled": 0}
    if "--log-format" in flags:
        sent = [json.loads(line) for line in res.err.splitlines()]
        sent = [line for line in sent if line["event"] == "notify_sent"]
        assert [line["fields"]["notify_event"] for line in sent] == recorder.events(), res
    elif "-v" in flags:
        assert f"INFO  [fleet] notification rollout_started sent to webhook {recorder.url()}: " \
               "HTTP 200" in res.err.splitlines(), res


def test_a_webhook_without_a_secret_is_sent_unsigned(fleet, tmp_path, recorder):
    three_targets(tmp_path, notify=(
        "notify:\n"
        f"  - webhook: {recorder.url('/plain')}\n"
        "    events: [rollout_finished]\n"))
    res = fleet("upgrade", "head", env=ENV)
    assert res.rc == 4, res
    assert recorder.events() == ["rollout_finished"], res
    assert "x-fleet-signature" not in recorder.requests[0].headers


def test_a_5xx_is_tried_again_and_a_4xx_is_not(fleet, tmp_path):
    flaky, refusing = Recorder([503, 502, 200]), Recorder([400])
    try:
        three_targets(tmp_path, notify=(
            "notify:\n"
            f"  - {{webhook: '{flaky.url('/flaky')}', events: [rollout_finished]}}\n"
            f"  - {{webhook: '{refusing.url('/bad')}', events: [rollout_finished]}}\n"))
        res = fleet("upgrade", "head", "-v", env=ENV)
        assert res.rc == 4, res
        assert flaky.events() == ["rollout_finished"] * 3, res
        # The same bytes each time, so the same signature checks.
        assert len({r.body for r in flaky.requests}) == 1
        assert (f"INFO  [fleet] notification rollout_finished sent to webhook {flaky.url('/flaky')} "
                "after 3 attempts: HTTP 200") in res.err.splitlines(), res
        assert refusing.events() == ["rollout_finished"], res
        assert (f"WARNI [fleet] notification rollout_finished to webhook {refusing.url('/bad')} "
                "failed: HTTP 400 (the rollout is not affected)") in res.err.splitlines(), res
    finally:
        flaky.close()
        refusing.close()


def test_target_failed_goes_to_the_targets_own_entries(fleet, tmp_path, recorder):
    """a and c use the top level's entry, b its own (the nearest wins): b's
    failure is told to b's entry only; the rollout's events to both, once each."""
    own = Recorder()
    try:
        three_targets(
            tmp_path,
            notify=f"notify: [{{webhook: '{recorder.url('/top')}'}}]\n",
            b_notify=f"        notify: [{{webhook: '{own.url('/b')}'}}]\n")
        res = fleet("upgrade", "head", env=ENV)
        assert res.rc == 4, res
        assert recorder.events() == ["rollout_started", "rollout_halted", "rollout_finished"], res
        assert own.events() == ["rollout_started", "target_failed", "rollout_halted",
                                "rollout_finished"], res
    finally:
        own.close()


def test_receivers_that_hang_or_refuse_never_hold_the_rollout(fleet, tmp_path, hanging):
    """The same rollout with and without notifications: same exit code, same
    report, and it ends although one receiver never answers (an unbounded wait
    would outlast the runner's timeout) and one refuses every connection."""
    fleet.secrets.update({SECRET, "pw-never-shown"})
    refused = f"http://hook:pw-never-shown@127.0.0.1:{closed_port()}/refused"
    three_targets(tmp_path / "plain")
    without = fleet("upgrade", "head", cwd=tmp_path / "plain", env=ENV)
    three_targets(tmp_path / "notified", notify=(
        "notify:\n"
        f"  - webhook: {hanging.url('/hang')}\n"
        "    secret: ${HOOK_SECRET}\n"
        f"  - webhook: {refused}\n"
        "    secret: ${HOOK_SECRET}\n"))
    res = fleet("upgrade", "head", "-v", cwd=tmp_path / "notified", env=ENV, timeout=60)
    assert res.rc == without.rc == 4, (res, without)
    assert summary(res.out) == summary(without.out), (res, without)
    assert hanging.accepted, "fleet never connected to the hanging receiver"
    # The refused one: each event tried 3 times, then a warning naming it
    # with its password masked; the hanging one: given up on at the end.
    masked = refused.replace("pw-never-shown", "***")
    assert (f"WARNI [fleet] notification rollout_started to webhook {masked} failed after 3 "
            "attempts: ") in res.err, res
    assert f"to webhook {hanging.url('/hang')} still unsent 5s after the rollout ended" in res.err, res


def test_a_command_gets_each_event_on_its_standard_input(fleet, tmp_path):
    three_targets(tmp_path, notify=(
        "notify:\n" + KEEP_EVENTS +
        "    events: [rollout_started, target_failed, rollout_finished]\n"))
    (tmp_path / "events").mkdir()
    # Run from elsewhere: the command runs in the inventory's folder.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    res = fleet("upgrade", "head", "-c", tmp_path / "fleet.yaml", cwd=elsewhere, env=ENV)
    assert res.rc == 4, res
    got = events_kept(tmp_path)
    assert sorted(got) == ["rollout_finished", "rollout_started", "target_failed"], res
    for name, event in got.items():
        check_header(event, name)
    assert got["target_failed"]["target"]["target"] == "dev/b"
    assert got["rollout_finished"]["exit_code"] == 4


def test_a_failing_command_is_a_warning_not_a_failure(fleet, tmp_path):
    three_targets(tmp_path / "plain")
    without = fleet("upgrade", "head", cwd=tmp_path / "plain", env=ENV)
    three_targets(tmp_path / "notified", notify=(
        "notify:\n"
        "  - command: [sh, -c, 'echo \"pager is down\" >&2; exit 3']\n"
        "    events: [rollout_finished]\n"))
    res = fleet("upgrade", "head", cwd=tmp_path / "notified", env=ENV)
    assert res.rc == without.rc == 4, (res, without)
    assert ("WARNI [fleet] notification rollout_finished to command sh failed: exited with "
            "status 3: pager is down (the rollout is not affected)") in res.err.splitlines(), res


def test_a_bad_entry_is_refused_before_anything_runs(fleet, tmp_path):
    fleet.secrets.add(SECRET)
    three_targets(tmp_path, notify=(
        "notify:\n"
        "  - command: [true]\n"
        "    secret: ${HOOK_SECRET}\n"))
    res = fleet("upgrade", "head", env=ENV)
    assert res.rc == 2, res
    assert "fleet.yaml:5: 'secret' signs a webhook's body; a 'command' entry takes none" \
        in res.err, res
    assert not (tmp_path / "a.db").exists(), "a target was touched"


def test_one_database_run_as_alembic_runs_it_tells_its_entries_too(fleet, tmp_path):
    """-n dev/b alone takes the single-database path (Alembic's output and
    errors); its entries still hear started, failed and finished, and the
    error stays the run's own (exit 1, Alembic's message)."""
    three_targets(tmp_path, notify=(
        "notify:\n" + KEEP_EVENTS))
    (tmp_path / "events").mkdir()
    res = fleet("upgrade", "head", "-n", "dev/b", cwd=tmp_path, env=ENV)
    assert res.rc == 1, res
    assert "t2" in res.err, res
    got = events_kept(tmp_path)
    assert sorted(got) == ["rollout_finished", "rollout_started", "target_failed"], res
    for name, event in got.items():
        check_header(event, name)
    assert got["target_failed"]["target"]["target"] == "dev/b"
    assert got["rollout_finished"]["exit_code"] == 1
    # A database that succeeds alone hears no failure.
    for p in (tmp_path / "events").iterdir():
        p.unlink()
    res = fleet("upgrade", "head", "-n", "dev/a", cwd=tmp_path, env=ENV)
    assert res.rc == 0, res
    got = sorted(p.stem for p in (tmp_path / "events").iterdir())
    assert got == ["rollout_finished", "rollout_started"], res
