"""Column types a declared schema spells its own way: SQLite keeps a type as
typed, so `TIMESTAMP` stays `TIMESTAMP` there, while the portable
`timestamp` renders `DATETIME`. Autogenerate must write such a column so
that it comes back as declared, or its own verification refuses the
revision ("could not express every difference")."""

from __future__ import annotations

import pytest

from autogen_run import Project


@pytest.mark.parametrize("kind", ["sqlite"])
def test_a_type_spelled_like_a_portable_name_comes_back_as_declared(fleet, make_db, kind,
                                                                      tmp_path):
    p = Project(fleet, make_db("app"), tmp_path)
    declared = p.declare("schema", "CREATE TABLE events (id INTEGER PRIMARY KEY, "
                                   "at TIMESTAMP NOT NULL, day DATE, flag BOOLEAN, "
                                   "amount NUMERIC(10, 2), doc JSON);\n")
    res = p.autogenerate(declared, "events")
    assert "Generating " in res.out, res
    text = p.revisions()[0].read_text()
    assert '{name: at, type: {sqlite: "timestamp"}, nullable: false}' in text, text
    p.migrate("upgrade", "head")
    assert p.check(declared).out == "No new upgrade operations detected.\n"
    column_types = dict(p.db.query("SELECT name, type FROM pragma_table_info('events')"))
    assert column_types["at"].lower() == "timestamp", column_types  # not DATETIME
