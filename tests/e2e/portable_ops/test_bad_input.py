"""Bad portable operations through the command line: an unknown operation,
an unknown key, a value of the wrong type, a missing required key, a table
the replayed schema does not have, a downgrade that cannot be derived. Each
exits 2, names the file, the line and the key (or object), and runs nothing:
the bad step sits in the second revision, and the first is not applied
either, since every step is checked before the first statement."""

from __future__ import annotations

import textwrap

import pytest

from fleet_cli import Scripts, fails, ok, snapshot, versions

FIRST = """\
revision: 00010a0b0001
down_revision: null
message: a good first revision
upgrade:
  - create_table:
      name: orgs
      columns:
        - {name: id, type: bigint, primary_key: true}
        - {name: name, type: varchar(100)}
"""

BAD = {
    "unknown_operation": ("""
      - frobnicate_table: {name: orgs}   # <-
    """, ["frobnicate_table"]),
    "unknown_key": ("""
      - add_column:
          table: orgs
          colour: red                    # <-
          column: {name: x, type: integer}
    """, ["'colour'"]),
    "wrong_type": ("""
      - add_column:
          table: orgs
          column: {name: x, type: integer, nullable: sometimes}   # <-
    """, ["'nullable'"]),
    "missing_key": ("""
      - create_index:                    # <-
          name: ix_orgs_name
          columns: [name]
    """, ["'table'"]),
    "unknown_table": ("""
      - add_column:                      # <-
          table: ghosts
          column: {name: x, type: integer}
    """, ["ghosts"]),
    "bad_type_arguments": ("""
      - add_column:
          table: orgs
          column: {name: x, type: varchar(many)}   # <-
    """, ["'type'", "varchar"]),
    "bad_constraint_type": ("""
      - drop_constraint: {name: pk_orgs, table: orgs, type: sideways}   # <-
    """, ["'type'"]),
}


def second(body: str) -> tuple[str, int]:
    """The second revision with body as its upgrade list, and the line marked '# <-'."""
    text = ("revision: 00020a0b0002\ndown_revision: 00010a0b0001\nmessage: the bad one\nupgrade:\n"
            + textwrap.indent(textwrap.dedent(body).strip("\n"), "  ") + "\n")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "# <-" in l)
    return text, line


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_exits_2_naming_file_line_and_key_and_runs_nothing(fleet, make_db, tmp_path, case):
    body, words = BAD[case]
    scripts = Scripts(tmp_path / "m")
    scripts.write("00010a0b0001_first.yaml", FIRST)
    text, line = second(body)
    bad = scripts.write("00020a0b0002_bad.yaml", text)
    db = make_db()
    before = snapshot(db)
    res = fails(fleet("upgrade", "head", *scripts.args(db)), 2)
    assert f"{bad}:{line}:" in res.err, f"expected {bad.name}:{line} in the error:\n{res}"
    for word in words:
        assert word in res.err, f"expected {word} in the error:\n{res}"
    assert snapshot(db) == before, f"the database changed:\n{res}"


UNDERIVABLE = """\
revision: 00020a0b0002
down_revision: 00010a0b0001
message: drops a column of a table made by SQL
upgrade:
  - execute: "CREATE TABLE legacy (id INTEGER PRIMARY KEY, old_name VARCHAR(20))"
  - drop_column: {table: legacy, column: old_name}   # <-
"""


def test_a_downgrade_that_cannot_be_derived_is_refused_before_anything_runs(fleet, make_db, tmp_path):
    scripts = Scripts(tmp_path / "m")
    scripts.write("00010a0b0001_first.yaml", FIRST)
    bad = scripts.write("00020a0b0002_legacy.yaml", UNDERIVABLE)
    line = next(i for i, l in enumerate(UNDERIVABLE.splitlines(), 1) if "# <-" in l)
    db = make_db()
    ok(fleet("upgrade", "head", *scripts.args(db)))
    assert versions(db) == {"00020a0b0002"}
    before = snapshot(db)
    res = fails(fleet("downgrade", "base", *scripts.args(db)), 2)
    assert f"{bad}:{line}:" in res.err and "drop_column" in res.err, res
    assert "downgrade" in res.err, res
    assert snapshot(db) == before, f"a refused downgrade changed the database:\n{res}"
