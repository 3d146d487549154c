"""Seeded random sequences of schema operations for the differential test:
3-6 revisions of 1-3 operations each (create, drop and rename tables; add,
drop and alter columns: type, nullable, default, name; indexes; unique and
check constraints; foreign keys with ON DELETE/ON UPDATE; drops of each).
Each operation is valid on the schema before it (opgen_model.Model) and
comes with its inverse, every name spelled out, from which the Alembic
writer builds each revision's downgrade (fleet derives its own)."""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field

from opgen_model import ACTIONS, TYPES, Model, a_default, convention


@dataclass
class Revision:
    ops: list = field(default_factory=list)
    downgrade: list = field(default_factory=list)     # the inverses, in the order they run
    expected: dict = field(default_factory=dict)      # Model.expected() after this revision


def _column(rng, m: Model, type_=None) -> dict:
    type_ = type_ or rng.choice(TYPES)
    nullable = rng.random() < 0.6
    default = a_default(rng, type_) if rng.random() < 0.4 else None
    return {"name": m.fresh("c"), "type": type_, "nullable": nullable, "default": default}


def _create_table(rng, m: Model) -> dict:
    name = m.fresh("t")
    cols = [{"name": "id", "type": "integer", "nullable": False, "default": None}]
    cols += [_column(rng, m) for _ in range(rng.randint(1, 3))]
    op = {"op": "create_table", "name": name, "columns": cols, "unique": [], "checks": [], "fks": [],
          "pk_name": None if rng.random() < 0.7 else m.fresh("pk_named")}
    if rng.random() < 0.4:
        op["unique"].append({"name": None, "columns": [cols[1]["name"]]})
    ints = [c["name"] for c in cols[1:] if c["type"] == "integer"]
    if ints and rng.random() < 0.5:
        op["checks"].append({"name": rng.choice([None, m.fresh("ck_named")]), "column": ints[0],
                             "condition": f"{ints[0]} >= 0"})
    if m.tables and rng.random() < 0.5:
        ref = rng.choice(sorted(m.tables))
        fk_col = {"name": m.fresh("ref"), "type": "integer", "nullable": True, "default": None}
        cols.append(fk_col)
        op["fks"].append({"name": None, "columns": [fk_col["name"]], "ref": ref,
                          "ondelete": rng.choice(ACTIONS), "onupdate": rng.choice(ACTIONS[:3])})
    return op


def _candidates(rng, m: Model) -> list[dict]:
    """Every kind of operation that can apply now, one draw each."""
    out = [_create_table(rng, m)] if len(m.tables) < 4 else []
    for tname in sorted(m.tables):
        t, used = m.tables[tname], m.used(tname)
        free = [c for c in t["columns"] if c["name"] not in used]
        in_check = set(t["checks_on"].values())
        fk_cols = {c for f in t["fks"].values() for c in f["columns"]}
        out.append({"op": "add_column", "table": tname, "column": _column(rng, m)})
        if free and len(t["columns"]) > 2:
            out.append({"op": "drop_column", "table": tname, "column": rng.choice(free)["name"]})
        alterable = [c for c in t["columns"] if c["name"] != "id" and c["name"] not in in_check
                     and c["name"] not in fk_cols]
        if alterable:
            c = rng.choice(alterable)
            change = rng.choice(["type", "nullable", "default", "rename"])
            op = {"op": "alter_column", "table": tname, "column": c["name"]}
            if change == "type" and c["type"] in ("integer", "varchar(20)"):
                op["type"] = {"integer": "bigint", "varchar(20)": "varchar(40)"}[c["type"]]
            elif change == "nullable":
                op["nullable"] = not c["nullable"]
            elif change == "default":
                op["default"] = None if c["default"] else a_default(rng, c["type"])
            elif change == "rename":
                op["new_name"] = m.fresh("c")
            if len(op) == 3:        # a type with no wider one: flip nullable instead
                op["nullable"] = not c["nullable"]
            out.append(op)
        cols = [c["name"] for c in t["columns"]]
        picked = rng.sample(cols, min(len(cols), rng.randint(1, 2)))
        name = m.free_name(convention("ix", tname, picked[0]), "ix")
        if rng.random() < 0.3:
            name = m.fresh("ix_named")
        out.append({"op": "create_index", "table": tname, "columns": picked, "name": name,
                    "unique": rng.random() < 0.3})
        uq_cols = [c for c in cols if c != "id"][:1] or ["id"]
        if uq_cols not in t["unique"].values():    # SQLAlchemy keeps one of two alike
            out.append({"op": "create_unique_constraint", "table": tname, "columns": uq_cols,
                        "name": m.free_name(convention("uq", tname, uq_cols[0]), "uq")})
        ints = [c["name"] for c in t["columns"] if c["type"] == "integer" and c["name"] != "id"
                and c["name"] not in in_check]
        if ints:
            col = ints[0]
            out.append({"op": "create_check_constraint", "table": tname, "column": col,
                        "condition": f"{col} >= 0",
                        "name": m.free_name(convention("ck", tname, col), "ck")})
        fkable = [c for c in ints if c not in fk_cols]
        if fkable:
            ref = rng.choice(sorted(m.tables))
            out.append({"op": "create_foreign_key", "table": tname, "columns": [fkable[0]], "ref": ref,
                        "name": m.free_name(convention("fk", tname, fkable[0], ref), "fk"),
                        "ondelete": rng.choice(ACTIONS), "onupdate": rng.choice(ACTIONS[:3])})
        for kind, group in (("index", t["indexes"]), ("unique", t["unique"]), ("check", t["checks"]),
                            ("foreignkey", t["fks"])):
            if group:
                out.append({"op": "drop_index" if kind == "index" else "drop_constraint",
                            "table": tname, "name": rng.choice(sorted(group)), "type": kind})
        out.append({"op": "rename_table", "table": tname, "new_name": m.fresh("t")})
        if not m.referenced(tname) and len(m.tables) > 1:
            out.append({"op": "drop_table", "name": tname})
    return out


def _recreate(m: Model, tname: str) -> list[dict]:
    """The operations that build table tname as m holds it, every name explicit."""
    t = m.tables[tname]
    op = {"op": "create_table", "name": tname, "columns": copy.deepcopy(t["columns"]),
          "pk_name": t["pk"]["name"], "fks": [],
          "unique": [{"name": n, "columns": list(c)} for n, c in t["unique"].items()],
          "checks": [{"name": n, "column": t["checks_on"][n], "condition": cond}
                     for n, cond in t["checks"].items()]}
    op["fks"] = [{"name": n, **copy.deepcopy(f)} for n, f in t["fks"].items()]
    return [op] + [{"op": "create_index", "table": tname, "name": n, **copy.deepcopy(i)}
                   for n, i in t["indexes"].items()]


def inverse(m: Model, op: dict) -> list[dict]:
    """The operations that undo op, m being the schema before it."""
    kind = op["op"]
    if kind == "create_table":
        return [{"op": "drop_table", "name": op["name"]}]
    if kind == "drop_table":
        return _recreate(m, op["name"])
    if kind == "rename_table":
        return [{"op": "rename_table", "table": op["new_name"], "new_name": op["table"]}]
    if kind == "add_column":
        return [{"op": "drop_column", "table": op["table"], "column": op["column"]["name"]}]
    if kind == "drop_column":
        return [{"op": "add_column", "table": op["table"], "column": copy.deepcopy(m.column(op["table"], op["column"]))}]
    if kind == "alter_column":
        old = m.column(op["table"], op["column"])
        back = {"op": "alter_column", "table": op["table"], "column": op.get("new_name", op["column"])}
        for key in ("type", "nullable", "default"):
            if key in op:
                back[key] = copy.deepcopy(old[key])
        if "new_name" in op:
            back["new_name"] = op["column"]
        return [back]
    if kind.startswith("create_"):
        after = copy.deepcopy(m)
        after.apply(op)
        new = (after.names - m.names).pop()
        dropped = {"create_index": "index", "create_unique_constraint": "unique",
                   "create_check_constraint": "check", "create_foreign_key": "foreignkey"}[kind]
        return [{"op": "drop_index" if dropped == "index" else "drop_constraint", "table": op["table"],
                 "name": new, "type": dropped}]
    t = m.tables[op["table"]]
    name = op["name"]
    if name in t["indexes"]:
        return [{"op": "create_index", "table": op["table"], "name": name, **copy.deepcopy(t["indexes"][name])}]
    if name in t["unique"]:
        return [{"op": "create_unique_constraint", "table": op["table"], "name": name,
                 "columns": list(t["unique"][name])}]
    if name in t["checks"]:
        return [{"op": "create_check_constraint", "table": op["table"], "name": name,
                 "column": t["checks_on"][name], "condition": t["checks"][name]}]
    return [{"op": "create_foreign_key", "table": op["table"], "name": name, **copy.deepcopy(t["fks"][name])}]


def _draw(rng, candidates: list[dict]) -> dict:
    """A kind of operation first, then one of its candidates: every kind is
    drawn as often, however many tables offer it."""
    kinds = sorted({c["op"] for c in candidates})
    kind = rng.choice(kinds)
    return rng.choice([c for c in candidates if c["op"] == kind])


def generate(seed: int) -> tuple[list[Revision], Model]:
    """The revisions of sequence `seed`, and the schema at their head."""
    rng = random.Random(seed)
    m = Model()
    revisions = []
    for i in range(rng.randint(3, 6)):
        rev = Revision()
        for _ in range(rng.randint(1, 3)):
            op = _create_table(rng, m) if not m.tables else _draw(rng, _candidates(rng, m))
            rev.downgrade[:0] = inverse(m, op)
            m.apply(op)
            rev.ops.append(op)
        rev.expected = m.expected()
        revisions.append(rev)
    return revisions, m


def final_form(m: Model) -> list[dict]:
    """Operations that build m's schema directly: each table created whole
    (its foreign keys inline once the tables they refer to exist; a key on
    a cycle added after, by create_foreign_key), then the indexes."""
    ops, made, deferred = [], set(), []
    left = sorted(m.tables)
    while left:
        ready = [t for t in left if all(f["ref"] in made or f["ref"] == t
                                        for f in m.tables[t]["fks"].values())]
        tname = ready[0] if ready else left[0]
        create = _recreate(m, tname)[0]
        if not ready:
            deferred += [{"op": "create_foreign_key", "table": tname, **f} for f in create["fks"]
                         if f["ref"] not in made and f["ref"] != tname]
            create["fks"] = [f for f in create["fks"] if f["ref"] in made or f["ref"] == tname]
        ops.append(create)
        made.add(tname)
        left.remove(tname)
    ops += deferred
    for tname in sorted(m.tables):
        ops += _recreate(m, tname)[1:]
    return ops
