"""SQLAlchemy column types, server defaults and columns in fleet's portable
vocabulary (INTERFACE.md, "A YAML revision: portable operations").

Whatever has no portable spelling raises NotPortable with the reason, and the
revision is then captured as SQL instead: a guess would make the imported
revision build something other than what Alembic builds.
"""

import sqlalchemy as sa
from sqlalchemy.sql import functions, sqltypes
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.dialects import postgresql


class NotPortable(Exception):
    """The revision does something fleet's portable operations cannot say."""


def portable_type(type_):
    """The fleet type of a SQLAlchemy type (instance or class)."""
    t = sqltypes.to_instance(type_)
    # Enum and Boolean before their bases (String, and nothing portable).
    if isinstance(t, sa.Enum):
        if not t.name:
            raise NotPortable("an Enum without a name")
        return {"enum": t.name, "values": list(t.enums)}
    if isinstance(t, sa.Boolean):
        return "boolean"
    if isinstance(t, sa.BigInteger):
        return "bigint"
    if isinstance(t, sa.SmallInteger):
        return "smallint"
    if isinstance(t, sa.Integer):
        return "integer"
    if isinstance(t, sa.Text):
        return "text"
    if isinstance(t, sa.CHAR) and t.length:
        return f"char({t.length})"
    if isinstance(t, sa.String) and type(t) in _PLAIN_STRINGS:
        if not t.length:
            raise NotPortable("a String without a length")
        return f"varchar({t.length})"
    if isinstance(t, sa.DateTime):
        return "timestamptz" if t.timezone else "timestamp"
    if isinstance(t, sa.Date):
        return "date"
    if isinstance(t, sa.Time) and not t.timezone:
        return "time"
    if isinstance(t, sa.Float) and type(t) in (sa.Float, sa.FLOAT):
        return "double"
    if isinstance(t, sa.Numeric) and type(t) in (sa.Numeric, sa.NUMERIC, sa.DECIMAL):
        if t.precision is None:
            return "numeric"
        return f"numeric({t.precision},{t.scale or 0})"
    if type(t) in (sa.JSON, postgresql.JSON):
        return "json"
    uuid_types = tuple(x for x in (postgresql.UUID, getattr(sa, "Uuid", None)) if x)
    if isinstance(t, uuid_types):
        return "uuid"
    if type(t) in (sa.LargeBinary, sa.BLOB, postgresql.BYTEA):
        return "binary"
    raise NotPortable(f"the type {t!r}")


# String and the subclasses that are only other spellings of VARCHAR(n).
_PLAIN_STRINGS = (sa.String, sa.VARCHAR, sa.Unicode, sa.NVARCHAR)


def _text_of(clause):
    return clause.text if isinstance(clause, TextClause) else None


def portable_default(value):
    """A server_default (a string, sa.text(), func.now(), or a DefaultClause
    holding one) as fleet writes it; None for no default."""
    if value is None:
        return None
    if isinstance(value, sa.DefaultClause):
        value = value.arg
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (functions.now, functions.current_timestamp)):
        return {"expr": "current_timestamp"}
    if isinstance(value, functions.current_date):
        return {"expr": "current_date"}
    if isinstance(value, functions.current_time):
        return {"expr": "current_time"}
    text = _text_of(value)
    if text is not None:
        if text.strip().lower() in ("now()", "current_timestamp"):
            return {"expr": "current_timestamp"}
        return {"sql": text}
    raise NotPortable(f"the server default {value!r}")


def postgresql_default_name(table, columns, suffix):
    """The name PostgreSQL gives an unnamed constraint: accounts_pkey,
    accounts_email_key, accounts_org_id_fkey. Giving the same name keeps the
    databases fleet creates like the ones Alembic made, whose later
    revisions drop such constraints by that name. None when PostgreSQL
    would have to shorten it (then fleet's own convention names it)."""
    name = f"{table}_pkey" if suffix == "pkey" else "_".join([table, *columns, suffix])
    return name if len(name.encode()) <= 63 else None


def _action(value):
    return value.upper() if value else None


def column_references(column):
    """A column's single-column foreign key as the column's `references`."""
    keys = list(column.foreign_keys)
    if not keys:
        return None
    if len(keys) > 1:
        raise NotPortable(f"column {column.name} with several foreign keys")
    fk = keys[0]
    if fk.deferrable is not None or fk.initially is not None or fk.match is not None:
        raise NotPortable(f"a foreign key of {column.name} that is deferrable or has MATCH")
    parts = fk.target_fullname.split(".")
    if len(parts) != 2:
        raise NotPortable(f"a foreign key of {column.name} into another schema")
    out = {"table": parts[0], "column": parts[1]}
    if fk.name:
        out["name"] = str(fk.name)
    if _action(fk.ondelete):
        out["ondelete"] = _action(fk.ondelete)
    if _action(fk.onupdate):
        out["onupdate"] = _action(fk.onupdate)
    return out


def portable_column(column, with_keys=True, autoincrement=False):
    """A sa.Column as a fleet column. with_keys: keep primary_key, unique
    and references on the column (add_column); create_table moves them to
    the table with their names."""
    if column.computed is not None or column.identity is not None:
        raise NotPortable(f"column {column.name} is computed or an identity")
    out = {"name": str(column.name), "type": portable_type(column.type)}
    if with_keys and column.primary_key:
        out["primary_key"] = True
    if autoincrement:
        out["autoincrement"] = True
    if not column.nullable and not column.primary_key:
        out["nullable"] = False
    if with_keys and column.unique:
        out["unique"] = True
    default = portable_default(column.server_default)
    if default is not None:
        out["server_default"] = default
    if with_keys:
        references = column_references(column)
        if references:
            out["references"] = references
    if column.comment:
        out["comment"] = column.comment
    return out
