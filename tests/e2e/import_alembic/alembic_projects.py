"""Generated Alembic projects to import: a graphgen graph (branches, merges,
labels, depends_on) whose revisions carry op.* bodies, so the import has
real work to capture and the databases have real schemas to compare.

Each revision R owns one table, t_<R>: it creates it (columns of the
portable types, server defaults, a foreign key to its first parent's table,
a unique and a check constraint, an index, rows), may batch-alter it, and
may add a column c_<R> to its parent's table. Only what R owns is touched,
so sibling branches commute and any upgrade order builds the same schema.
About one revision in six also runs op.execute() of SQL text, which makes
it a SQL revision. Everything is a pure function of the seed.
"""

from __future__ import annotations

import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import graphgen  # noqa: E402

INI = """[alembic]
script_location = %(here)s/alembic
prepend_sys_path = .

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
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s %(message)s
"""

HEADER = '''"""{message}

Revision ID: {rev}
Revises: {down}
Create Date: 2026-11-{day:02d} 10:{minute:02d}:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = {rev!r}
down_revision = {down_value}
branch_labels = {labels}
depends_on = {depends}


'''


def _py(items, as_tuple_always=False):
    return graphgen._py_value(tuple(items), as_tuple_always)


def _body(rev: graphgen.Rev, rng: random.Random) -> tuple[list[str], list[str], bool]:
    """(upgrade lines, downgrade lines, whether it runs SQL text)."""
    t = f"t_{rev.id}"
    parent = f"t_{rev.down[0]}" if rev.down else None
    uses_sql = rng.random() < 0.17
    width = rng.choice([20, 40])
    has_amount = rng.random() < 0.6
    has_check = has_amount and rng.random() < 0.5
    cols = [
        '        sa.Column("id", sa.Integer(), nullable=False),',
        f'        sa.Column("name", sa.String(length={width}), nullable=False, '
        'server_default="x"),',
    ]
    if rng.random() < 0.5:
        cols.append('        sa.Column("flag", sa.Boolean(), nullable=True),')
    if rng.random() < 0.5:
        cols.append('        sa.Column("created_at", sa.DateTime(), '
                    'server_default=sa.func.now(), nullable=True),')
    if has_amount:
        cols.append('        sa.Column("amount", sa.Numeric(precision=10, scale=2), '
                    'server_default=sa.text("0"), nullable=True),')
    if rng.random() < 0.3:
        cols.append('        sa.Column("body", sa.Text(), nullable=True),')
    if rng.random() < 0.3:
        cols.append('        sa.Column("big", sa.BigInteger(), nullable=True),')
    if parent:
        action = rng.choice(['', ', ondelete="CASCADE"', ', ondelete="SET NULL"'])
        cols.append(f'        sa.Column("p_id", sa.Integer(), '
                    f'sa.ForeignKey("{parent}.id"{action}), nullable=True),')
    cols.append('        sa.PrimaryKeyConstraint("id"),')
    if rng.random() < 0.5:
        named = rng.random() < 0.5
        cols.append(f'        sa.UniqueConstraint("name"{", name=" + repr("uq_" + t) if named else ""}),')
    if has_check:
        cols.append(f'        sa.CheckConstraint("amount >= 0", name="ck_{t}_amount"),')
    up = [f'    op.create_table(\n        "{t}",'] + cols + ["    )"]
    down = [f'    op.drop_table("{t}")']
    if rng.random() < 0.6:
        up.append(f'    op.create_index(op.f("ix_{t}_name"), "{t}", ["name"], unique=False)')
        down.insert(0, f'    op.drop_index(op.f("ix_{t}_name"), table_name="{t}")')
    if rng.random() < 0.5:
        up.append(f'    op.bulk_insert(sa.table("{t}", sa.column("id", sa.Integer()), '
                  'sa.column("name", sa.String())),\n'
                  '                   [{"id": 1, "name": "one"}, {"id": 2, "name": "it\'s"}])')
    if not has_check and not uses_sql and rng.random() < 0.5:
        # Alembic recreates the table on SQLite; fleet rebuilds it.
        up.append(f'    with op.batch_alter_table("{t}", schema=None) as batch_op:\n'
                  '        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))\n'
                  f'        batch_op.alter_column("name", existing_type=sa.String(length={width}),\n'
                  f'                              type_=sa.String(length={width * 2}),\n'
                  '                              existing_nullable=False)')
        down.insert(0, f'    with op.batch_alter_table("{t}", schema=None) as batch_op:\n'
                       f'        batch_op.alter_column("name", '
                       f'existing_type=sa.String(length={width * 2}),\n'
                       f'                              type_=sa.String(length={width}),\n'
                       '                              existing_nullable=False)\n'
                       '        batch_op.drop_column("note")')
    if parent and rng.random() < 0.5:
        up.append(f'    op.add_column("{parent}", sa.Column("c_{rev.id}", sa.Integer(), '
                  'nullable=True))')
        down.insert(0, f'    op.drop_column("{parent}", "c_{rev.id}")')
    if uses_sql:
        up.append(f'    op.execute("INSERT INTO {t} (id, name) VALUES (10, \'from sql\')")')
        down.insert(0, f'    op.execute("DELETE FROM {t} WHERE id = 10")')
    return up, down, uses_sql


def write_project(g: graphgen.Graph, root: str) -> dict:
    """An Alembic project in root (alembic.ini, alembic/env.py, alembic/versions/);
    returns {revision id: True when it runs SQL text}."""
    rng = random.Random(g.seed * 7919 + 1)
    folder = os.path.join(root, "alembic")
    versions = os.path.join(folder, "versions")
    os.makedirs(versions, exist_ok=True)
    with open(os.path.join(root, "alembic.ini"), "w") as f:
        f.write(INI)
    with open(os.path.join(folder, "env.py"), "w") as f:
        f.write(graphgen.ALEMBIC_ENV_PY)
    uses_sql = {}
    for i, r in enumerate(g.revs):
        up, down, sql = _body(r, rng)
        uses_sql[r.id] = sql
        text = HEADER.format(message=r.message, rev=r.id, down=", ".join(r.down),
                             day=1 + i % 28, minute=i % 60, down_value=_py(r.down),
                             labels=_py(r.labels, True), depends=_py(r.depends_on))
        text += "def upgrade():\n" + "\n".join(up) + "\n\n\ndef downgrade():\n" \
            + "\n".join(down) + "\n"
        with open(os.path.join(versions, f"{r.id}_{r.message.replace(' ', '_')}.py"), "w") as f:
            f.write(text)
    return uses_sql
