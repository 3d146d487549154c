"""A PostgreSQL server that takes the connection and then never answers is
given up on after a bounded, configurable time, and only the target it
serves fails: a loopback port that accepts and never reads and a stopped
postmaster (connection.connect_timeout, or the URL's own connect_timeout=),
a backend stopped in the middle of a statement (connection.answer_timeout).
Each time the message says what timed out, the run exits 1 within its
failure budget, the other targets of the run are done, and `fleet status`
shows the hung target unreachable."""

from __future__ import annotations

import os
import re
import signal
import socket
import textwrap
import threading
import time

import pytest

from fleet_cli import fails
from rollout_fleet import (REVS, PgTarget, Running, SqliteTarget, create_databases, level, summary,
                           write_chain)

TIMEOUT = 2       # seconds, the configured timeout these tests wait out
BOUND = 10        # seconds: "well under" what a hang would take


def failure_messages(out: str) -> dict[str, str]:
    """ENV/NAME -> the message under its 'failed' outcome line on stdout,
    its lines stripped of their indent."""
    return {name: "\n".join(line.strip() for line in block.rstrip("\n").split("\n"))
            for name, block in re.findall(r"^failed\s+(\S+)  \d+ step\(s\).*\n((?:  .*\n?)*)",
                                          out, re.M)}


@pytest.fixture
def silent_port():
    """A loopback port that accepts connections and never reads or answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        for s in held + [listener]:
            s.close()
    assert held, "fleet never connected to the silent port"


def write_inventory(root, databases: str, connection: str, max_failures: int = 1):
    (root / "fleet.yaml").write_text(
        f"rollout: {{concurrency: 3, canary: 0, max_failures: {max_failures}}}\n"
        f"connection: {connection}\n"
        "environments:\n  prod:\n    databases:\n"
        + textwrap.indent(textwrap.dedent(databases), " " * 6))


def timed(fleet, *args, env=None):
    started = time.monotonic()
    res = fleet(*args, env=env, timeout=60)
    return res, time.monotonic() - started


def test_a_port_that_never_answers_is_given_up_on_after_connect_timeout(
        fleet, pg, tmp_path, silent_port):
    write_chain(tmp_path / "migrations")
    prefix, dbs = create_databases(pg, 2)
    write_inventory(tmp_path, f"""\
        - name: hung
          url: postgresql://fleet:s3cret-pw@127.0.0.1:{silent_port}/app
        - name: ok-1
          url: {dbs[0].url}
        - name: ok-2
          url: {dbs[1].url}
        """, connection=f"{{connect_timeout: {TIMEOUT}s}}")
    fleet.secrets.add("s3cret-pw")

    res, took = timed(fleet, "upgrade", "head")
    fails(res, 1)
    assert TIMEOUT - 0.2 <= took < BOUND, f"took {took:.1f}s\n{res}"
    assert failure_messages(res.out) == {
        "prod/hung": f"cannot connect to postgresql://fleet:***@127.0.0.1:{silent_port}/app: "
                     f"connection to server at \"127.0.0.1\", port {silent_port} failed: timeout "
                     f"expired (no answer within {TIMEOUT}s, connection.connect_timeout)"}, res
    assert summary(res.out)["done"] == 2, res
    for i, db in enumerate(dbs, start=1):
        assert level(PgTarget(db, f"prod/ok-{i}")) == len(REVS)

    # The URL's own connect_timeout= wins over the inventory's.
    url_timeout = TIMEOUT + 1
    write_inventory(tmp_path, f"""\
        - name: hung
          url: postgresql://fleet:s3cret-pw@127.0.0.1:{silent_port}/app?connect_timeout={url_timeout}
        - name: ok-1
          url: {dbs[0].url}
        """, connection="{connect_timeout: 1h}")
    res, took = timed(fleet, "status")
    fails(res, 1)
    assert url_timeout - 0.2 <= took < BOUND, f"took {took:.1f}s\n{res}"
    assert re.search(r"^prod\s+hung\s.*unreachable: cannot connect to "
                     rf"postgresql://fleet:\*\*\*@127\.0\.0\.1:{silent_port}/app"
                     rf"\?connect_timeout={url_timeout}: .*timeout expired "
                     rf"\(no answer within {url_timeout}s, the URL's connect_timeout\)",
                     res.out, re.M), res
    assert re.search(r"^prod\s+ok-1\s.*up to date", res.out, re.M), res


def test_a_stopped_postmaster_is_given_up_on_after_connect_timeout(fleet, pg, cluster, tmp_path):
    write_chain(tmp_path / "migrations")
    _, (db,) = create_databases(pg, 1)
    write_inventory(tmp_path, f"""\
        - name: core
          url: {db.url}
        - name: local
          url: sqlite:///local.db
        """, connection=f"{{connect_timeout: {TIMEOUT}s}}")
    port = int(cluster.url.rsplit(":", 1)[1].split("/")[0])
    postmaster = cluster.postmaster_pid()
    os.kill(postmaster, signal.SIGSTOP)
    try:
        res, took = timed(fleet, "upgrade", "head")
        fails(res, 1)
        assert TIMEOUT - 0.2 <= took < BOUND, f"took {took:.1f}s\n{res}"
        assert failure_messages(res.out) == {
            "prod/core": f"cannot connect to postgresql://postgres:***@127.0.0.1:{port}/{db.name}: "
                         f"connection to server at \"127.0.0.1\", port {port} failed: timeout "
                         f"expired (no answer within {TIMEOUT}s, connection.connect_timeout)"}, res
        assert summary(res.out)["done"] == 1, res
        assert level(SqliteTarget(tmp_path / "local.db", "prod/local")) == len(REVS)

        res, took = timed(fleet, "status")
        fails(res, 1)
        assert took < BOUND, f"took {took:.1f}s\n{res}"
        assert re.search(r"^prod\s+core\s.*unreachable: cannot connect to .*timeout expired",
                         res.out, re.M), res
        assert re.search(r"^prod\s+local\s.*up to date", res.out, re.M), res
    finally:
        os.kill(postmaster, signal.SIGCONT)
    db.close()
    assert level(PgTarget(db, "prod/core")) == 0


def backend_running(db, marker: str, timeout: float = 30) -> int:
    """The pid of fleet's session on db once it runs a statement holding marker."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = db.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        "AND application_name = 'fleet' AND state = 'active' AND query LIKE %s",
                        (f"%{marker}%",))
        if rows:
            return rows[0][0]
        time.sleep(0.05)
    raise AssertionError(f"fleet never ran {marker} on {db.name}")


def test_a_stopped_backend_is_given_up_on_after_answer_timeout(fleet, pg, tmp_path):
    # Every revision sleeps 0.5s: shorter than the answer timeout, so the
    # target the test leaves alone is done, in five statements that wait.
    write_chain(tmp_path / "migrations", pg_sleep=0.5)
    _, (hung, fine) = create_databases(pg, 2)
    write_inventory(tmp_path, f"""\
        - name: hung
          url: {hung.url}
        - name: fine
          url: {fine.url}
        """, connection=f"{{answer_timeout: {TIMEOUT}s}}")
    run = Running(fleet, ["upgrade", "head"], tmp_path)
    pid = backend_running(hung, "pg_sleep")
    os.kill(pid, signal.SIGSTOP)
    stopped = time.monotonic()
    try:
        rc = run.finish(timeout=60)
        waited = time.monotonic() - stopped
    finally:
        os.kill(pid, signal.SIGCONT)
    assert rc == 1, str(run)
    # The clock started when the statement was sent, up to 0.5s before the stop.
    assert TIMEOUT - 0.7 <= waited < BOUND, f"gave up {waited:.1f}s after the stop\n{run}"
    port = hung.url.rsplit(":", 1)[1].split("/")[0]
    failed = failure_messages(run.out)
    assert list(failed) == ["prod/hung"], str(run)
    # Which statement it was depends on the moment of the stop (a sleep, or
    # the one after it).
    url = re.escape(f"postgresql://postgres:***@127.0.0.1:{port}/{hung.name}")
    assert re.fullmatch(rf"revision [0-9a-f]{{12}} failed\nstatement: .*\n"
                        rf"error: no answer from {url} within {TIMEOUT}s "
                        r"\(connection\.answer_timeout\): gave up on the connection",
                        failed["prod/hung"]), str(run)
    assert summary(run.out)["done"] == 1, str(run)
    assert level(PgTarget(fine, "prod/fine")) == len(REVS)
    # Once it runs again, the backend finds its client gone and rolls back.
    deadline = time.monotonic() + 10
    while hung.query("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,))[0][0]:
        assert time.monotonic() < deadline, "the stopped backend never ended"
        time.sleep(0.05)
    assert level(PgTarget(hung, "prod/hung")) == 0
