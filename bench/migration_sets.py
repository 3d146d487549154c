"""Equivalent migration sets for fleet and for Alembic: the same SQL, written
once as fleet revision files (versions/*.sql) and once as Alembic scripts
(versions/*.py calling op.execute), so both tools run identical statements.

Everything is a pure function of its arguments: the same call writes the same
files, so runs can be repeated and compared.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field

# Alembic's env.py: the online form its tutorial generates, reduced to what
# the benchmark needs. The URL comes from `-x url=...` (one process per
# database, the loop Alembic's documentation suggests) or from
# config.attributes (several databases in one process).
ALEMBIC_ENV_PY = '''\
from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
url = config.attributes.get("url") or context.get_x_argument(as_dictionary=True).get("url")
if context.is_offline_mode():
    context.configure(url=url, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
'''

ALEMBIC_INI = '''\
[alembic]
script_location = {script_location}

[loggers]
keys = root

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
'''


@dataclass
class Revision:
    id: str
    down: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    message: str = ""
    upgrade: list[str] = field(default_factory=list)    # statements, no trailing ';'
    downgrade: list[str] = field(default_factory=list)


def revision_id(rng: random.Random) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(12))


COLUMN_TYPES = ["INTEGER", "VARCHAR(80)", "VARCHAR(255)", "TEXT", "BOOLEAN", "NUMERIC(12, 2)",
                "TIMESTAMP", "DATE"]


def realistic_chain(count: int, seed: int = 1) -> list[Revision]:
    """A linear chain of the DDL real projects carry: tables of 5-15 columns
    (some with a foreign key to an earlier table), added columns, indexes and
    small data steps, each with its downgrade. Runs on SQLite and PostgreSQL."""
    rng = random.Random(seed)
    revisions: list[Revision] = []
    tables: list[tuple[str, list[str]]] = []   # (name, columns)
    added = 0
    for n in range(count):
        rid = revision_id(rng)
        down = (revisions[-1].id,) if revisions else ()
        kind = "table" if n < 3 else rng.choice(["table", "table", "column", "index", "data"])
        up: list[str]
        undo: list[str]
        if kind == "table":
            name = f"entity_{len(tables):04d}"
            columns = [f"attr_{i:02d}" for i in range(rng.randint(4, 14))]
            parts = ["id INTEGER PRIMARY KEY"]
            parts += [f"{c} {rng.choice(COLUMN_TYPES)}" for c in columns]
            if tables and rng.random() < 0.5:
                parent = rng.choice(tables)[0]
                parts.append(f"{parent}_id INTEGER REFERENCES {parent} (id)")
            up = [f"CREATE TABLE {name} (\n    " + ",\n    ".join(parts) + "\n)"]
            undo = [f"DROP TABLE {name}"]
            tables.append((name, columns))
            message = f"create {name}"
        elif kind == "column":
            name, columns = rng.choice(tables)
            column = f"extra_{added:04d}"
            added += 1
            up = [f"ALTER TABLE {name} ADD COLUMN {column} {rng.choice(COLUMN_TYPES)}"]
            undo = [f"ALTER TABLE {name} DROP COLUMN {column}"]
            message = f"add {name}.{column}"
        elif kind == "index":
            name, columns = rng.choice(tables)
            column = rng.choice(columns)
            index = f"ix_{name}_{column}_{n:04d}"
            up = [f"CREATE INDEX {index} ON {name} ({column})"]
            undo = [f"DROP INDEX {index}"]
            message = f"index {name}.{column}"
        else:
            name, columns = rng.choice(tables)
            column = columns[0]
            base = n * 10
            rows = ", ".join(f"({base + i}, NULL)" for i in range(5))
            up = [f"INSERT INTO {name} (id, {column}) VALUES {rows}"]
            undo = [f"DELETE FROM {name} WHERE id BETWEEN {base} AND {base + 4}"]
            message = f"seed {name}"
        revisions.append(Revision(rid, down, message=message, upgrade=up, downgrade=undo))
    return revisions


def branchy_graph(count: int, seed: int = 2) -> list[Revision]:
    """A graph of `count` revisions with one head: a trunk from which a
    labelled branch leaves every 40 revisions and merges back 15 later, some
    revisions depending on another branch's revision, each doing one small
    statement. What `heads`, `history` and `upgrade head --sql` walk."""
    rng = random.Random(seed)
    revisions: list[Revision] = []
    trunk: str | None = None
    open_branches: list[tuple[str, int]] = []  # (branch head, merge at)
    label_number = 0
    while len(revisions) < count - 1:
        n = len(revisions)
        rid = revision_id(rng)
        labels: tuple[str, ...] = ()
        depends: tuple[str, ...] = ()
        due = [b for b in open_branches if b[1] <= n]
        if due and trunk:
            branch_head = due[0][0]
            open_branches.remove(due[0])
            down = (trunk, branch_head)
            trunk = rid
        elif trunk and n % 40 == 20:
            labels = (f"feature{label_number}",)
            label_number += 1
            down = (trunk,)
            open_branches.append((rid, n + 15))
        elif open_branches and rng.random() < 0.4:
            index = rng.randrange(len(open_branches))
            branch_head, merge_at = open_branches[index]
            down = (branch_head,)
            open_branches[index] = (rid, merge_at)
            if trunk and rng.random() < 0.2:
                depends = (trunk,)
        else:
            down = (trunk,) if trunk else ()
            trunk = rid
        revisions.append(Revision(rid, down, labels, depends, message=f"step {n}",
                                  upgrade=[f"CREATE TABLE t_{rid} (id INTEGER)"],
                                  downgrade=[f"DROP TABLE t_{rid}"]))
    heads = {r.id for r in revisions} - {d for r in revisions for d in r.down}
    rid = revision_id(rng)
    revisions.append(Revision(rid, tuple(sorted(heads)), message="merge everything",
                              upgrade=["SELECT 1"], downgrade=["SELECT 1"]))
    return revisions


def write_fleet(revisions: list[Revision], script_location: str) -> str:
    versions = os.path.join(script_location, "versions")
    os.makedirs(versions, exist_ok=True)
    for number, r in enumerate(revisions):
        lines = [f"-- revision: {r.id}",
                 f"-- down_revision: {', '.join(r.down)}",
                 f"-- branch_labels: {', '.join(r.labels)}",
                 f"-- depends_on: {', '.join(r.depends_on)}",
                 f"-- message: {r.message}",
                 "", "-- +upgrade"]
        lines += [s + ";" for s in r.upgrade]
        lines += ["", "-- +downgrade"]
        lines += [s + ";" for s in r.downgrade]
        # A numbered prefix keeps the files in graph order, as a project's
        # date-stamped file names would.
        path = os.path.join(versions, f"{number:05d}_{r.id}.sql")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
    return script_location


def _py(items: tuple[str, ...], always_tuple: bool = False) -> str:
    if not items:
        return "None"
    if len(items) == 1 and not always_tuple:
        return repr(items[0])
    return "(" + ", ".join(repr(x) for x in items) + ("," if len(items) == 1 else "") + ")"


def write_alembic(revisions: list[Revision], directory: str) -> str:
    """An Alembic project: alembic.ini, env.py, versions/*.py. Returns the ini path."""
    versions = os.path.join(directory, "versions")
    os.makedirs(versions, exist_ok=True)
    with open(os.path.join(directory, "env.py"), "w") as f:
        f.write(ALEMBIC_ENV_PY)
    with open(os.path.join(directory, "script.py.mako"), "w") as f:
        f.write("")
    ini = os.path.join(directory, "alembic.ini")
    with open(ini, "w") as f:
        f.write(ALEMBIC_INI.format(script_location=directory))
    for number, r in enumerate(revisions):
        body = [f'"""{r.message}"""', "from alembic import op", "",
                f"revision = {r.id!r}", f"down_revision = {_py(r.down)}",
                f"branch_labels = {_py(r.labels, always_tuple=True)}",
                f"depends_on = {_py(r.depends_on)}", "", "",
                "def upgrade():"]
        body += [f"    op.execute({s!r})" for s in r.upgrade] or ["    pass"]
        body += ["", "", "def downgrade():"]
        body += [f"    op.execute({s!r})" for s in r.downgrade] or ["    pass"]
        with open(os.path.join(versions, f"{number:05d}_{r.id}.py"), "w") as f:
            f.write("\n".join(body) + "\n")
    return ini
