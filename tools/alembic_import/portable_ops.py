"""Alembic's operation objects (alembic.operations.ops), as recorded from a
revision's upgrade() or downgrade(), turned into fleet's portable steps:
one-key maps {operation: arguments} that engine/script's YAML reader reads.

An operation with no portable form raises NotPortable; the revision is then
captured as SQL from Alembic's offline mode instead.
"""

import datetime
import decimal

import sqlalchemy as sa
from alembic.operations import ops
from sqlalchemy.sql.elements import _NONE_NAME, TextClause

from portable_columns import (
    NotPortable,
    portable_column,
    portable_default,
    portable_type,
    postgresql_default_name,
)

_FK_ACTIONS = ("ondelete", "onupdate")


def _name(value):
    # op.f("x") is a conv, a str subclass; the YAML reader wants plain text.
    # SQLAlchemy marks some unnamed constraints with a token, not None.
    return None if value is None or value is _NONE_NAME else str(value)


def _no_schema(op_, *schemas):
    for schema in schemas:
        if schema:
            raise NotPortable(f"{type(op_).__name__} in schema {schema}")


def _only_kw(op_, kw, allowed):
    unknown = sorted(k for k, v in kw.items() if k not in allowed and v not in (None, False))
    if unknown:
        raise NotPortable(f"{type(op_).__name__} with {', '.join(unknown)}")


def _condition(value):
    if isinstance(value, str):
        return value
    if isinstance(value, TextClause):
        return value.text
    # An expression built in Python: SQLAlchemy's default rendering with the
    # values inline, which both dialects read.
    return str(value.compile(compile_kwargs={"literal_binds": True}))


def _with(out, **items):
    out.update({k: v for k, v in items.items() if v not in (None, [], "")})
    return out


def create_table(op_):
    _no_schema(op_, op_.schema)
    _only_kw(op_, op_.kw, ())
    if op_.prefixes:
        raise NotPortable(f"create_table with prefixes {op_.prefixes}")
    # The Table the recorder built when the revision called create_table:
    # its columns belong to it, and a Column joins one Table only.
    table = getattr(op_, "recorded_table", None)
    if table is None:
        table = op_.to_table()
    auto = table._autoincrement_column
    columns = [portable_column(c, with_keys=False, autoincrement=c is auto) for c in table.columns]
    step = {"name": table.name, "columns": columns}
    pk = table.primary_key
    if pk is not None and len(pk.columns):
        names = [c.name for c in pk.columns]
        step["primary_key"] = _with(
            {}, name=_name(pk.name) or postgresql_default_name(table.name, names, "pkey"),
            columns=names)
    unique, checks, foreign_keys = [], [], []
    for constraint in sorted(table.constraints,
                             key=lambda c: (getattr(c, "_creation_order", 0), str(c.name))):
        if isinstance(constraint, sa.PrimaryKeyConstraint):
            continue
        if isinstance(constraint, sa.UniqueConstraint):
            names = [c.name for c in constraint.columns]
            unique.append(_with({}, name=_name(constraint.name)
                                or postgresql_default_name(table.name, names, "key"),
                                columns=names))
        elif isinstance(constraint, sa.CheckConstraint):
            checks.append(_with({}, name=_name(constraint.name),
                                condition=_condition(constraint.sqltext)))
        elif isinstance(constraint, sa.ForeignKeyConstraint):
            foreign_keys.append(_foreign_key(table.name, constraint))
        else:
            raise NotPortable(f"a {type(constraint).__name__} in create_table")
    _with(step, unique=unique, checks=checks, foreign_keys=foreign_keys,
          comment=table.comment)
    steps = [{"create_table": step}]
    # Alembic's create_table also creates the indexes of Column(index=True).
    for index in sorted(table.indexes, key=lambda i: i.name or ""):
        steps.append({"create_index": _index_of(index)})
    return steps


def _foreign_key(table_name, constraint):
    if constraint.deferrable is not None or constraint.initially is not None \
            or constraint.match is not None:
        raise NotPortable("a deferrable foreign key or one with MATCH")
    local = [c.parent.name for c in constraint.elements]
    targets = [e.target_fullname.split(".") for e in constraint.elements]
    if any(len(t) != 2 for t in targets) or len({t[0] for t in targets}) != 1:
        raise NotPortable("a foreign key into another schema")
    out = {"name": _name(constraint.name)
           or postgresql_default_name(table_name, local, "fkey"),
           "columns": local,
           "references": {"table": targets[0][0], "columns": [t[1] for t in targets]}}
    for action in _FK_ACTIONS:
        value = getattr(constraint, action)
        if value:
            out[action] = value.upper()
    return {k: v for k, v in out.items() if v is not None}


def _index_columns(expressions):
    out = []
    for part in expressions:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, sa.Column):
            out.append(part.name)
        elif isinstance(part, TextClause):
            out.append({"expr": part.text})
        else:
            raise NotPortable(f"an index on {part!r}")
    return out


def _where(op_, kw):
    pg, lite = kw.get("postgresql_where"), kw.get("sqlite_where")
    if pg is None and lite is None:
        return None
    pg_text = None if pg is None else _condition(pg)
    lite_text = None if lite is None else _condition(lite)
    if pg_text != lite_text:
        # Alembic builds a partial index on one dialect and a full one on the other.
        raise NotPortable(f"index {op_.index_name} is partial on one dialect only")
    return pg_text


def _index_of(index):
    _only_kw(index, index.kwargs, ())
    return _with({"name": _name(index.name), "table": index.table.name},
                 columns=[c.name for c in index.columns] if not index.expressions
                 or all(isinstance(e, sa.Column) for e in index.expressions)
                 else _index_columns(index.expressions),
                 unique=True if index.unique else None)


def create_index(op_):
    _no_schema(op_, op_.schema)
    _only_kw(op_, op_.kw, ("postgresql_where", "sqlite_where", "postgresql_concurrently"))
    return [{"create_index": _with(
        {"name": _name(op_.index_name), "table": op_.table_name,
         "columns": _index_columns(op_.columns)},
        unique=True if op_.unique else None,
        where=_where(op_, op_.kw),
        postgresql_concurrently=True if op_.kw.get("postgresql_concurrently") else None)}]


def drop_index(op_):
    _no_schema(op_, op_.schema)
    _only_kw(op_, op_.kw, ("postgresql_concurrently",))
    return [{"drop_index": _with(
        {"name": _name(op_.index_name)}, table=op_.table_name,
        postgresql_concurrently=True if op_.kw.get("postgresql_concurrently") else None)}]


def drop_table(op_):
    _no_schema(op_, op_.schema)
    return [{"drop_table": {"name": op_.table_name}}]


def rename_table(op_):
    _no_schema(op_, op_.schema)
    return [{"rename_table": {"table": op_.table_name, "new_name": op_.new_table_name}}]


def add_column(op_):
    _no_schema(op_, op_.schema)
    column = op_.column
    step = portable_column(column, with_keys=True)
    steps = [{"add_column": {"table": op_.table_name, "column": step}}]
    # Alembic adds a column's unique and foreign key as unnamed constraints:
    # name them as PostgreSQL does, as for create_table.
    if step.pop("unique", False) and not column.index:
        steps.append({"create_unique_constraint": _with(
            {"table": op_.table_name, "columns": [step["name"]]},
            name=postgresql_default_name(op_.table_name, [step["name"]], "key"))})
    references = step.get("references")
    if references and "name" not in references:
        _with(references, name=postgresql_default_name(op_.table_name, [step["name"]], "fkey"))
    if column.index:
        steps.append({"create_index": _with(
            {"name": f"ix_{op_.table_name}_{column.name}", "table": op_.table_name,
             "columns": [column.name]}, unique=True if column.unique else None)})
    return steps


def drop_column(op_):
    _no_schema(op_, op_.schema)
    return [{"drop_column": {"table": op_.table_name, "column": op_.column_name}}]


def _server_default_change(value):
    # Alembic: False = unchanged, None = drop the default.
    return portable_default(value)


def alter_column(op_):
    _no_schema(op_, op_.schema)
    _only_kw(op_, op_.kw, ("postgresql_using", "existing_autoincrement"))
    step = {"table": op_.table_name, "column": op_.column_name}
    if op_.modify_type is not None:
        step["type"] = portable_type(op_.modify_type)
    if op_.modify_nullable is not None:
        step["nullable"] = bool(op_.modify_nullable)
    if op_.modify_server_default is not False:
        step["server_default"] = _server_default_change(op_.modify_server_default)
    if op_.modify_name is not None:
        step["new_column_name"] = op_.modify_name
    if op_.modify_comment is not False:
        step["comment"] = op_.modify_comment or ""
    if op_.kw.get("postgresql_using"):
        step["postgresql_using"] = _condition(op_.kw["postgresql_using"])
    if op_.existing_type is not None:
        step["existing_type"] = portable_type(op_.existing_type)
    if op_.existing_nullable is not None:
        step["existing_nullable"] = bool(op_.existing_nullable)
    if op_.existing_server_default not in (False, None):
        step["existing_server_default"] = portable_default(op_.existing_server_default)
    return [{"alter_column": step}]


def create_primary_key(op_):
    _no_schema(op_, op_.schema)
    columns = [str(c) for c in op_.columns]
    return [{"create_primary_key": _with(
        {"table": op_.table_name, "columns": columns},
        name=_name(op_.constraint_name)
        or postgresql_default_name(op_.table_name, columns, "pkey"))}]


def create_unique_constraint(op_):
    _no_schema(op_, op_.schema)
    _only_kw(op_, op_.kw, ())
    columns = [str(c) for c in op_.columns]
    return [{"create_unique_constraint": _with(
        {"table": op_.table_name, "columns": columns},
        name=_name(op_.constraint_name)
        or postgresql_default_name(op_.table_name, columns, "key"))}]


def create_foreign_key(op_):
    _only_kw(op_, op_.kw, ("ondelete", "onupdate", "source_schema", "referent_schema"))
    _no_schema(op_, op_.kw.get("source_schema"), op_.kw.get("referent_schema"))
    local = [str(c) for c in op_.local_cols]
    step = {"name": _name(op_.constraint_name)
            or postgresql_default_name(op_.source_table, local, "fkey"),
            "table": op_.source_table, "columns": local,
            "references": {"table": op_.referent_table,
                           "columns": [str(c) for c in op_.remote_cols]}}
    for action in _FK_ACTIONS:
        if op_.kw.get(action):
            step[action] = op_.kw[action].upper()
    return [{"create_foreign_key": {k: v for k, v in step.items() if v is not None}}]


def create_check_constraint(op_):
    _no_schema(op_, op_.schema)
    _only_kw(op_, op_.kw, ())
    return [{"create_check_constraint": _with(
        {"table": op_.table_name, "condition": _condition(op_.condition)},
        name=_name(op_.constraint_name))}]


_CONSTRAINT_TYPES = {"primary": "primary", "unique": "unique", "foreignkey": "foreignkey",
                     "check": "check"}


def drop_constraint(op_):
    _no_schema(op_, op_.schema)
    kind = _CONSTRAINT_TYPES.get(op_.constraint_type)
    if kind is None:
        raise NotPortable(f"drop_constraint of {op_.constraint_name} without a type_")
    return [{"drop_constraint": {"name": _name(op_.constraint_name), "table": op_.table_name,
                                 "type": kind}}]


def _cell(value):
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, decimal.Decimal):
        raise NotPortable("a Decimal in bulk_insert")
    if isinstance(value, (datetime.date, datetime.time)):
        raise NotPortable("a date or time in bulk_insert")
    raise NotPortable(f"the value {value!r} in bulk_insert")


def bulk_insert(op_):
    if getattr(op_.table, "schema", None):
        raise NotPortable("bulk_insert into another schema")
    rows = [{str(k): _cell(v) for k, v in row.items()} for row in op_.rows]
    if not rows:
        return []
    return [{"bulk_insert": {"table": op_.table.name, "rows": rows}}]


_CONVERTERS = {
    ops.CreateTableOp: create_table,
    ops.DropTableOp: drop_table,
    ops.RenameTableOp: rename_table,
    ops.AddColumnOp: add_column,
    ops.DropColumnOp: drop_column,
    ops.AlterColumnOp: alter_column,
    ops.CreateIndexOp: create_index,
    ops.DropIndexOp: drop_index,
    ops.CreatePrimaryKeyOp: create_primary_key,
    ops.CreateUniqueConstraintOp: create_unique_constraint,
    ops.CreateForeignKeyOp: create_foreign_key,
    ops.CreateCheckConstraintOp: create_check_constraint,
    ops.DropConstraintOp: drop_constraint,
    ops.BulkInsertOp: bulk_insert,
}


def _execute(op_):
    """op.execute() of one SQL text, as an execute step: the same text on
    every dialect, as Alembic runs it. Anything else (a SQLAlchemy
    construct, bound parameters, execution options) is not."""
    text = op_.sqltext
    if isinstance(text, TextClause):
        if text._bindparams:
            raise NotPortable("op.execute() with bound parameters")
        text = text.text
    if not isinstance(text, str) or op_.execution_options:
        raise NotPortable("op.execute() of a SQLAlchemy construct")
    return [{"execute": text.strip().rstrip(";")}]


def portable_steps(recorded, sql_text=False):
    """The fleet steps of a list of recorded operations, in order. An
    op.execute() of SQL text becomes an execute step only with `sql_text`:
    otherwise it is NotPortable, and Alembic's offline mode captures the
    revision per dialect, which is preferred."""
    steps = []
    for op_ in recorded:
        convert = _CONVERTERS.get(type(op_))
        if convert is None:
            if isinstance(op_, ops.ExecuteSQLOp):
                if not sql_text:
                    raise NotPortable("op.execute() of SQL")
                convert = _execute
            else:
                raise NotPortable(f"{type(op_).__name__}")
        steps.extend(convert(op_))
    return steps
