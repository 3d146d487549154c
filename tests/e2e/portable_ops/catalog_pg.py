"""A PostgreSQL database's schema as a plain value (catalog.py's shape), read
from information_schema and pg_catalog: columns (format_type, NOT NULL,
pg_get_expr of the default, identity, comments), constraints
(pg_get_constraintdef: PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY with its
actions), indexes not backing a constraint (each key's column or
expression, unique, the partial index's WHERE), enum types and sequences."""

from __future__ import annotations

from catalog import BOOKKEEPING

_FK_ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


def _query(conn, sql: str, params=()) -> list:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _columns(conn, oid: int) -> list[dict]:
    return [{"name": name, "type": typ, "nullable": not notnull, "default": default,
             "identity": identity or None, "comment": comment}
            for name, typ, notnull, default, identity, comment in _query(conn, """
        SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               pg_get_expr(d.adbin, d.adrelid), a.attidentity, col_description(a.attrelid, a.attnum)
        FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = %s AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""", (oid,))]


def _constraints(conn, oid: int) -> dict:
    out = {"primary_key": None, "unique": {}, "checks": {}, "foreign_keys": []}
    for name, kind, cols, ref_table, ref_cols, upd, dele, definition in _query(conn, """
        SELECT c.conname, c.contype,
               ARRAY(SELECT attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                     JOIN pg_attribute ON attrelid = c.conrelid AND attnum = k.n ORDER BY k.i),
               c.confrelid::regclass::text,
               ARRAY(SELECT attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                     JOIN pg_attribute ON attrelid = c.confrelid AND attnum = k.n ORDER BY k.i),
               c.confupdtype, c.confdeltype, pg_get_constraintdef(c.oid, true)
        FROM pg_constraint c WHERE c.conrelid = %s ORDER BY c.conname""", (oid,)):
        if kind == "p":
            out["primary_key"] = {"name": name, "columns": list(cols)}
        elif kind == "u":
            out["unique"][name] = list(cols)
        elif kind == "c":
            out["checks"][name] = definition
        elif kind == "f":
            out["foreign_keys"].append({
                "name": name, "columns": list(cols), "referred_table": ref_table,
                "referred_columns": list(ref_cols), "ondelete": _FK_ACTIONS[dele],
                "onupdate": _FK_ACTIONS[upd]})
    return out


def _indexes(conn, oid: int) -> dict:
    out = {}
    for name, nkeys, unique, where, sql in _query(conn, """
        SELECT c.relname, i.indnkeyatts, i.indisunique, pg_get_expr(i.indpred, i.indrelid),
               pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = %s
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid
                          AND k.conrelid = i.indrelid)
        ORDER BY c.relname""", (oid,)):
        keys = [_query(conn, "SELECT pg_get_indexdef(%s::regclass, %s, true)", (name, k))[0][0]
                for k in range(1, nkeys + 1)]
        out[name] = {"columns": keys, "unique": unique, "where": where, "sql": sql}
    return out


def read(conn, schema: str = "public") -> dict:
    """The schema `schema` of the database conn is connected to, bookkeeping tables left out."""
    tables = {}
    for oid, name, comment in _query(conn, """
        SELECT c.oid, c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %s AND c.relkind IN ('r', 'p') ORDER BY c.relname""", (schema,)):
        if name in BOOKKEEPING:
            continue
        table = {"columns": _columns(conn, oid), "indexes": _indexes(conn, oid), "comment": comment}
        table.update(_constraints(conn, oid))
        table["foreign_keys"].sort(key=lambda f: (f["name"], f["columns"]))
        tables[name] = table
    enums = {}
    for typname, label in _query(conn, """
        SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
        JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = %s
        ORDER BY t.typname, e.enumsortorder""", (schema,)):
        enums.setdefault(typname, []).append(label)
    views = dict(_query(conn, "SELECT viewname, definition FROM pg_views WHERE schemaname = %s",
                        (schema,)))
    sequences = sorted(r[0] for r in _query(
        conn, "SELECT sequencename FROM pg_sequences WHERE schemaname = %s", (schema,)))
    return {"tables": tables, "enums": enums, "views": views, "triggers": {},
            "sequences": sequences}


def rows(conn, table: str) -> list[tuple]:
    return sorted(_query(conn, f'SELECT * FROM "{table}"'), key=repr)
