"""The differences fleet check and Alembic's compare_metadata report, as
keys a user would call the same: (kind, table, object). fleet writes a
changed index, constraint or foreign key as a drop and a create of the same
name, Alembic as a remove and an add: both fold into "<thing> changed". A
table added or removed carries its columns, indexes and constraints, which
Alembic lists beside add_table and fleet inside create_table (or as a
create_foreign_key when keys form a cycle): only the table counts."""

from __future__ import annotations

import re

TABLE_ADDED, TABLE_REMOVED = "table added", "table removed"
# The attributes of an alter_column step, each a difference of its own as
# Alembic's modify_* are.
ALTERED = {"type": "column type changed", "nullable": "column nullable changed",
           "server_default": "column default changed", "comment": "column comment changed"}
# A kept table's comment, which fleet sets by an execute step for PostgreSQL.
TABLE_COMMENT = re.compile(r"^COMMENT ON TABLE (\S+) IS ")
CONSTRAINT_TYPES = {"primary": "primary key", "unique": "unique", "foreignkey": "foreign key",
                    "check": "check"}
FLEET_CREATES = {"create_index": "index", "create_unique_constraint": "unique",
                 "create_check_constraint": "check", "create_foreign_key": "foreign key",
                 "create_primary_key": "primary key"}


def fleet_keys(operations: list[dict]) -> set[tuple]:
    """fleet check --format json's operations as keys."""
    keys = []
    for op in operations:
        kind, table, name = op["op"], op["table"], op["object"]
        if kind == "create_table":
            keys.append((TABLE_ADDED, table, table))
        elif kind == "drop_table":
            keys.append((TABLE_REMOVED, table, table))
        elif kind == "add_column":
            keys.append(("column added", table, name))
        elif kind == "drop_column":
            keys.append(("column removed", table, name))
        elif kind == "alter_column":
            keys += [(relabel_or(label, op), table, name) for key, label in ALTERED.items()
                     if key in op]
        elif kind == "execute" and TABLE_COMMENT.match(op.get("postgresql", "")):
            commented = TABLE_COMMENT.match(op["postgresql"]).group(1)
            keys.append(("table comment changed", commented, commented))
        elif kind in FLEET_CREATES:
            keys.append((FLEET_CREATES[kind] + " added", table, name))
        elif kind == "drop_index":
            keys.append(("index removed", table, name))
        elif kind == "drop_constraint":
            keys.append((CONSTRAINT_TYPES[op["type"]] + " removed", table, name))
        else:
            keys.append(("fleet " + kind, table, name))
    return fold(keys)


def relabel_or(label: str, op: dict) -> str:
    """A type change from an enum type to itself with other labels is the
    type's labels changed, which Alembic does not compare."""
    new, old = op.get("type"), op.get("existing_type")
    if (label == ALTERED["type"] and isinstance(new, dict) and isinstance(old, dict)
            and "enum" in new and new.get("enum") == old.get("enum")):
        return "enum labels changed"
    return label


def alembic_keys(diffs: list) -> set[tuple]:
    """compare_metadata's diff tuples as keys: a column's modifications come
    as a list of tuples, everything else as one tuple."""
    keys = []
    for diff in diffs:
        if isinstance(diff, list):
            keys += [modification_key(m) for m in diff]
        else:
            keys.append(diff_key(diff))
    return fold(keys)


def modification_key(m: tuple) -> tuple:
    tag, _schema, table, column = m[:4]
    label = {"modify_type": "column type changed", "modify_nullable": "column nullable changed",
             "modify_default": "column default changed",
             "modify_comment": "column comment changed"}.get(tag, "alembic " + tag)
    return (label, table, column)


def diff_key(diff: tuple) -> tuple:
    tag = diff[0]
    if tag in ("add_table", "remove_table"):
        t = diff[1]
        return (TABLE_ADDED if tag == "add_table" else TABLE_REMOVED, t.name, t.name)
    if tag in ("add_table_comment", "remove_table_comment"):
        return ("table comment changed", diff[1].name, diff[1].name)
    if tag in ("add_column", "remove_column"):
        return ("column " + ("added" if tag == "add_column" else "removed"), diff[2], diff[3].name)
    obj = diff[1]
    verb = "added" if tag.startswith("add_") else "removed"
    if tag in ("add_index", "remove_index"):
        return ("index " + verb, obj.table.name, obj.name)
    if tag in ("add_fk", "remove_fk"):
        return ("foreign key " + verb, obj.parent.name, obj.name)
    if tag in ("add_constraint", "remove_constraint"):
        thing = {"UniqueConstraint": "unique", "CheckConstraint": "check",
                 "PrimaryKeyConstraint": "primary key"}.get(type(obj).__name__, type(obj).__name__)
        return (thing + " " + verb, obj.table.name, obj.name)
    return ("alembic " + tag, None, repr(diff[1:]))


def fold(keys: list[tuple]) -> set[tuple]:
    """Objects of an added or removed table dropped; a removal and an
    addition of one name folded into a change."""
    whole = {table for kind, table, _ in keys if kind in (TABLE_ADDED, TABLE_REMOVED)}
    keys = {k for k in keys if k[0] in (TABLE_ADDED, TABLE_REMOVED) or k[1] not in whole}
    out = set()
    for kind, table, name in keys:
        if kind.endswith(" removed") and (kind[:-len("removed")] + "added", table, name) in keys:
            out.add((kind[:-len("removed")] + "changed", table, name))
        elif kind.endswith(" added") and (kind[:-len("added")] + "removed", table, name) in keys:
            continue
        else:
            out.add((kind, table, name))
    return out
