"""opgen's operations written both ways: as fleet YAML steps (a revision
without `downgrade:`, so fleet derives it) and as an Alembic revision of
op.* calls whose downgrade is opgen's inverses. The Alembic env.py sets the
MetaData naming convention that gives INTERFACE.md's names to what is left
unnamed; checks always get op.f(name), since SQLAlchemy's ck convention
needs a name (fleet names an unnamed one after its first column)."""

from __future__ import annotations

import os

from opgen_model import convention
from yaml_revisions import rev_id, revision_text

ALEMBIC_ENV_PY = '''\
from alembic import context
from sqlalchemy import MetaData, create_engine, pool

NAMING = {"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
          "ck": "ck_%(table_name)s_%(constraint_name)s",
          "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
          "pk": "pk_%(table_name)s"}
engine = create_engine(context.config.attributes["url"], poolclass=pool.NullPool)
try:
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=MetaData(naming_convention=NAMING))
        with context.begin_transaction():
            context.run_migrations()
finally:
    engine.dispose()
'''

SA_TYPES = {"integer": "sa.Integer()", "bigint": "sa.BigInteger()", "varchar(20)": "sa.String(20)",
            "varchar(40)": "sa.String(40)", "text": "sa.Text()", "boolean": "sa.Boolean()",
            "numeric(8,2)": "sa.Numeric(8, 2)", "timestamp": "sa.DateTime()", "date": "sa.Date()"}


# ---- fleet YAML -------------------------------------------------------------------------

def _yaml_default(d):
    return d[1] if d[0] == "lit" else {"expr": d[1]}


def _yaml_column(c: dict, pk: bool = False) -> dict:
    out = {"name": c["name"], "type": c["type"]}
    if pk:
        out["primary_key"] = True
    elif not c["nullable"]:
        out["nullable"] = False
    if c["default"] is not None:
        out["server_default"] = _yaml_default(c["default"])
    return out


def _named(name, body: dict) -> dict:
    return {"name": name, **body} if name else body


def _yaml_fk(f: dict) -> dict:
    out = _named(f["name"], {"columns": f["columns"], "references": {"table": f["ref"], "columns": ["id"]}})
    for key in ("ondelete", "onupdate"):
        if f[key]:
            out[key] = f[key]
    return out


def yaml_step(op: dict) -> dict:
    kind, args = op["op"], {k: v for k, v in op.items() if k != "op"}
    if kind == "create_table":
        named_pk = op["pk_name"] is not None
        body = {"name": op["name"],
                "columns": [_yaml_column(c, pk=(c["name"] == "id" and not named_pk)) for c in op["columns"]]}
        if named_pk:
            body["primary_key"] = {"name": op["pk_name"], "columns": ["id"]}
        if op["unique"]:
            body["unique"] = [_named(u["name"], {"columns": u["columns"]}) for u in op["unique"]]
        if op["checks"]:
            body["checks"] = [_named(c["name"], {"condition": c["condition"]}) for c in op["checks"]]
        if op["fks"]:
            body["foreign_keys"] = [_yaml_fk(f) for f in op["fks"]]
        return {kind: body}
    if kind == "add_column":
        return {kind: {"table": op["table"], "column": _yaml_column(op["column"])}}
    if kind == "alter_column":
        body = {"table": op["table"], "column": op["column"]}
        if "type" in op:
            body["type"] = op["type"]
        if "nullable" in op:
            body["nullable"] = op["nullable"]
        if "default" in op:
            body["server_default"] = None if op["default"] is None else _yaml_default(op["default"])
        if "new_name" in op:
            body["new_column_name"] = op["new_name"]
        return {kind: body}
    if kind == "create_index":
        body = _named(op["name"], {"table": op["table"], "columns": op["columns"]})
        if op["unique"]:
            body["unique"] = True
        return {kind: body}
    if kind == "create_unique_constraint":
        return {kind: _named(op["name"], {"table": op["table"], "columns": op["columns"]})}
    if kind == "create_check_constraint":
        return {kind: _named(op["name"], {"table": op["table"], "condition": op["condition"]})}
    if kind == "create_foreign_key":
        return {kind: {"table": op["table"], **_yaml_fk(op)}}
    if kind == "drop_index":
        return {kind: {"name": op["name"], "table": op["table"]}}
    return {kind: args}      # drop_table, rename_table, drop_column, drop_constraint


def write_fleet_dir(revisions, root: str) -> None:
    versions = os.path.join(root, "versions")
    os.makedirs(versions, exist_ok=True)
    down = None
    for i, r in enumerate(revisions, 1):
        rev = rev_id(i)
        with open(os.path.join(versions, f"{rev}_step.yaml"), "w") as f:
            f.write(revision_text(rev, down, [yaml_step(op) for op in r.ops]))
        down = rev


# ---- Alembic ----------------------------------------------------------------------------

def _sa_default(d) -> str:
    if d[0] == "expr":
        return f"sa.text({d[1].upper()!r})"
    v = d[1]
    if isinstance(v, bool):
        return f"sa.text({str(v).lower()!r})"
    return repr(v) if isinstance(v, str) else f"sa.text({str(v)!r})"


def _sa_column(c: dict) -> str:
    args = [repr(c["name"]), SA_TYPES[c["type"]], f"nullable={c['nullable']}"]
    if c["name"] == "id":
        args.append("autoincrement=False")
    if c["default"] is not None:
        args.append(f"server_default={_sa_default(c['default'])}")
    return f"sa.Column({', '.join(args)})"


def _f(name) -> str:
    return f"op.f({name!r})" if name else "None"


def _actions(f: dict) -> str:
    return "".join(f", {k}={f[k]!r}" for k in ("ondelete", "onupdate") if f[k])


def alembic_call(op: dict) -> str:
    kind, t = op["op"], op.get("table")
    if kind == "create_table":
        parts = [repr(op["name"])] + [_sa_column(c) for c in op["columns"]]
        parts.append(f"sa.PrimaryKeyConstraint('id', name={_f(op['pk_name'])})")
        parts += [f"sa.UniqueConstraint({', '.join(map(repr, u['columns']))}, name={_f(u['name'])})"
                  for u in op["unique"]]
        parts += [f"sa.CheckConstraint({c['condition']!r}, "
                  f"name={_f(c['name'] or convention('ck', op['name'], c['column']))})" for c in op["checks"]]
        parts += [f"sa.ForeignKeyConstraint({f['columns']!r}, ['{f['ref']}.id'], name={_f(f['name'])}"
                  f"{_actions(f)})" for f in op["fks"]]
        return f"op.create_table({', '.join(parts)})"
    if kind == "drop_table":
        return f"op.drop_table({op['name']!r})"
    if kind == "rename_table":
        return f"op.rename_table({t!r}, {op['new_name']!r})"
    if kind == "add_column":
        return f"op.add_column({t!r}, {_sa_column(op['column'])})"
    if kind == "drop_column":
        return f"op.drop_column({t!r}, {op['column']!r})"
    if kind == "alter_column":
        args = [repr(t), repr(op["column"])]
        if "type" in op:
            args.append(f"type_={SA_TYPES[op['type']]}")
        if "nullable" in op:
            args.append(f"nullable={op['nullable']}")
        if "default" in op:
            args.append("server_default=" + ("None" if op["default"] is None else _sa_default(op["default"])))
        if "new_name" in op:
            args.append(f"new_column_name={op['new_name']!r}")
        return f"op.alter_column({', '.join(args)})"
    if kind == "create_index":
        return f"op.create_index({_f(op['name'])}, {t!r}, {op['columns']!r}, unique={op['unique']})"
    if kind == "drop_index":
        return f"op.drop_index({_f(op['name'])}, table_name={t!r})"
    if kind == "create_unique_constraint":
        return f"op.create_unique_constraint({_f(op['name'])}, {t!r}, {op['columns']!r})"
    if kind == "create_check_constraint":
        name = op["name"] or convention("ck", t, op["column"])
        return f"op.create_check_constraint({_f(name)}, {t!r}, {op['condition']!r})"
    if kind == "create_foreign_key":
        return (f"op.create_foreign_key({_f(op['name'])}, {t!r}, {op['ref']!r}, {op['columns']!r}, ['id']"
                f"{_actions(op)})")
    if kind == "drop_constraint":
        return f"op.drop_constraint({_f(op['name'])}, {t!r}, type_={op['type']!r})"
    raise ValueError(kind)


def write_alembic_dir(revisions, root: str) -> None:
    versions = os.path.join(root, "versions")
    os.makedirs(versions, exist_ok=True)
    with open(os.path.join(root, "env.py"), "w") as f:
        f.write(ALEMBIC_ENV_PY)
    down = None
    for i, r in enumerate(revisions, 1):
        rev = rev_id(i)
        body = "\n".join(f"    {alembic_call(op)}" for op in r.ops) or "    pass"
        back = "\n".join(f"    {alembic_call(op)}" for op in r.downgrade) or "    pass"
        with open(os.path.join(versions, f"{rev}_step.py"), "w") as f:
            f.write(f"import sqlalchemy as sa\nfrom alembic import op\n\nrevision = {rev!r}\n"
                    f"down_revision = {down!r}\nbranch_labels = None\ndepends_on = None\n\n\n"
                    f"def upgrade():\n{body}\n\n\ndef downgrade():\n{back}\n")
        down = rev
