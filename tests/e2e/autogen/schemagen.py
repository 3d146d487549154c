"""Seeded pairs of schemas (before, after) for the autogenerate round trip:
a random schema of a few tables, then a few random changes of the kinds
autogenerate detects (on PostgreSQL also enum types, their labels added
and removed, and column and table comments). Each schema is written as SQL for one dialect, with
every constraint named by the convention fleet writes (uq_/fk_/ck_<table>_
<column>..., pk_<table>), since SQLite keeps no names in its catalog."""

from __future__ import annotations

import copy
import random

TYPES = {
    "sqlite": ["INTEGER", "BIGINT", "VARCHAR(20)", "VARCHAR(80)", "TEXT", "BOOLEAN", "DATETIME",
               "NUMERIC(10, 2)"],
    "postgresql": ["INTEGER", "BIGINT", "VARCHAR(20)", "VARCHAR(80)", "TEXT", "BOOLEAN",
                   "TIMESTAMP WITHOUT TIME ZONE", "NUMERIC(10, 2)", "UUID", "JSON"],
}
# Type changes an empty table takes on both dialects without USING.
WIDER = {"VARCHAR(20)": ["VARCHAR(80)", "TEXT"], "VARCHAR(80)": ["VARCHAR(20)", "TEXT"],
         "INTEGER": ["BIGINT"], "BIGINT": ["INTEGER"], "TEXT": ["VARCHAR(80)"]}
ACTIONS = ["NO ACTION", "CASCADE", "SET NULL", "RESTRICT"]
# PostgreSQL only: enum labels and comments (SQLite keeps enums as CHECKs,
# which the pairs have, and no comments). A label with a quote is never a
# default: Alembic 1.8 cannot compare such a default on PostgreSQL.
LABELS = ["sad", "ok", "glad", "calm", "cross", "it's", "Mixed Case"]
COMMENTS = ["the owner", "it's late", "counted; not summed", "ünïcode ✓"]


def defaults(type_: str, dialect: str) -> list[str]:
    if type_ in ("INTEGER", "BIGINT"):
        return ["0", "7"]
    if type_.startswith("VARCHAR") or type_ == "TEXT":
        return ["'x'", "'it''s'"]
    if type_ == "BOOLEAN":
        return ["true", "false"] if dialect == "postgresql" else ["0", "1"]
    if type_ in ("DATETIME", "TIMESTAMP WITHOUT TIME ZONE"):
        return ["CURRENT_TIMESTAMP"]
    if type_.startswith("NUMERIC"):
        return ["0", "2.5"]
    return []


class Gen:
    def __init__(self, seed: int, dialect: str):
        self.r = random.Random(seed)
        # Enum columns and comments draw from a stream of their own, so the
        # other draws of a seed are those they always were.
        self.x = random.Random(f"enums and comments {seed}")
        self.dialect = dialect
        self.n = 0
        self.enums = 0

    def name(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n}"

    def column(self) -> dict:
        t = self.r.choice(TYPES[self.dialect])
        d = defaults(t, self.dialect)
        return {"name": self.name("c"), "type": t, "nullable": self.r.random() < 0.6,
                "default": self.r.choice(d) if d and self.r.random() < 0.35 else None}

    def table(self, tables: dict) -> dict:
        t = {"name": self.name("t"), "columns": [self.column() for _ in range(self.r.randint(1, 4))],
             "unique": [], "checks": [], "indexes": [], "fks": []}
        for _ in range(self.r.randint(0, 2)):
            self.add_index(t)
        if self.r.random() < 0.3:
            self.add_unique(t)
        if self.r.random() < 0.3:
            self.add_check(t)
        if tables and self.r.random() < 0.5:
            self.add_fk(t, self.r.choice(sorted(tables)))
        return t

    def plain_columns(self, t: dict) -> list[dict]:
        """The columns an index or UNIQUE may use (json has no btree class)."""
        return [c for c in t["columns"] if c["type"] != "JSON"]

    def add_index(self, t: dict):
        cols = self.plain_columns(t)
        if not cols:
            return
        picked = self.r.sample(cols, min(len(cols), self.r.randint(1, 2)))
        ix = {"name": f"ix_{t['name']}_{self.name('i')}", "columns": [c["name"] for c in picked],
              "unique": self.r.random() < 0.3, "where": None, "expr": None}
        if self.r.random() < 0.25:
            ix["where"] = f"{picked[0]['name']} IS NOT NULL"
        text_cols = [c for c in cols if c["type"].startswith("VARCHAR") or c["type"] == "TEXT"]
        if text_cols and self.r.random() < 0.25:
            ix["expr"] = f"lower({text_cols[0]['name']})"
            ix["columns"] = []
        t["indexes"].append(ix)

    def add_unique(self, t: dict):
        free = [c for c in self.plain_columns(t) if not any(u[1] == [c["name"]] for u in t["unique"])]
        if free:
            c = self.r.choice(free)["name"]
            t["unique"].append((f"uq_{t['name']}_{c}", [c]))

    def add_check(self, t: dict):
        nums = [c for c in t["columns"] if c["type"] in ("INTEGER", "BIGINT", "NUMERIC(10, 2)")]
        if nums:
            c = self.r.choice(nums)["name"]
            name = f"ck_{t['name']}_{c}"
            if not any(k[0] == name for k in t["checks"]):
                t["checks"].append((name, f"{c} >= 0"))

    def add_fk(self, t: dict, parent: str):
        col = {"name": self.name("c"), "type": "BIGINT", "nullable": True, "default": None}
        t["columns"].append(col)
        t["fks"].append({"name": f"fk_{t['name']}_{col['name']}_{parent}", "column": col["name"],
                         "parent": parent, "ondelete": self.r.choice(ACTIONS)})

    def schema(self) -> dict:
        tables = {}
        for _ in range(self.r.randint(1, 4)):
            t = self.table(tables)
            tables[t["name"]] = t
        if len(tables) > 1 and self.r.random() < 0.3:  # a cycle: the first refers to the last
            first, last = sorted(tables)[0], sorted(tables)[-1]
            self.add_fk(tables[first], last)
        return tables

    # ---- changes ----------------------------------------------------------------------

    def change(self, tables: dict) -> dict:
        after = copy.deepcopy(tables)
        # The dialect tests that once kept CHECKs and expression indexes to
        # PostgreSQL are gone without moving a draw: PostgreSQL's pairs for a
        # seed are those it always had.
        kinds = ["add_table", "drop_table", "add_column", "drop_column", "type", "nullable",
                 "default", "add_index", "drop_index", "add_unique", "drop_unique", "add_fk",
                 "drop_fk", "fk_action", "add_check", "drop_check"]
        for _ in range(self.r.randint(1, 4)):
            getattr(self, "do_" + self.r.choice(kinds))(after)
        return after

    def pick(self, tables):
        return tables[self.r.choice(sorted(tables))] if tables else None

    def do_add_table(self, ts):
        t = self.table(ts)
        ts[t["name"]] = t

    def do_drop_table(self, ts):
        if len(ts) < 2:
            return
        gone = self.r.choice(sorted(ts))
        del ts[gone]
        for t in ts.values():
            t["fks"] = [k for k in t["fks"] if k["parent"] != gone]

    def do_add_column(self, ts):
        t = self.pick(ts)
        t["columns"].append(self.column())

    def do_drop_column(self, ts):
        t = self.pick(ts)
        if len(t["columns"]) < 2:
            return
        self.drop_column(t, self.r.choice(t["columns"])["name"])

    def drop_column(self, t: dict, c: str):
        """The column gone, with what uses it."""
        t["columns"] = [x for x in t["columns"] if x["name"] != c]
        t["indexes"] = [i for i in t["indexes"] if c not in i["columns"] and
                        (i["expr"] is None or c not in i["expr"]) and
                        (i["where"] is None or not i["where"].startswith(c + " "))]
        t["unique"] = [u for u in t["unique"] if c not in u[1]]
        t["checks"] = [k for k in t["checks"] if not k[1].startswith(c + " ")]
        t["fks"] = [k for k in t["fks"] if k["column"] != c]

    def do_type(self, ts):
        t = self.pick(ts)
        cols = [c for c in t["columns"] if c["type"] in WIDER and not self.used(t, c["name"])]
        if cols:
            c = self.r.choice(cols)
            c["type"] = self.r.choice(WIDER[c["type"]])
            if c["default"] not in defaults(c["type"], self.dialect):
                c["default"] = None

    def used(self, t, name):
        return (any(name in i["columns"] or (i["expr"] and name in i["expr"]) or
                    (i["where"] and i["where"].startswith(name + " ")) for i in t["indexes"]) or
                any(name in u[1] for u in t["unique"]) or
                any(k[1].startswith(name + " ") for k in t["checks"]) or
                any(k["column"] == name for k in t["fks"]))

    def do_nullable(self, ts):
        c = self.r.choice(self.pick(ts)["columns"])
        c["nullable"] = not c["nullable"]

    def do_default(self, ts):
        c = self.r.choice(self.pick(ts)["columns"])
        options = defaults(c["type"], self.dialect) + [None]
        c["default"] = self.r.choice(options)

    def do_add_index(self, ts):
        self.add_index(self.pick(ts))

    def do_drop_index(self, ts):
        t = self.pick(ts)
        if t["indexes"]:
            t["indexes"].pop(self.r.randrange(len(t["indexes"])))

    def do_add_unique(self, ts):
        self.add_unique(self.pick(ts))

    def do_drop_unique(self, ts):
        t = self.pick(ts)
        if t["unique"]:
            t["unique"].pop(self.r.randrange(len(t["unique"])))

    def do_add_check(self, ts):
        self.add_check(self.pick(ts))

    def do_drop_check(self, ts):
        t = self.pick(ts)
        if t["checks"]:
            t["checks"].pop(self.r.randrange(len(t["checks"])))

    def do_add_fk(self, ts):
        t = self.pick(ts)
        self.add_fk(t, self.r.choice(sorted(ts)))

    def do_drop_fk(self, ts):
        t = self.pick(ts)
        if t["fks"]:
            t["fks"].pop(self.r.randrange(len(t["fks"])))

    def do_fk_action(self, ts):
        t = self.pick(ts)
        if t["fks"]:
            k = self.r.choice(t["fks"])
            k["ondelete"] = self.r.choice([a for a in ACTIONS if a != k["ondelete"]])


    # ---- PostgreSQL: enum types and comments ------------------------------------------

    def enum_column(self, ts: dict) -> dict:
        """A column of an enum type in use (half the time), else of a new one."""
        used = enums_of(ts)
        if used and self.x.random() < 0.5:
            name = self.x.choice(sorted(used))
            labels = list(used[name])
        else:
            self.enums += 1
            name = f"mood{self.enums}"
            labels = self.x.sample(LABELS, self.x.randint(1, 3))
        plain = [label for label in labels if "'" not in label]
        default = None
        if plain and self.x.random() < 0.4:
            default = "'" + self.x.choice(plain) + "'"
        return {"name": self.name("m"), "type": name, "enum": labels,
                "nullable": self.x.random() < 0.6, "default": default}

    def decorate(self, ts: dict):
        """Enum columns and comments on a schema made by schema()."""
        for name in sorted(ts):
            t = ts[name]
            if self.x.random() < 0.5:
                t["columns"].append(self.enum_column(ts))
            if self.x.random() < 0.25:
                t["comment"] = self.x.choice(COMMENTS)
            for c in t["columns"]:
                if self.x.random() < 0.15:
                    c["comment"] = self.x.choice(COMMENTS)

    def change_more(self, after: dict):
        """PostgreSQL's further changes: enum labels and columns, comments."""
        kinds = ["label_added", "label_added", "label_removed", "label_removed", "enum_column",
                 "enum_dropped", "column_comment", "table_comment"]
        for _ in range(self.x.choice([0, 1, 1, 2, 2])):
            getattr(self, "x_" + self.x.choice(kinds))(after)

    def relabel(self, ts: dict, name: str, labels: list[str]):
        for t in ts.values():
            for c in t["columns"]:
                if c.get("enum") is not None and c["type"] == name:
                    c["enum"] = list(labels)
                    if c["default"] is not None and c["default"][1:-1] not in labels:
                        c["default"] = None

    def x_label_added(self, ts):
        used = enums_of(ts)
        if not used:
            return self.x_enum_column(ts)
        name = self.x.choice(sorted(used))
        labels = list(used[name])
        fresh = [label for label in LABELS if label not in labels]
        if fresh:
            labels.insert(self.x.randint(0, len(labels)), self.x.choice(fresh))
            self.relabel(ts, name, labels)

    def x_label_removed(self, ts):
        used = {n: v for n, v in enums_of(ts).items() if len(v) > 1}
        if not used:
            return self.x_label_added(ts)
        name = self.x.choice(sorted(used))
        labels = list(used[name])
        labels.pop(self.x.randrange(len(labels)))
        self.relabel(ts, name, labels)

    def x_enum_column(self, ts):
        t = ts[self.x.choice(sorted(ts))]
        t["columns"].append(self.enum_column(ts))

    def x_enum_dropped(self, ts):
        """Every column of one enum type dropped: the type goes with them."""
        used = enums_of(ts)
        if not used:
            return
        name = self.x.choice(sorted(used))
        for t in ts.values():
            for c in [c for c in t["columns"] if c.get("enum") is not None and c["type"] == name]:
                self.drop_column(t, c["name"])

    def x_column_comment(self, ts):
        t = ts[self.x.choice(sorted(ts))]
        if not t["columns"]:
            return
        c = self.x.choice(t["columns"])
        options = [text for text in COMMENTS if text != c.get("comment")]
        c["comment"] = None if c.get("comment") and self.x.random() < 0.4 else self.x.choice(options)

    def x_table_comment(self, ts):
        t = ts[self.x.choice(sorted(ts))]
        options = [text for text in COMMENTS if text != t.get("comment")]
        t["comment"] = None if t.get("comment") and self.x.random() < 0.4 else self.x.choice(options)


def enums_of(tables: dict) -> dict:
    """The enum types the columns use: name -> labels."""
    out = {}
    for t in tables.values():
        for c in t["columns"]:
            if c.get("enum") is not None:
                out.setdefault(c["type"], c["enum"])
    return out


def pair(seed: int, dialect: str) -> tuple[dict, dict]:
    g = Gen(seed, dialect)
    before = g.schema()
    if dialect == "postgresql":
        g.decorate(before)
    after = g.change(before)
    if dialect == "postgresql":
        g.change_more(after)
    return before, after


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql(tables: dict, dialect: str) -> str:
    """The schema as SQL: tables, then indexes; on PostgreSQL the foreign
    keys are added after every table exists (they may form a cycle)."""
    key_type = "INTEGER" if dialect == "sqlite" else "BIGINT"
    out, later = [], []
    for name, labels in enums_of(tables).items():
        out.append(f"CREATE TYPE {name} AS ENUM ({', '.join(literal(x) for x in labels)});")
    for t in tables.values():
        lines = [f"    id {key_type} NOT NULL"]
        for c in t["columns"]:
            line = f"    {c['name']} {c['type']}"
            if c["default"] is not None:
                line += f" DEFAULT {c['default']}"
            if not c["nullable"]:
                line += " NOT NULL"
            lines.append(line)
        lines.append(f"    CONSTRAINT pk_{t['name']} PRIMARY KEY (id)")
        for name, cols in t["unique"]:
            lines.append(f"    CONSTRAINT {name} UNIQUE ({', '.join(cols)})")
        for name, cond in t["checks"]:
            lines.append(f"    CONSTRAINT {name} CHECK ({cond})")
        for k in t["fks"]:
            clause = (f"CONSTRAINT {k['name']} FOREIGN KEY({k['column']}) REFERENCES {k['parent']} (id)"
                      + ("" if k["ondelete"] == "NO ACTION" else f" ON DELETE {k['ondelete']}"))
            if dialect == "sqlite":
                lines.append("    " + clause)
            else:
                later.append(f"ALTER TABLE {t['name']} ADD {clause};")
        out.append(f"CREATE TABLE {t['name']} (\n" + ",\n".join(lines) + "\n);")
        if t.get("comment"):
            out.append(f"COMMENT ON TABLE {t['name']} IS {literal(t['comment'])};")
        for c in t["columns"]:
            if c.get("comment"):
                out.append(f"COMMENT ON COLUMN {t['name']}.{c['name']} IS {literal(c['comment'])};")
    for t in tables.values():
        for ix in t["indexes"]:
            parts = ix["expr"] if ix["expr"] else ", ".join(ix["columns"])
            if ix["expr"] and dialect == "sqlite":
                # fleet writes an index expression in parentheses, and the
                # SQLite catalog oracle compares CREATE INDEX texts as
                # written: declared the same way, the texts match. That
                # fleet reads both spellings alike is a unit test's job
                # (test_sqlite_introspection.cpp).
                parts = f"({parts})"
            where = f" WHERE {ix['where']}" if ix["where"] else ""
            out.append(f"CREATE {'UNIQUE ' if ix['unique'] else ''}INDEX {ix['name']} ON {t['name']} "
                       f"({parts}){where};")
    return "\n".join(out + later) + "\n"
