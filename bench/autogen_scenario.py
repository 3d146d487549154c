"""Scenario 8: autogenerate on a 200-table declared schema (six columns, a
UNIQUE, a foreign key to an earlier table and an index per table), on
SQLite and PostgreSQL. Two cases: against an empty database (the revision
creates all 200 tables, and fleet replays it before writing it), and against
a database already holding the schema (nothing to write: the cost of
`fleet check` in CI). Alembic runs `revision --autogenerate` with the same
tables as SQLAlchemy metadata; the limit is the raw client loading the
declared SQL once, which fleet must do at least (into its scratch
database)."""

from __future__ import annotations

import glob
import os

from measure import run
from peers import Alembic, psql_file, sqlite3_file

ENV_PY = '''\
import sys
from alembic import context
from sqlalchemy import create_engine, pool
sys.path.insert(0, {models_dir!r})
import models

url = context.get_x_argument(as_dictionary=True).get("url")
engine = create_engine(url, poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=models.metadata)
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
'''

MAKO = '''\
"""${message}"""
from alembic import op
import sqlalchemy as sa
revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None


def upgrade():
    ${upgrades if upgrades else "pass"}


def downgrade():
    ${downgrades if downgrades else "pass"}
'''


def parent_of(i: int) -> int:
    """The table table i refers to: a binary tree, 8 levels for 200 tables.
    A chain (each table referring to the one before) is 200 levels deep,
    and Alembic 1.8's autogenerate dies of RecursionError on it."""
    return (i - 1) // 2


def declared_sql(tables: int, dialect: str) -> str:
    key = "INTEGER" if dialect == "sqlite" else "BIGINT"
    out = []
    for i in range(tables):
        parent = f",\n    CONSTRAINT fk_t{i:03d}_parent FOREIGN KEY (parent_id) REFERENCES " \
                 f"t{parent_of(i):03d} (id)" if i else ""
        out.append(f"""CREATE TABLE t{i:03d} (
    id {key} NOT NULL,
    name VARCHAR(80) NOT NULL,
    email VARCHAR(255),
    score INTEGER DEFAULT 0 NOT NULL,
    created_at TIMESTAMP,
    parent_id {key},
    CONSTRAINT pk_t{i:03d} PRIMARY KEY (id),
    CONSTRAINT uq_t{i:03d}_email UNIQUE (email){parent}
);
CREATE INDEX ix_t{i:03d}_name ON t{i:03d} (name);""")
    return "\n".join(out) + "\n"


def models_py(tables: int) -> str:
    lines = ["import sqlalchemy as sa", "metadata = sa.MetaData()"]
    for i in range(tables):
        fk = f", sa.ForeignKey('t{parent_of(i):03d}.id', name='fk_t{i:03d}_parent')" if i else ""
        lines.append(f"""sa.Table('t{i:03d}', metadata,
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True),
    sa.Column('name', sa.String(80), nullable=False, index=True),
    sa.Column('email', sa.String(255)),
    sa.Column('score', sa.Integer, nullable=False, server_default='0'),
    sa.Column('created_at', sa.DateTime),
    sa.Column('parent_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'){fk}),
    sa.UniqueConstraint('email', name='uq_t{i:03d}_email'))""")
    return "\n".join(lines) + "\n"


def alembic_project(directory: str, tables: int) -> Alembic:
    os.makedirs(os.path.join(directory, "versions"), exist_ok=True)
    with open(os.path.join(directory, "models.py"), "w") as f:
        f.write(models_py(tables))
    with open(os.path.join(directory, "env.py"), "w") as f:
        f.write(ENV_PY.format(models_dir=directory))
    with open(os.path.join(directory, "script.py.mako"), "w") as f:
        f.write(MAKO)
    ini = os.path.join(directory, "alembic.ini")
    with open(ini, "w") as f:
        f.write(f"[alembic]\nscript_location = {directory}\n")
    return Alembic(ini)


def scenario(bench) -> list:
    from scenarios import Result  # imported here: scenarios.py imports this module

    s = bench.sizes
    tables = s.autogen_tables
    results = []
    dialects = ["sqlite"] + (["postgresql"] if bench.pg_admin else [])
    for dialect in dialects:
        root = bench.fresh(bench.folder("autogen", dialect))
        sql_path = os.path.join(root, "schema.sql")
        with open(sql_path, "w") as f:
            f.write(declared_sql(tables, dialect))
        fleet_scripts = os.path.join(root, "fleet")
        os.makedirs(os.path.join(fleet_scripts, "versions"))
        alembic = alembic_project(os.path.join(root, "alembic"), tables)
        if dialect == "sqlite":
            empty_db, full_db = os.path.join(root, "empty.db"), os.path.join(root, "full.db")
            empty_url, full_url = f"sqlite:///{empty_db}", f"sqlite:///{full_db}"
            dev = []
            limit_db = os.path.join(root, "limit.db")
            limit = sqlite3_file(limit_db, sql_path)
            run(sqlite3_file(full_db, sql_path))
        else:
            bench.pg_recreate(["autogen_empty", "autogen_full", "autogen_limit"])
            empty_url, full_url = bench.pg_url("autogen_empty"), bench.pg_url("autogen_full")
            dev = ["--dev-url", bench.pg_admin]
            limit = psql_file(bench.pg_url("autogen_limit"), sql_path)
            run(psql_file(full_url, sql_path))

        def clean(_):
            for path in glob.glob(os.path.join(fleet_scripts, "versions", "*")) + \
                    glob.glob(os.path.join(root, "alembic", "versions", "*.py")):
                os.remove(path)
            if dialect == "sqlite":
                if os.path.exists(limit_db):
                    os.remove(limit_db)
            else:
                bench.pg_recreate(["autogen_limit"])

        def fleet(url, command):
            return bench.fleet.run(["--url", url, "--script-location", fleet_scripts, *command,
                                    "--from", sql_path, *dev], ok_codes=(0, 3))

        cases = [("autogenerate against an empty database", {
            "fleet": lambda: fleet(empty_url, ["revision", "--autogenerate", "-m", "all"]),
            "alembic": lambda: alembic.run(empty_url, ["revision", "--autogenerate", "-m", "all"]),
            "limit": lambda: run(limit),
        }), ("check against a database holding the schema", {
            "fleet": lambda: fleet(full_url, ["check"]),
            "alembic": lambda: alembic.run(full_url, ["revision", "--autogenerate", "-m", "none"]),
            "limit": lambda: run(limit),
        })]
        for label, runners in cases:
            measured = bench.alternate(runners, s.repeats, prepare=clean)
            name = f"8. {tables} tables, {dialect}: {label}"
            results += [Result(name, k, m) for k, m in measured.items()]
    return results
