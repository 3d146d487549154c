"""Reading a catalog the way a user would describe it, on either dialect:
a default without PostgreSQL's casts, SQLite's type affinity."""

from __future__ import annotations

import re

_CAST = re.compile(r"::[a-z_ ]+(\(\d+(,\s*\d+)?\))?(\[\])?")


def default(column: dict) -> str | None:
    """The column's default as SQL, PostgreSQL's casts and outer parentheses
    removed ("'free'::character varying" -> "'free'")."""
    text = column["default"]
    if text is None:
        return None
    text = _CAST.sub("", text).strip()
    while text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    return text


def affinity(declared: str) -> str:
    """SQLite's type affinity of a declared type (its documented five rules)."""
    t = declared.upper()
    if "INT" in t:
        return "INTEGER"
    if any(s in t for s in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if t == "" or "BLOB" in t:
        return "BLOB"
    if any(s in t for s in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def pk_columns(cat: dict, table: str) -> list[str]:
    pk = cat["tables"][table]["primary_key"]
    return pk["columns"] if pk else []


def constraint_names(cat: dict, table: str) -> set[str]:
    """Every named index and constraint of table."""
    t = cat["tables"][table]
    names = set(t["unique"]) | set(t["checks"]) | set(t["indexes"])
    names |= {fk["name"] for fk in t["foreign_keys"] if fk["name"]}
    if t["primary_key"] and t["primary_key"]["name"]:
        names.add(t["primary_key"]["name"])
    return names


def fk(cat: dict, table: str, columns: list[str]) -> dict:
    found = [f for f in cat["tables"][table]["foreign_keys"] if f["columns"] == columns]
    assert found, f"no foreign key on {table}{columns}: {cat['tables'][table]['foreign_keys']}"
    return found[0]
