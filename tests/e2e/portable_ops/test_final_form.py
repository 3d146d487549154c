"""The schema a sequence of operations builds equals the same schema created
directly in its final form, on both dialects: each seed's opgen sequence
run by fleet revision by revision, and one revision creating its final
schema (opgen.final_form), run by fleet on another database; the catalogs
must be equal (on SQLite: every PRAGMA, the CHECKs and names, so a rebuild
lost nothing), and the sequence's derived downgrade to base leaves nothing.
Seeds as the differential test's (--ops-seeds)."""

from __future__ import annotations

import catalog
import opgen
from fleet_cli import ok
from op_writers import write_fleet_dir, yaml_step
from yaml_revisions import write_chain


def test_a_built_schema_equals_its_final_form_created_directly(fleet, make_db, kind, ops_seed, tmp_path):
    revisions, model = opgen.generate(ops_seed)
    write_fleet_dir(revisions, str(tmp_path / "steps"))
    final = [{"upgrade": [yaml_step(op) for op in opgen.final_form(model)] or [{"execute": "SELECT 1"}]}]
    write_chain(tmp_path / "final" / "versions", final)
    built, direct = make_db("built"), make_db("direct")
    step_args = ["--url", built.url, "--script-location", tmp_path / "steps"]
    ok(fleet("upgrade", "head", *step_args))
    ok(fleet("upgrade", "head", "--url", direct.url, "--script-location", tmp_path / "final"))
    expected, actual = catalog.read(direct), catalog.read(built)
    story = "\n".join(f"  revision {i}: {r.ops}" for i, r in enumerate(revisions, 1))
    assert actual == expected, (f"seed {ops_seed}: the built schema differs from its final form "
                                f"({tmp_path}):\n{story}\n{catalog.diff(expected, actual)}")
    res = ok(fleet("downgrade", "base", *step_args))
    assert catalog.read(built) == catalog.empty(kind), f"seed {ops_seed}: downgrade base left things\n{res}"
