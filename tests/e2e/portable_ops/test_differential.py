"""fleet against Alembic 1.8 on PostgreSQL: each seed's sequence of
operations (opgen.py) written as Alembic op.* revisions and as fleet YAML
revisions (op_writers.py); each tool upgrades its own database to head and
the two catalogs must be equal (tables, columns, types, nullability,
defaults, keys, constraints, indexes); then both go down one revision at a
time (fleet's derived downgrades against Alembic's written inverses), equal
after each, and empty at base. Alembic's catalog is also checked against the generator's model, so
a generator or reader bug shows without fleet (--ops-alembic-only runs just
that half). Seeds: --ops-seeds N, --ops-first-seed K (conftest.py)."""

from __future__ import annotations

import io


import catalog
import opgen
from fleet_cli import ok
from op_writers import write_alembic_dir, write_fleet_dir


def alembic(root, db, verb: str, target: str) -> None:
    from alembic import command
    from alembic.config import Config
    cfg = Config(stdout=io.StringIO())
    cfg.set_main_option("script_location", str(root))
    cfg.attributes["url"] = db.url
    getattr(command, verb)(cfg, target)


def names_of(cat: dict) -> dict:
    """What opgen_model.Model.expected() predicts: table -> (columns, names)."""
    out = {}
    for name, t in cat["tables"].items():
        names = {*t["unique"], *t["checks"], *t["indexes"]} | {f["name"] for f in t["foreign_keys"]}
        if t["primary_key"]:
            names.add(t["primary_key"]["name"])
        out[name] = ([c["name"] for c in t["columns"]], sorted(names))
    return out


def unordered(names: dict) -> dict:
    return {t: (sorted(cols), objs) for t, (cols, objs) in names.items()}


def describe(seed, revisions, tmp_path) -> str:
    lines = [f"seed {seed}; rerun: -k 'seed{seed:04d}' (scripts in {tmp_path})"]
    for i, r in enumerate(revisions, 1):
        lines += [f"  revision {i}:"] + [f"    {op}" for op in r.ops]
    return "\n".join(lines)


def test_fleet_matches_alembic_on_postgresql(pg, ops_seed, tmp_path, pytestconfig, request):
    revisions, model = opgen.generate(ops_seed)
    write_alembic_dir(revisions, str(tmp_path / "alembic"))
    write_fleet_dir(revisions, str(tmp_path / "fleet"))
    story = describe(ops_seed, revisions, tmp_path)
    fleet = None
    if not pytestconfig.getoption("--ops-alembic-only"):
        fleet = request.getfixturevalue("fleet")     # FLEET_BIN is needed only here
        f_db = pg.create()
        args = ["--url", f_db.url, "--script-location", tmp_path / "fleet"]
    a_db = pg.create()

    def both(alembic_target: str, fleet_args: list, when: str, model_names: dict) -> None:
        alembic(tmp_path / "alembic", a_db, alembic_target[0], alembic_target[1])
        expected = catalog.read(a_db)
        got = names_of(expected)
        if alembic_target[0] == "downgrade":     # a column put back goes last, on both sides
            got, model_names = unordered(got), unordered(model_names)
        assert got == model_names, f"{when}: Alembic's schema is not the generator's:\n{story}"
        if fleet is not None:
            res = ok(fleet(*fleet_args, *args))
            actual = catalog.read(f_db)
            assert actual == expected, (f"{when}: fleet's catalog differs from Alembic's:\n{story}\n"
                                        f"{catalog.diff(expected, actual)}\n{res}")

    both(("upgrade", "head"), ["upgrade", "head"], "upgrade head", model.expected())
    # Each derived downgrade against Alembic's written inverse, one revision at a time.
    for i in range(len(revisions), 0, -1):
        before = revisions[i - 2].expected if i > 1 else {}
        both(("downgrade", "-1"), ["downgrade", "-1"], f"downgrade of revision {i}", before)
    assert catalog.read(a_db) == catalog.empty("postgresql"), f"Alembic left things behind:\n{story}"
