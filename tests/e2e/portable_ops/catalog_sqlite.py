"""An SQLite file's schema as a plain value (catalog.py's shape), read from
its PRAGMAs (table_xinfo, index_list, index_xinfo, foreign_key_list) and
sqlite_master. Constraint names and CHECK conditions exist only in the
CREATE TABLE text, so they are read from it."""

from __future__ import annotations

import re
import sqlite3

from catalog import BOOKKEEPING

_CONSTRAINT = re.compile(r'CONSTRAINT\s+("[^"]+"|\w+)\s+(PRIMARY\s+KEY|UNIQUE|CHECK|FOREIGN\s+KEY|REFERENCES)',
                         re.IGNORECASE)
_BARE_CHECK = re.compile(r"(?<![\w\"])CHECK\s*\(", re.IGNORECASE)


def plain(sql: str | None) -> str | None:
    """SQL with "quoted" simple names bare and spaces collapsed: SQLite's
    RENAME TABLE and RENAME COLUMN rewrite the names they change quoted into
    indexes, CHECKs, views and triggers, so a rename and its reversal would
    otherwise read as a change."""
    if sql is None:
        return None
    return " ".join(re.sub(r'"(\w+)"', r"\1", sql).split())


def _unquote(name: str) -> str:
    return name[1:-1].replace('""', '"') if name.startswith('"') else name


def _balanced(sql: str, start: int) -> str:
    """The text inside the parenthesis that opens at or after start, quotes skipped."""
    i = sql.index("(", start)
    depth, j, quote = 0, i, None
    while j < len(sql):
        c = sql[j]
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"`[":
            quote = "]" if c == "[" else c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return sql[i + 1:j].strip()
        j += 1
    raise ValueError(f"unbalanced parenthesis in {sql!r}")


def _names(inside: str) -> list[str]:
    return [_unquote(p.strip()) for p in inside.split(",")]


def _segment_column(sql: str, pos: int) -> str:
    """The column whose definition holds position pos of a CREATE TABLE: the
    first name of the comma-separated part of the table's body around pos."""
    start, depth, quote, i = None, 0, None, 0
    while i < pos:
        c = sql[i]
        if quote:
            quote = None if c == quote else quote
        elif c in "'\"`[":
            quote = "]" if c == "[" else c
        elif c == "(":
            depth += 1
            if depth == 1:
                start = i + 1
        elif c == ")":
            depth -= 1
        elif c == "," and depth == 1:
            start = i + 1
        i += 1
    m = re.match(r'\s*("(?:[^"]|"")+"|\w+)', sql[start:])
    return m.group(1)


def named_constraints(create_sql: str) -> dict[str, tuple[str, str]]:
    """name -> (kind, body) for each CONSTRAINT clause: kind PRIMARY KEY,
    UNIQUE, CHECK or FOREIGN KEY; body the text in its parenthesis (the
    columns, or the condition), or for a column's own PRIMARY KEY, UNIQUE or
    REFERENCES, that column."""
    out = {}
    for m in _CONSTRAINT.finditer(create_sql):
        kind = " ".join(m.group(2).upper().split())
        inline = kind == "REFERENCES" or (
            kind in ("PRIMARY KEY", "UNIQUE") and not create_sql[m.end():].lstrip().startswith("("))
        if kind == "REFERENCES":
            kind = "FOREIGN KEY"
        body = _segment_column(create_sql, m.start()) if inline else _balanced(create_sql, m.end())
        out[_unquote(m.group(1))] = (kind, body)
    return out


def check_conditions(create_sql: str) -> dict:
    """name (or "#n" for the n-th unnamed one) -> condition text."""
    named = {n: body for n, (kind, body) in named_constraints(create_sql).items() if kind == "CHECK"}
    spans = [m for m in _CONSTRAINT.finditer(create_sql) if m.group(2).upper() == "CHECK"]
    out, unnamed = dict(named), 0
    for m in _BARE_CHECK.finditer(create_sql):
        if any(s.start() <= m.start() < s.end() for s in spans):
            continue
        out[f"#{unnamed}"] = _balanced(create_sql, m.start())
        unnamed += 1
    return out


def _table(con, name: str, create_sql: str) -> dict:
    named = named_constraints(create_sql)
    by_kind = {}
    for cname, (kind, body) in named.items():
        by_kind.setdefault(kind, []).append((cname, body))
    columns, pk = [], []
    for cid, col, ctype, notnull, dflt, pkpos, hidden in con.execute(f'PRAGMA table_xinfo("{name}")'):
        columns.append({"name": col, "type": ctype, "nullable": not notnull, "default": dflt,
                        "identity": None, "comment": None, "hidden": hidden})
        if pkpos:
            pk.append((pkpos, col))
    primary_key = None
    if pk:
        pk_name = next((n for n, _ in by_kind.get("PRIMARY KEY", [])), None)
        primary_key = {"name": pk_name, "columns": [c for _, c in sorted(pk)]}
    unique, indexes = {}, {}
    for _seq, iname, is_unique, origin, partial in con.execute(f'PRAGMA index_list("{name}")'):
        keys = [r for r in con.execute(f'PRAGMA index_xinfo("{iname}")') if r[5]]
        cols = [r[2] if r[2] is not None else "<expr>" for r in keys]
        if origin == "u":
            uq_name = next((n for n, body in by_kind.get("UNIQUE", []) if _names(body) == cols), None)
            unique[uq_name or iname] = cols
        elif origin == "c":
            sql = con.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                              (iname,)).fetchone()[0]
            where = sql[re.search(r"\bWHERE\b", sql, re.I).end():].strip() if partial else None
            indexes[iname] = {"columns": cols, "unique": bool(is_unique), "where": plain(where),
                              "desc": [bool(r[3]) for r in keys], "sql": plain(sql)}
    fks = {}
    for fid, _seq, ref, frm, to, onupdate, ondelete, _match in con.execute(
            f'PRAGMA foreign_key_list("{name}")'):
        fk = fks.setdefault(fid, {"columns": [], "referred_table": ref, "referred_columns": [],
                                  "ondelete": ondelete, "onupdate": onupdate})
        fk["columns"].append(frm)
        fk["referred_columns"].append(to)
    foreign_keys = []
    for fk in fks.values():
        fk["name"] = next((n for n, body in by_kind.get("FOREIGN KEY", []) if _names(body) == fk["columns"]),
                          None)
        foreign_keys.append(fk)
    foreign_keys.sort(key=lambda f: (f["name"] or "", f["columns"]))
    return {"columns": columns, "primary_key": primary_key, "unique": unique,
            "checks": {n: plain(c) for n, c in check_conditions(create_sql).items()},
            "foreign_keys": foreign_keys,
            "indexes": indexes, "comment": None,
            "autoincrement": bool(re.search(r"\bAUTOINCREMENT\b", create_sql, re.I))}


def read(path: str) -> dict:
    """The schema of the SQLite file at path, bookkeeping tables left out."""
    con = sqlite3.connect(path)
    try:
        master = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall()
        tables = {name: _table(con, name, sql) for kind, name, _t, sql in master
                  if kind == "table" and not name.startswith("sqlite_") and name not in BOOKKEEPING}
        return {"tables": tables, "enums": {},
                "views": {n: plain(sql) for k, n, _t, sql in master if k == "view"},
                "triggers": {n: plain(sql) for k, n, _t, sql in master if k == "trigger"}}
    finally:
        con.close()


def rows(path: str, table: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return sorted(con.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
    finally:
        con.close()
