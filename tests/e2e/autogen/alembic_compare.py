"""Alembic 1.8's compare_metadata between a database (the current side) and
another database reflected into SQLAlchemy metadata (the declared side), as
the differential test runs it: compare_type and compare_server_default on."""

from __future__ import annotations

import re

import sqlalchemy
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.pool import NullPool

# A string default as PostgreSQL reports it: 'x'::character varying.
CAST_LITERAL = re.compile(r"^'((?:[^']|'')*)'::[a-z ]+(\(\d+\))?$")


def engine_for(db):
    # NullPool: between pairs the SQLite file is deleted and PostgreSQL's
    # schema dropped, so no connection may outlive a pair.
    url = db.url.replace("postgresql://", "postgresql+psycopg2://")
    return sqlalchemy.create_engine(url, poolclass=NullPool)


def as_a_model_declares(metadata: sqlalchemy.MetaData) -> None:
    """Reflected string defaults written as a model writes them
    (server_default="x"). Alembic 1.8 strips the quotes of a string column's
    default text and quotes it again with Python's repr, which turns the
    reflected 'x'::character varying into SQL PostgreSQL refuses; the plain
    string compares."""
    for table in metadata.tables.values():
        for column in table.columns:
            default = column.server_default
            if default is None or not isinstance(column.type, sqlalchemy.String):
                continue
            match = CAST_LITERAL.match(str(getattr(default.arg, "text", default.arg)))
            if match:
                column.server_default = sqlalchemy.schema.DefaultClause(
                    match.group(1).replace("''", "'"))


def diffs(current, declared, compare_server_default: bool = True) -> list:
    metadata = sqlalchemy.MetaData()
    declared_engine, current_engine = engine_for(declared), engine_for(current)
    try:
        metadata.reflect(bind=declared_engine)
        as_a_model_declares(metadata)
        with current_engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True,
                                  "compare_server_default": compare_server_default})
            return compare_metadata(context, metadata)
    finally:
        declared_engine.dispose()
        current_engine.dispose()


def diffs_or_without_defaults(current, declared) -> tuple[list, bool]:
    """(the diffs, whether server defaults were compared). Alembic 1.8 fails
    on a string default holding a quote on PostgreSQL (it writes
    SELECT 'it''s'::text = "it's"): then the pair is compared again without
    defaults, and the caller says so rather than losing the pair."""
    try:
        return diffs(current, declared), True
    except sqlalchemy.exc.ProgrammingError:
        return diffs(current, declared, compare_server_default=False), False
