"""What the secrets tests share: two PostgreSQL roles whose passwords are
distinctive (one plain, one that must be percent-encoded in a URL), passwords
holding braces that fleet's ${VAR} and {key} expansion reads, the URLs
that reach each error path with them, and the search of everything fleet
printed or wrote for any form of those passwords."""

from __future__ import annotations

import os
import socket
import urllib.parse
import uuid
from dataclasses import dataclass
from pathlib import Path

from fleet_cli import PgServer, pg_admin_url, redact

# Every password these tests use holds this word, so one case-insensitive
# search finds it raw, percent-encoded (letters and digits are never encoded)
# and decoded, and in any part of a longer password.
MARK = "s3cr3t"
PLAIN_PASSWORD = "S3cr3t-p4ss-XYZ"
# '@', ':', '/', '%' and a space: a URL must percent-encode all of them.
ODD_PASSWORD = "S3cr3t@odd:p/w%Z 9"
WRONG_PASSWORD = "Wrong-S3cr3t-0"
# Braces around the mark: in a for_each database's URL "{S3cr3tKey}" reads
# as a placeholder, and "${S3cr3tKey!}" as a malformed variable; an error
# quoting either would show the part of the password that holds the mark.
BRACED_PASSWORD = "Br4ce{S3cr3tKey}-9"
DOLLAR_BRACED_PASSWORD = "D0llar${S3cr3tKey!}-9"


def encoded(password: str) -> str:
    return urllib.parse.quote(password, safe="")


def leaks(text: str) -> bool:
    return MARK in text.lower()


def assert_clean(text: str, where: str, context: str = "") -> None:
    """Fails when text holds any form of a test password."""
    if leaks(text):
        i = text.lower().find(MARK)
        raise AssertionError(
            f"a password shows in {where}: ...{text[max(0, i - 80):i + 40]!r}...\n{redact(context)}")


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@dataclass(frozen=True)
class Role:
    name: str
    password: str

    def userinfo(self, password: str | None = None) -> str:
        return f"{self.name}:{encoded(self.password if password is None else password)}"


class Roles:
    """Two login roles of the test server, made for one test module."""

    def __init__(self):
        tag = uuid.uuid4().hex[:8]
        self.plain = Role(f"fleet_plain_{tag}", PLAIN_PASSWORD)
        self.odd = Role(f"fleet_odd_{tag}", ODD_PASSWORD)
        admin = urllib.parse.urlsplit(pg_admin_url())
        self.host = admin.hostname
        self.port = admin.port
        self._run(*(f"CREATE ROLE {r.name} LOGIN SUPERUSER PASSWORD '{r.password}'"
                    for r in (self.plain, self.odd)))

    def _run(self, *statements: str):
        import psycopg2
        con = psycopg2.connect(pg_admin_url())
        con.autocommit = True
        try:
            with con.cursor() as cur:
                for s in statements:
                    cur.execute(s)
        finally:
            con.close()

    def drop(self):
        self._run(*(f"DROP ROLE IF EXISTS {r.name}" for r in (self.plain, self.odd)))

    def url(self, role: Role, database: str, password: str | None = None,
            host: str | None = None, port: int | None = None) -> str:
        return (f"postgresql://{role.userinfo(password)}@{host or self.host}:"
                f"{port or self.port}/{database}")


@dataclass(frozen=True)
class Failure:
    """One way a connection fails: its URL and what the error must still say."""
    name: str
    url: str
    says: tuple


def connection_failures(roles: Roles, role: Role, database: str) -> list[Failure]:
    """The connection errors a URL holding role's password can reach."""
    port = closed_port()
    return [
        Failure("refused", roles.url(role, database, port=port),
                ("cannot connect", f"127.0.0.1:{port}")),
        Failure("refused-query-password",
                f"postgresql://{role.name}@127.0.0.1:{port}/{database}?password={encoded(role.password)}",
                ("cannot connect", f"127.0.0.1:{port}")),
        Failure("wrong-password", roles.url(role, database, password=WRONG_PASSWORD),
                ("password authentication failed", f"{roles.host}:{roles.port}")),
        Failure("unknown-database", roles.url(role, "no_such_db_for_secrets"),
                ("no_such_db_for_secrets", "does not exist")),
        Failure("unknown-host", roles.url(role, database, host="no-such-host.invalid", port=5432),
                ("no-such-host.invalid",)),
    ]


def files_text(root: Path, skip: set[Path] = frozenset()) -> str:
    """Every file under root (databases, lock files, anything fleet wrote),
    read as bytes and decoded loosely, so a password inside a SQLite page
    shows as well."""
    parts = []
    for dirpath, _, names in os.walk(root):
        for name in names:
            p = Path(dirpath) / name
            if p in skip or not p.is_file():
                continue
            parts.append(f"== {p}\n" + p.read_bytes().decode("latin-1"))
    return "\n".join(parts)


def pg_text(url: str) -> str:
    """Everything in the user tables of one PostgreSQL database, as text
    (fleet_history, alembic_version, the migrations' tables)."""
    import psycopg2
    con = psycopg2.connect(url)
    try:
        with con.cursor() as cur:
            cur.execute("SELECT table_schema, table_name FROM information_schema.tables "
                        "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")
            parts = []
            for schema, table in cur.fetchall():
                cur.execute(f'SELECT * FROM "{schema}"."{table}"')
                parts.append(f"{schema}.{table}: {cur.fetchall()!r}")
            return "\n".join(parts)
    finally:
        con.close()


def make_database(pg: PgServer, name: str) -> str:
    """Creates database `name` exactly as spelled (dropped with pg.drop_all())."""
    con = pg.admin()
    try:
        with con.cursor() as cur:
            cur.execute('CREATE DATABASE "{}"'.format(name.replace('"', '""')))
    finally:
        con.close()
    pg.created.append(name)
    return name
