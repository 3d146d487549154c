"""Rollouts that stop on failures: a failed canary halts before any other
target is touched (in its environment and the later ones); more failures
than max_failures halt the rest; --continue-on-error runs everything. What a
user sees is checked (exit code, the outcome lines and summary on stdout),
and so is every database."""

from __future__ import annotations

import re
import textwrap

from fleet_cli import fails, ok
from rollout_fleet import (CHAIN, HEAD, REVS, PgTarget, SqliteTarget, create_databases, level,
                           outcome_lines, server_url, summary, versions, write_chain)


# ---- a failed canary --------------------------------------------------------------------

def test_a_failed_canary_halts_with_exit_4_before_any_other_target_is_touched(fleet, pg, tmp_path):
    write_chain(tmp_path / "migrations")
    (tmp_path / "eu").mkdir()
    (tmp_path / "us").mkdir()
    prefix, dbs = create_databases(pg, 2)
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent(f"""\
        rollout: {{concurrency: 4, canary: 1, max_failures: 10}}
        environments:
          eu:
            databases:
              - name: t-{{t}}
                url: sqlite:///eu/{{t}}.db
                for_each: {{t: [acme, globex, initech, umbrella]}}
              - name: core-{{n}}
                url: ${{PG_SERVER}}/{prefix}_{{n}}
                for_each: {{n: ["01", "02"]}}
          us:
            databases:
              - name: t-{{t}}
                url: sqlite:///us/{{t}}.db
                for_each: {{t: [hooli, stark]}}
        """))
    # The canary's database already has the table the first revision creates.
    canary = SqliteTarget(tmp_path / "eu/acme.db", "eu/t-acme")
    canary.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, legacy TEXT);")
    # An existing tenant file of a later target: it must keep its bytes.
    umbrella = SqliteTarget(tmp_path / "eu/umbrella.db", "eu/t-umbrella")
    umbrella.execute("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
    others = [SqliteTarget(tmp_path / f"eu/{t}.db", f"eu/t-{t}") for t in ("globex", "initech")]
    others += [umbrella]
    others += [PgTarget(db, f"eu/core-{i:02d}") for i, db in enumerate(dbs, start=1)]
    others += [SqliteTarget(tmp_path / f"us/{t}.db", f"us/t-{t}") for t in ("hooli", "stark")]
    before = {t.name: t.fingerprint() for t in others}
    canary_before = canary.fingerprint()

    res = fails(fleet("upgrade", "head", "--env", "eu", "--env", "us",
                      env={"PG_SERVER": server_url(pg)}), 4)

    assert summary(res.out) == {"total": 8, "done": 0, "failed": 1, "skipped": 7, "cancelled": 0,
                                "tail": " — halted: canary eu/t-acme failed"}, res
    assert outcome_lines(res.out, "failed") == ["eu/t-acme"], res
    assert "table accounts already exists" in res.out, res
    assert sorted(outcome_lines(res.out, "skipped")) == sorted(t.name for t in others), res
    assert res.out.count("not started: the rollout halted (canary eu/t-acme failed)") == 7, res
    assert "rollout halted: canary eu/t-acme failed" in res.err, res
    # Nothing but the canary was started.
    assert res.err.count(": started") == 1 and "eu/t-acme: started" in res.err, res
    assert not re.search(r"^us: ", res.err, re.M), res         # no wave of us began
    assert "eu: batch" not in res.err, res

    for t in others:
        assert t.fingerprint() == before[t.name], f"{t.name} was touched"
    for t in others[:2] + others[-2:]:
        assert not t.exists(), f"{t.name} was created"
    for t in others:
        if t.kind == "postgresql":
            assert versions(t) is None and t.tables() == set(), t.name
    # The canary's failed transaction left it as it was.
    assert canary.tables() == {"accounts"} and canary.columns("accounts") == ["id", "legacy"]
    assert canary.fingerprint()[:2] == canary_before[:2], "the canary's file changed"


# ---- max_failures ----------------------------------------------------------------------

RIGGED = ["t03", "t06", "t09"]


def build_twelve(fleet, root, max_failures: int = 2):
    """12 SQLite tenants found by a glob, rolled out one at a time: canary t01,
    then batches of 3. Tenants t03, t06 and t09 stand at the first revision
    with a `plans` table made by hand, so the upgrade fails at revision 4
    after running 2 and 3 in the same transaction."""
    write_chain(root / "migrations")
    (root / "tenants").mkdir()
    (root / "fleet.yaml").write_text(textwrap.dedent(f"""\
        environments:
          prod:
            rollout: {{concurrency: 1, canary: 1, batch: 3, max_failures: {max_failures}}}
            databases:
              - name: tenant-{{file}}
                url: sqlite:///tenants/{{file}}
                for_each: {{file: {{glob: "tenants/t*.db"}}}}
        """))
    targets = {}
    for i in range(1, 13):
        t = SqliteTarget(root / f"tenants/t{i:02d}.db", f"prod/tenant-t{i:02d}.db")
        t.path.touch()
        targets[f"t{i:02d}"] = t
    for name in RIGGED:
        ok(fleet("-n", f"prod/tenant-{name}.db", "upgrade", REVS[0], cwd=root))
        targets[name].execute("CREATE TABLE plans (legacy TEXT);")
    return targets


def check_rigged(t):
    assert versions(t) == {REVS[0]}, f"{t.name}: {versions(t)}"
    assert t.tables() == {"accounts", "plans", "alembic_version", "fleet_history"}, t.name
    assert t.columns("accounts") == ["id", "name"], f"{t.name}: revision 2 was not rolled back"
    assert not t.has_index("ix_accounts_email"), f"{t.name}: revision 3 was not rolled back"
    assert t.columns("plans") == ["legacy"], t.name


def test_three_failures_with_max_failures_2_halt_and_skip_the_rest(fleet, tmp_path):
    targets = build_twelve(fleet, tmp_path)
    untouched = {name: targets[name].fingerprint() for name in ("t10", "t11", "t12")}

    res = fails(fleet("upgrade", "head"), 4)

    reason = "3 targets of prod failed, more than max_failures 2"
    assert summary(res.out) == {"total": 12, "done": 6, "failed": 3, "skipped": 3, "cancelled": 0,
                                "tail": f" — halted: {reason}"}, res
    assert outcome_lines(res.out, "failed") == [f"prod/tenant-{n}.db" for n in RIGGED], res
    assert res.out.count("error: table plans already exists") == 3, res
    assert outcome_lines(res.out, "skipped") == [f"prod/tenant-t{i}.db" for i in (10, 11, 12)], res
    assert res.out.count(f"not started: the rollout halted ({reason})") == 3, res
    assert f"rollout halted: {reason}" in res.err, res

    for name in ("t01", "t02", "t04", "t05", "t07", "t08"):
        assert level(targets[name]) == len(CHAIN) and versions(targets[name]) == {HEAD}, name
    for name in RIGGED:
        check_rigged(targets[name])
    for name, fingerprint in untouched.items():
        assert targets[name].fingerprint() == fingerprint, f"{name} was touched"
        assert targets[name].path.stat().st_size == 0


def test_continue_on_error_runs_every_target_and_exits_1(fleet, tmp_path):
    targets = build_twelve(fleet, tmp_path)

    res = fails(fleet("upgrade", "head", "--continue-on-error"), 1)

    assert summary(res.out) == {"total": 12, "done": 9, "failed": 3, "skipped": 0, "cancelled": 0,
                                "tail": ""}, res
    assert outcome_lines(res.out, "failed") == [f"prod/tenant-{n}.db" for n in RIGGED], res
    assert "halted" not in res.both, res
    for name, t in targets.items():
        if name in RIGGED:
            check_rigged(t)
        else:
            assert level(t) == len(CHAIN) and versions(t) == {HEAD}, name


def test_failures_within_max_failures_run_everything_and_exit_1(fleet, tmp_path):
    targets = build_twelve(fleet, tmp_path, max_failures=3)

    res = fails(fleet("upgrade", "head"), 1)

    assert summary(res.out) == {"total": 12, "done": 9, "failed": 3, "skipped": 0, "cancelled": 0,
                                "tail": ""}, res
    assert "halted" not in res.both, res
    for name in RIGGED:
        check_rigged(targets[name])
    assert all(versions(t) == {HEAD} for n, t in targets.items() if n not in RIGGED)


# ---- unreachable targets -----------------------------------------------------------------

def unreachable_fleet(root, canary: int, max_failures: int):
    write_chain(root / "migrations")
    (root / "tenants").mkdir()
    (root / "fleet.yaml").write_text(textwrap.dedent(f"""\
        environments:
          prod:
            rollout: {{concurrency: 2, canary: {canary}, batch: 2, max_failures: {max_failures}}}
            databases:
              - name: down
                url: postgresql://fleet:hunter2-rollout@127.0.0.1:1/nowhere
              - name: t-{{t}}
                url: sqlite:///tenants/{{t}}.db
                for_each: {{t: [a, b, c, d]}}
        """))


def test_an_unreachable_first_canary_halts_before_the_second_canary(fleet, tmp_path):
    unreachable_fleet(tmp_path, canary=2, max_failures=3)
    fleet.secrets.add("hunter2-rollout")      # every run checks it never shows

    res = fails(fleet("upgrade", "head"), 4)

    assert summary(res.out) == {"total": 5, "done": 0, "failed": 1, "skipped": 4, "cancelled": 0,
                                "tail": " — halted: canary prod/down failed"}, res
    assert outcome_lines(res.out, "failed") == ["prod/down"], res
    assert "postgresql://fleet:***@127.0.0.1:1/nowhere" in res.out, res
    assert outcome_lines(res.out, "skipped") == [f"prod/t-{t}" for t in "abcd"], res
    assert res.err.count(": started") == 1, res
    assert not any((tmp_path / f"tenants/{t}.db").exists() for t in "abcd")


def test_an_unreachable_target_within_max_failures_fails_alone_with_exit_1(fleet, tmp_path):
    unreachable_fleet(tmp_path, canary=0, max_failures=1)
    fleet.secrets.add("hunter2-rollout")

    res = fails(fleet("upgrade", "head"), 1)

    assert summary(res.out) == {"total": 5, "done": 4, "failed": 1, "skipped": 0, "cancelled": 0,
                                "tail": ""}, res
    assert outcome_lines(res.out, "failed") == ["prod/down"], res
    assert "postgresql://fleet:***@127.0.0.1:1/nowhere" in res.out, res
    for t in "abcd":
        assert level(SqliteTarget(tmp_path / f"tenants/{t}.db", t)) == len(CHAIN)


# ---- a bad revision argument ---------------------------------------------------------------

def test_an_unknown_revision_is_a_usage_error_before_any_target_is_touched(fleet, tmp_path):
    """A typo in the revision names nothing in the script directory every
    target shares: bad usage (exit 2), as with one target, not a canary
    "failure" that halts the rollout (exit 4) or, with --continue-on-error,
    fails every target (exit 1)."""
    write_chain(tmp_path / "migrations")
    (tmp_path / "tenants").mkdir()
    (tmp_path / "fleet.yaml").write_text(textwrap.dedent("""\
        environments:
          prod:
            databases:
              - name: t-{t}
                url: sqlite:///tenants/{t}.db
                for_each: {t: [a, b, c, d]}
        """))
    one = fails(fleet("-n", "prod/t-a", "upgrade", "deadbeef"), 2)
    assert "Can't locate revision identified by 'deadbeef'" in one.err, one

    for extra in ([], ["--continue-on-error"]):
        res = fleet("upgrade", "deadbeef", *extra)
        assert "Can't locate revision identified by 'deadbeef'" in res.both, res
        assert res.rc == 2, f"a bad revision argument must exit 2 before the rollout starts:\n{res}"
        assert "rollout:" not in res.err and " target(s): " not in res.out, res
    assert list((tmp_path / "tenants").iterdir()) == []
