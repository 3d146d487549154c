"""The schema opgen.py's sequences build, kept as they are generated, so each
next operation is valid: tables, their columns (name, type, nullable,
default), primary key, unique and check constraints, foreign keys and
indexes, by their effective names (INTERFACE.md's convention for the unnamed
ones: `convention`). Also what the catalog should show (`expected`).

An operation is a dict {"op": name, ...}; `name: None` in it means "leave it
to the convention"."""

from __future__ import annotations

import copy
import random

TYPES = ["integer", "bigint", "varchar(20)", "text", "boolean", "numeric(8,2)", "timestamp", "date"]
ACTIONS = [None, "CASCADE", "SET NULL", "RESTRICT", "NO ACTION"]


def convention(kind: str, table: str, column: str, referred: str = "") -> str:
    return {"ix": f"ix_{table}_{column}", "uq": f"uq_{table}_{column}", "ck": f"ck_{table}_{column}",
            "fk": f"fk_{table}_{column}_{referred}", "pk": f"pk_{table}"}[kind]


def a_default(rng: random.Random, type_: str):
    """A server_default fitting type_: ("lit", value) or ("expr", name)."""
    if type_ in ("integer", "bigint"):
        return ("lit", rng.randint(0, 99))
    if type_ == "numeric(8,2)":
        return ("lit", rng.choice([0, 1.5, 12.25]))
    if type_ == "boolean":
        return ("lit", rng.choice([True, False]))
    if type_ == "timestamp":
        return ("expr", "current_timestamp")
    if type_ == "date":
        return ("expr", "current_date")
    return ("lit", rng.choice(["x", "it's", "", "n/a"]))


class Model:
    """The schema the sequence has built so far."""

    def __init__(self):
        self.tables: dict[str, dict] = {}
        self.names: set[str] = set()     # every index and constraint name in use
        self.counter = 0

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def free_name(self, wanted: str, kind: str) -> str | None:
        """None (the convention's name, wanted, is free) or an explicit name to use."""
        return None if wanted not in self.names else self.fresh(f"{kind}_x")

    def used(self, table: str) -> set[str]:
        t = self.tables[table]
        cols = set(t["pk"]["columns"])
        for group in (t["unique"].values(), [i["columns"] for i in t["indexes"].values()],
                      [f["columns"] for f in t["fks"].values()]):
            for c in group:
                cols |= set(c)
        cols |= set(t["checks_on"].values())
        return cols

    def referenced(self, table: str) -> bool:
        return any(f["ref"] == table for n, t in self.tables.items() if n != table
                   for f in t["fks"].values())

    def column(self, table: str, name: str) -> dict:
        return next(c for c in self.tables[table]["columns"] if c["name"] == name)

    def apply(self, op: dict) -> None:
        kind = op["op"]
        if kind == "create_table":
            t = {"columns": copy.deepcopy(op["columns"]), "unique": {}, "checks": {}, "checks_on": {},
                 "fks": {}, "indexes": {}, "pk": {"name": op["pk_name"] or convention("pk", op["name"], ""),
                                                  "columns": ["id"]}}
            self.tables[op["name"]] = t
            self.names.add(t["pk"]["name"])
            for u in op["unique"]:
                self.apply({"op": "create_unique_constraint", "table": op["name"], **u})
            for c in op["checks"]:
                self.apply({"op": "create_check_constraint", "table": op["name"], **c})
            for f in op["fks"]:
                self.apply({"op": "create_foreign_key", "table": op["name"], **f})
        elif kind == "drop_table":
            t = self.tables.pop(op["name"])
            self.names -= {t["pk"]["name"], *t["unique"], *t["checks"], *t["fks"], *t["indexes"]}
        elif kind == "rename_table":
            self.tables[op["new_name"]] = self.tables.pop(op["table"])
            for t in self.tables.values():
                for f in t["fks"].values():
                    if f["ref"] == op["table"]:
                        f["ref"] = op["new_name"]
        elif kind == "add_column":
            self.tables[op["table"]]["columns"].append(copy.deepcopy(op["column"]))
        elif kind == "drop_column":
            t = self.tables[op["table"]]
            t["columns"] = [c for c in t["columns"] if c["name"] != op["column"]]
        elif kind == "alter_column":
            t, col = self.tables[op["table"]], self.column(op["table"], op["column"])
            for key in ("type", "nullable", "default"):
                if key in op:
                    col[key] = op[key]
            if "new_name" in op:
                col["name"] = op["new_name"]
                for group in (t["unique"].values(), [i["columns"] for i in t["indexes"].values()],
                              [f["columns"] for f in t["fks"].values()]):
                    for cols in group:
                        cols[:] = [op["new_name"] if c == op["column"] else c for c in cols]
        elif kind == "create_index":
            name = op["name"] or convention("ix", op["table"], op["columns"][0])
            self.tables[op["table"]]["indexes"][name] = {"columns": list(op["columns"]), "unique": op["unique"]}
            self.names.add(name)
        elif kind == "create_unique_constraint":
            name = op["name"] or convention("uq", op["table"], op["columns"][0])
            self.tables[op["table"]]["unique"][name] = list(op["columns"])
            self.names.add(name)
        elif kind == "create_check_constraint":
            name = op["name"] or convention("ck", op["table"], op["column"])
            self.tables[op["table"]]["checks"][name] = op["condition"]
            self.tables[op["table"]]["checks_on"][name] = op["column"]
            self.names.add(name)
        elif kind == "create_foreign_key":
            name = op["name"] or convention("fk", op["table"], op["columns"][0], op["ref"])
            self.tables[op["table"]]["fks"][name] = {k: copy.deepcopy(op[k]) for k in
                                                     ("columns", "ref", "ondelete", "onupdate")}
            self.names.add(name)
        elif kind in ("drop_index", "drop_constraint"):
            t = self.tables[op["table"]]
            for group in (t["indexes"], t["unique"], t["checks"], t["checks_on"], t["fks"]):
                group.pop(op["name"], None)
            self.names.discard(op["name"])
        else:
            raise ValueError(kind)

    def expected(self) -> dict:
        """What a catalog of this schema shows, by name: table -> (columns, names)."""
        return {n: ([c["name"] for c in t["columns"]],
                    sorted({t["pk"]["name"], *t["unique"], *t["checks"], *t["fks"], *t["indexes"]}))
                for n, t in self.tables.items()}
