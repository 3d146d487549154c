"""Renames (INTERFACE.md): with a `-- fleet:renamed_from OLD` hint in the
declared SQL autogenerate writes rename_table / alter_column new_column_name
and the rows stay; without one it drops and adds, the revision says so above
the drop, and the data of the dropped column is gone. Both dialects, each
revision verified by fleet itself and then run here."""

from __future__ import annotations

from autogen_run import Project

BEFORE = """
CREATE TABLE users (
  id integer PRIMARY KEY,
  mail varchar(255) NOT NULL,
  nick text
);
CREATE INDEX ix_users_mail ON users (mail);
CREATE TABLE posts (
  id integer PRIMARY KEY,
  author_id integer REFERENCES users (id),
  body text
);
"""

HINTED = """
CREATE TABLE accounts ( -- fleet:renamed_from users
  id integer PRIMARY KEY,
  email varchar(255) NOT NULL, -- fleet:renamed_from mail
  nick text
);
CREATE INDEX ix_users_mail ON accounts (email);
CREATE TABLE posts (
  id integer PRIMARY KEY,
  author_id integer REFERENCES accounts (id),
  content text -- fleet:renamed_from body
);
"""


def revision_text(p: Project, message: str) -> str:
    """The text of the revision written with that message."""
    texts = [f.read_text() for f in p.revisions()]
    return next(t for t in texts if f"message: {message}\n" in t)


def comments(text: str) -> list[str]:
    """The `# ...` comment paragraphs of a revision or of check's output."""
    out, current = [], []
    for line in text.splitlines() + [""]:
        stripped = line.strip()
        if stripped.startswith("# "):
            current.append(stripped[2:])
        elif current:
            out.append(" ".join(current))
            current = []
    return out


def start(fleet, make_db, tmp_path) -> Project:
    p = Project(fleet, make_db("app"), tmp_path)
    before = p.declare("before", BEFORE)
    p.autogenerate(before, "start")
    p.migrate("upgrade", "head")
    p.db.execute("INSERT INTO users (id, mail, nick) VALUES (1, 'a@example.com', 'a');"
                 "INSERT INTO posts (id, author_id, body) VALUES (10, 1, 'hello')")
    return p


def test_hinted_renames_keep_the_rows_and_come_back(fleet, make_db, kind, tmp_path):
    p = start(fleet, make_db, tmp_path)
    hinted = p.declare("hinted", HINTED)
    p.autogenerate(hinted, "renames")
    text = revision_text(p, "renames")
    assert "rename_table: {table: users, new_name: accounts}" in text, text
    assert "new_column_name: email" in text and "new_column_name: content" in text, text
    assert "drop_column" not in text and "drop_table" not in text, text
    assert "Dropped, not renamed" not in text, text

    p.migrate("upgrade", "head")
    assert p.db.query("SELECT id, email, nick FROM accounts") == [(1, "a@example.com", "a")]
    assert p.db.query("SELECT author_id, content FROM posts") == [(1, "hello")]
    assert p.check(hinted).out == "No new upgrade operations detected.\n"

    # The hints stay in the declared schema after the rename ran: nothing more.
    assert "No changes in schema detected." in p.autogenerate(hinted, "again").out

    p.migrate("downgrade", "-1")
    assert p.db.query("SELECT id, mail, nick FROM users") == [(1, "a@example.com", "a")]
    assert p.db.query("SELECT author_id, body FROM posts") == [(1, "hello")]
    assert "accounts" not in p.db.tables()


def test_without_a_hint_a_rename_is_a_drop_and_an_add_and_the_revision_says_so(
        fleet, make_db, kind, tmp_path):
    p = start(fleet, make_db, tmp_path)
    unhinted = p.declare("unhinted", HINTED.replace("-- fleet:renamed_from users", "")
                         .replace("-- fleet:renamed_from mail", "")
                         .replace("-- fleet:renamed_from body", ""))
    # check (before the revision exists) lists the same notes, so the
    # reviewer sees them in CI too.
    listed = comments(p.check(unhinted, rc=3).out)
    p.autogenerate(unhinted, "no hints")
    text = revision_text(p, "no hints")
    assert "rename_table" not in text and "new_column_name" not in text, text
    notes = comments(text)
    assert notes == [
        "Dropped, not renamed: table users goes with its rows while accounts is created. If it "
        "became one of them, write `-- fleet:renamed_from users` after that table's name in the "
        "declared SQL (`renamed_from: users` in YAML) and autogenerate again.",
        "Dropped, not renamed: column posts.body goes with its data while content is added. If "
        "it became one of them, write `-- fleet:renamed_from body` after that column in the "
        "declared SQL (`renamed_from: body` in YAML) and autogenerate again."], text
    # Each sits right above its drop, in the upgrade only.
    lines = text.splitlines()
    after_notes = [lines[i + 1].strip() for i, line in enumerate(lines)
                   if line.strip().startswith("#") and not lines[i + 1].strip().startswith("#")]
    assert [line.split(":")[0] for line in after_notes] == ["- drop_table", "- drop_column"], text
    assert listed == notes

    # The posts row is kept (its table is only altered), its body is not.
    p.db.execute("DELETE FROM posts")
    p.migrate("upgrade", "head")
    assert p.db.tables() >= {"accounts", "posts"} and "users" not in p.db.tables()
    assert p.db.query("SELECT count(*) FROM accounts") == [(0,)]


def test_a_misplaced_hint_is_refused_with_its_file_and_line(fleet, make_db, kind, tmp_path):
    p = start(fleet, make_db, tmp_path)
    bad = p.declare("bad", BEFORE + "CREATE INDEX ix_posts_body ON posts (body);\n"
                    "CREATE UNIQUE INDEX ix_nick ON users ( -- fleet:renamed_from y\n  nick);\n")
    res = p.call("revision", "--autogenerate", "-m", "bad", *p.args(bad))
    assert res.rc == 2, res
    assert f"{bad}:14: `-- fleet:renamed_from` goes after a table or a column of a CREATE " \
           "TABLE; this statement is not one" in res.err, res
    assert len(p.revisions()) == 1, "a revision was written"


HINTED_YAML = """
tables:
  - name: accounts
    renamed_from: users
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: email, type: varchar(255), nullable: false, renamed_from: mail}
      - {name: nick, type: text}
    indexes:
      - {name: ix_users_mail, columns: [email]}
  - name: posts
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: author_id, type: integer, references: {table: accounts, column: id}}
      - {name: content, type: text, renamed_from: body}
"""


def test_yaml_renamed_from_hints_rename_as_the_sql_ones_do(fleet, make_db, kind, tmp_path):
    p = start(fleet, make_db, tmp_path)
    hinted = p.root / "hinted.yaml"
    hinted.write_text(HINTED_YAML)
    # The check names the renames, no drop or add of a table or column (on
    # PostgreSQL the foreign key's name differs too: YAML names it by the
    # convention, the SQL left it to the server).
    listed = p.check(hinted, rc=3).out
    assert "rename_table: {table: users, new_name: accounts}" in listed, listed
    for op in ("drop_table", "drop_column", "add_column", "create_table"):
        assert op not in listed, listed
    p.autogenerate(hinted, "renames")
    p.migrate("upgrade", "head")
    assert p.db.query("SELECT id, email, nick FROM accounts") == [(1, "a@example.com", "a")]
    assert p.db.query("SELECT author_id, content FROM posts") == [(1, "hello")]
    assert p.check(hinted).out == "No new upgrade operations detected.\n"
