"""fleet against real Alembic 1.8, on generated revision graphs.

test_differential_<db>[seedNNNN]: graph NNNN (graphgen.generate) gets a random
command sequence (harness.next_command); Alembic runs it in process and fleet
as a subprocess, each on its own database, and after every command the two
must agree (see harness.py for exactly what is compared).

test_interop_*: a database one tool migrated is read or continued by the other.

Select a database with -k sqlite / -k postgresql.
"""

from __future__ import annotations


import pytest

import differential_dbs
import differential_tools
import graphgen
import harness

# ---- the differential test ----------------------------------------------------------------


@pytest.mark.sqlite
def test_differential_sqlite(seed, fleet, tmp_path):
    fleet_bin = fleet.path
    a_db = differential_dbs.SqliteDb(str(tmp_path / "alembic.db"))
    f_db = None if fleet_bin is None else differential_dbs.SqliteDb(str(tmp_path / "fleet.db"))
    try:
        harness.run_graph(seed, "sqlite", a_db, f_db, fleet_bin, str(tmp_path))
    finally:
        a_db.dispose()


@pytest.mark.postgresql
def test_differential_postgresql(seed, fleet, pg_server, tmp_path):
    fleet_bin = fleet.path
    a_db, f_db = pg_server.pair()
    harness.run_graph(seed, "postgresql", a_db, None if fleet_bin is None else f_db,
                      fleet_bin, str(tmp_path))


# ---- interop: each tool reads and continues what the other wrote -----------------------------

KINDS = [pytest.param("sqlite", marks=pytest.mark.sqlite, id="sqlite"),
         pytest.param("postgresql", marks=pytest.mark.postgresql, id="postgresql")]

# Two heads: a trunk and a labelled branch; 'b7c1' prefixes are shared on purpose.
BRANCHY = graphgen.Graph(seed=-2, revs=[
    graphgen.Rev("b7c10000aaaa", (), message="root"),
    graphgen.Rev("b7c1ffff0001", ("b7c10000aaaa",), message="trunk 1"),
    graphgen.Rev("3e4f5a6b7c8d", ("b7c1ffff0001",), message="trunk 2"),
    graphgen.Rev("9a8b7c6d5e4f", ("b7c1ffff0001",), labels=("feature",), message="feature 1"),
    graphgen.Rev("0c0ffee00001", ("9a8b7c6d5e4f",), message="feature 2"),
])
LINEAR = graphgen.linear(["1a2b3c4d5e6f", "2b3c4d5e6f70", "3c4d5e6f7081",
                          "4d5e6f708192", "5e6f708192a3", "6f708192a3b4"])


def make_db(kind, name, tmp_path, pg_server):
    if kind == "sqlite":
        return differential_dbs.SqliteDb(str(tmp_path / f"{name}.db"))
    return pg_server.create_db(name)


def prepare(g, kind, tmp_path, pg_server):
    db = make_db(kind, "interop", tmp_path, pg_server)
    db.reset()
    db.create_step_log()
    adir = graphgen.write_alembic_dir(g, str(tmp_path / "alembic_scripts"))
    fdir = graphgen.write_fleet_dir(g, str(tmp_path / "fleet_scripts"))
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    return db, adir, fdir, str(cwd)


def fleet_ok(fleet_bin, db, fdir, cwd, *args):
    rc, out, err = differential_tools.run_fleet(fleet_bin, differential_tools.fleet_target_args(db, fdir) + list(args),
                                     cwd=cwd)
    assert rc == 0, (f"fleet {' '.join(args)} on {db.shown_url()} exited {rc}\n"
                     f"stdout: {out}\nstderr: {err}")
    return out


def alembic_current(adir, db) -> list[str]:
    from alembic import command
    cfg = differential_tools.alembic_config(adir, db)
    command.current(cfg)
    return [ln for ln in cfg.stdout.getvalue().splitlines() if ln.strip()]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("graph", [LINEAR, BRANCHY], ids=["linear", "two_heads"])
def test_interop_alembic_current_reads_fleet(kind, graph, fleet, pg_server, tmp_path, alembic_only):
    if alembic_only:
        pytest.skip("needs fleet")
    fleet_bin = fleet.path
    db, adir, fdir, cwd = prepare(graph, kind, tmp_path, pg_server)
    try:
        fleet_ok(fleet_bin, db, fdir, cwd, "upgrade", "heads")
        heads = set(graph.heads())
        assert db.state().versions == heads, \
            f"fleet upgrade heads left rows {sorted(db.state().versions)}, want {sorted(heads)}"

        lines = alembic_current(adir, db)
        reported = {ln.split()[0] for ln in lines}
        assert reported == heads, (f"alembic current on a database fleet upgraded printed "
                                   f"{lines}; expected heads {sorted(heads)}")
        assert all("(head)" in ln for ln in lines), \
            f"alembic current does not call them heads: {lines}"

        out = fleet_ok(fleet_bin, db, fdir, cwd, "current")
        for h in heads:
            assert h in out, f"fleet current does not show head {h}: {out!r}"
    finally:
        db.dispose()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("graph,alembic_to,fleet_to", [
    (LINEAR, LINEAR.revs[2].id, "head"),
    (BRANCHY, "feature@head", "heads"),
], ids=["linear", "two_heads"])
def test_interop_fleet_continues_alembic(kind, graph, alembic_to, fleet_to, fleet, pg_server,
                                         tmp_path, alembic_only):
    if alembic_only:
        pytest.skip("needs fleet")
    fleet_bin = fleet.path
    ids = graph.ids()
    db, adir, fdir, cwd = prepare(graph, kind, tmp_path, pg_server)
    try:
        from alembic import command
        command.upgrade(differential_tools.alembic_config(adir, db), alembic_to)
        by_alembic = db.state().steps
        assert by_alembic and len(by_alembic) < len(ids)

        fleet_ok(fleet_bin, db, fdir, cwd, "upgrade", fleet_to)
        st = db.state()
        assert st.versions == set(graph.heads()), \
            f"after fleet upgrade {fleet_to}: rows {sorted(st.versions)}, want {graph.heads()}"
        by_fleet = st.steps[len(by_alembic):]
        assert sorted(by_alembic + by_fleet) == sorted((r, "up") for r in ids), \
            f"Alembic ran {by_alembic}, fleet {by_fleet}: every revision must run up exactly once"
        assert not harness.order_problems(graph, by_fleet)
        if graph is LINEAR:
            assert st.steps == tuple((r, "up") for r in ids)

        # ...and Alembic takes back everything, fleet's steps included.
        command.downgrade(differential_tools.alembic_config(adir, db), "base")
        st2 = db.state()
        assert st2.versions == set()
        assert sorted(st2.steps[len(st.steps):]) == sorted((r, "down") for r in ids)
    finally:
        db.dispose()


def test_generator_is_deterministic_and_valid():
    """Same seed, same graph; every graph loads in Alembic without error."""
    from alembic.script.revision import RevisionMap
    for seed in range(300):
        g1, g2 = graphgen.generate(seed), graphgen.generate(seed)
        assert g1 == g2
        assert 3 <= len(g1.revs) <= 12
        by = g1.by_id()

        def load(g=g1, by=by):
            from alembic.script.revision import Revision
            return [Revision(r.id, r.down if len(r.down) != 1 else r.down[0],
                             branch_labels=r.labels or None,
                             dependencies=r.depends_on or None) for r in g.revs]
        rmap = RevisionMap(load)
        assert set(rmap.heads) == set(g1.heads()), (seed, rmap.heads, g1.heads())
        for r in g1.revs:
            for d in r.depends_on:
                assert d in by or d in g1.label_owner()
