"""Small Alembic projects shaped like real ones, written out as files: the
revision modules a team would have (batch mode for SQLite, an autocommit
block, a data migration, an Enum), each a dict of file name -> text."""

from __future__ import annotations

from pathlib import Path

from alembic_projects import INI
import graphgen

ENV_BATCH = graphgen.ALEMBIC_ENV_PY.replace(
    "context.configure(connection=connection, target_metadata=None)",
    "context.configure(connection=connection, target_metadata=None, render_as_batch=True)")


def revision(rev: str, down: str | None, message: str, upgrade: str, downgrade: str) -> str:
    return (f'"""{message}\n\nRevision ID: {rev}\nRevises: {down or ""}\n'
            f'Create Date: 2026-10-01 12:00:00.000000\n\n"""\n'
            "from alembic import op\nimport sqlalchemy as sa\n\n"
            f"revision = {rev!r}\ndown_revision = {down!r}\nbranch_labels = None\n"
            f"depends_on = None\n\n\ndef upgrade():\n{upgrade}\n\n\ndef downgrade():\n{downgrade}\n")


def write(root: Path, revisions: dict[str, str], env: str = graphgen.ALEMBIC_ENV_PY) -> Path:
    """An Alembic project in root; returns its alembic.ini."""
    versions = root / "alembic" / "versions"
    versions.mkdir(parents=True)
    (root / "alembic.ini").write_text(INI)
    (root / "alembic" / "env.py").write_text(env)
    for name, text in revisions.items():
        (versions / name).write_text(text)
    return root / "alembic.ini"


ACCOUNTS = revision("a1000000000a", None, "create accounts", '''\
    accounts = op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(100), nullable=False),
        sa.Column("plan", sa.String(20), nullable=False, server_default="free"),
    )
    op.bulk_insert(accounts, [{"id": 1, "email": "Ann@Example.com", "plan": "pro"},
                              {"id": 2, "email": "bob@example.com", "plan": "free"}])''',
    '''    op.drop_table("accounts")''')

# Batch mode, as autogenerate writes it with render_as_batch=True.
BATCH = revision("b2000000000b", "a1000000000a", "accounts batch changes", '''\
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("active", sa.Boolean(), nullable=False,
                                      server_default=sa.text("1")))
        batch_op.alter_column("email", existing_type=sa.String(100), nullable=True)
        batch_op.create_unique_constraint("uq_accounts_email", ["email"])
        batch_op.create_index(batch_op.f("ix_accounts_plan"), ["plan"], unique=False)''', '''\
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accounts_plan"))
        batch_op.drop_constraint("uq_accounts_email", type_="unique")
        batch_op.alter_column("email", existing_type=sa.String(100), nullable=False)
        batch_op.drop_column("active")''')

# Batch mode next to an UPDATE, as data-carrying SQLite revisions are written:
# Alembic's offline mode cannot run it (batch mode reflects the table from a
# live database), so the UPDATE becomes an execute step.
BATCH_UPDATE = revision("b6000000000b", "a1000000000a", "nicknames from emails", '''\
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nick", sa.String(100), nullable=True))
    op.execute("UPDATE accounts SET nick = lower(email);")''', '''\
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("nick")''')

CONCURRENTLY = revision("c3000000000c", "a1000000000a", "index emails concurrently", '''\
    with op.get_context().autocommit_block():
        op.execute("CREATE INDEX CONCURRENTLY ix_accounts_email ON accounts (email)")''', '''\
    with op.get_context().autocommit_block():
        op.execute("DROP INDEX CONCURRENTLY ix_accounts_email")''')

DATA_MIGRATION = revision("d4000000000d", "a1000000000a", "lower-case the emails", '''\
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, email FROM accounts")).fetchall()
    for id_, email in rows:
        conn.execute(sa.text("UPDATE accounts SET email = :e WHERE id = :i"),
                     {"e": email.lower(), "i": id_})''', '''\
    pass''')

AFTER_DATA = revision("e5000000000e", "d4000000000d", "add a note", '''\
    op.add_column("accounts", sa.Column("note", sa.Text(), nullable=True))''', '''\
    op.drop_column("accounts", "note")''')

ENUM = revision("f6000000000f", None, "moods", '''\
    op.create_table(
        "moods",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("mood", sa.Enum("happy", "sad", "so-so", name="mood"), nullable=False,
                  server_default="happy"),
    )''', '''\
    op.drop_table("moods")''')

# Every portable operation of the vocabulary, one revision each way.
EVERY_OP = revision("a7000000000a", "a1000000000a", "every portable operation", '''\
    op.create_table(
        "orgs",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("kind", sa.SmallInteger(), nullable=True),
        sa.Column("born", sa.Date(), nullable=True),
        sa.Column("opens", sa.Time(), nullable=True),
        sa.Column("seen", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("meta", sa.JSON(), nullable=True),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("code", sa.CHAR(3), nullable=True),
    )
    op.add_column("accounts", sa.Column("org_id", sa.BigInteger(), nullable=True))
    op.create_foreign_key("fk_accounts_org", "accounts", "orgs", ["org_id"], ["id"],
                          ondelete="SET NULL")
    op.create_check_constraint("ck_orgs_kind", "orgs", "kind >= 0")
    op.create_unique_constraint(None, "orgs", ["name"])
    op.create_index("ix_orgs_lower_name", "orgs", [sa.text("lower(name)")])
    op.create_index("ix_orgs_kind", "orgs", ["kind"], postgresql_where=sa.text("kind > 0"),
                    sqlite_where=sa.text("kind > 0"))
    op.alter_column("accounts", "plan", existing_type=sa.String(20), type_=sa.String(40),
                    existing_nullable=False, existing_server_default="free")
    op.alter_column("accounts", "plan", server_default="basic", existing_type=sa.String(40))
    op.rename_table("orgs", "organisations")''', '''\
    op.rename_table("organisations", "orgs")
    op.alter_column("accounts", "plan", server_default="free", existing_type=sa.String(40))
    op.alter_column("accounts", "plan", existing_type=sa.String(40), type_=sa.String(20),
                    existing_nullable=False, existing_server_default="free")
    op.drop_index("ix_orgs_kind", table_name="orgs")
    op.drop_index("ix_orgs_lower_name", table_name="orgs")
    op.drop_constraint("orgs_name_key", "orgs", type_="unique")
    op.drop_constraint("ck_orgs_kind", "orgs", type_="check")
    op.drop_constraint("fk_accounts_org", "accounts", type_="foreignkey")
    op.drop_column("accounts", "org_id")
    op.drop_table("orgs")''')

# A dialect test inside the revision: one branch per database.
DIALECT_TEST = revision("a8000000000a", "a1000000000a", "index emails per dialect", '''\
    if op.get_context().dialect.name == "postgresql":
        op.create_index("ix_accounts_email", "accounts", [sa.text("lower(email)")])
    else:
        op.create_index("ix_accounts_email", "accounts", ["email"])''', '''\
    op.drop_index("ix_accounts_email", table_name="accounts")''')
