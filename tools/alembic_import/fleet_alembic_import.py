"""What `fleet import alembic` runs: reads an Alembic project and prints, as
one JSON document on stdout, each revision's header and what it does: fleet
portable steps ("yaml"), per-dialect SQL from Alembic's offline mode ("sql"),
or its source when neither can capture it ("by_hand"). fleet writes the
files; this program writes nothing (it runs with -B: no __pycache__ either).

    python3 -B fleet_alembic_import.py PATH --dialects postgresql,sqlite

Bad input is a JSON {"error": {...}} with exit 0, so fleet can word it;
a non-zero exit is a crash of this program, its traceback on stderr.
"""

import argparse
import json
import sys

sys.dont_write_bytecode = True


def fail(kind, message, file=None, line=None):
    json.dump({"error": {"kind": kind, "message": message, "file": file, "line": line}},
              sys.stdout)
    sys.stdout.write("\n")
    sys.exit(0)


try:
    import alembic  # noqa: F401
    import sqlalchemy  # noqa: F401
except ImportError as missing:
    fail("missing_alembic", f"{sys.executable} cannot import {missing.name}")

from alembic_project import BadProject, header, load_scripts, open_project  # noqa: E402
from op_recorder import NotReversible, ReadsDatabase, capture, record  # noqa: E402
from portable_columns import NotPortable  # noqa: E402
from portable_ops import portable_steps  # noqa: E402


def as_yaml(module, sql_text=False):
    """Both directions as portable steps; NotPortable when either is not."""
    upgrade = portable_steps(record(module.upgrade), sql_text)
    try:
        downgrade = portable_steps(record(module.downgrade), sql_text)
    except NotReversible:
        downgrade = None
    return {"kind": "yaml", "upgrade": upgrade, "downgrade": downgrade}


class Uncapturable(Exception):
    """One direction cannot be captured offline: why, for the report."""


def capture_direction(fn, dialects, upgrade):
    """(sections per dialect, autocommit) of one direction; sections None
    when downgrade() raised NotImplementedError. Raises Uncapturable."""
    sections, autocommit = {}, False
    for dialect in dialects:
        try:
            sql, used_autocommit = capture(fn, dialect)
        except NotReversible as error:
            if upgrade:
                raise Uncapturable(f"upgrade() raised NotImplementedError: {error}") from error
            return None, False
        except ReadsDatabase as reads:
            raise Uncapturable(f"it reads the database: {reads}") from reads
        except Exception as error:
            raise Uncapturable(f"Alembic's offline mode cannot run it on {dialect}: "
                               f"{type(error).__name__}: {error}") from error
        sections[dialect] = sql
        autocommit = autocommit or used_autocommit
    return sections, autocommit


def as_sql(script, dialects, reason):
    """Both directions from Alembic's offline mode. A direction that cannot be
    captured makes the revision one to write by hand, keeping the other
    direction when it could be (a data migration's downgrade is often empty)."""
    module = script.module
    out = {"kind": "sql", "reason": reason, "transactional": True}
    problems = []
    for direction in ("upgrade", "downgrade"):
        try:
            sections, autocommit = capture_direction(getattr(module, direction), dialects,
                                                     direction == "upgrade")
            out[direction] = sections
            out[f"{direction}_by_hand"] = False
            out["transactional"] = out["transactional"] and not autocommit
        except Uncapturable as problem:
            problems.append(str(problem))
            out[direction] = {}
            out[f"{direction}_by_hand"] = True
    if problems:
        with open(script.path, encoding="utf-8", errors="replace") as source:
            out.update(kind="by_hand", reason="; ".join(problems), source=source.read())
    return out


def convert(script, dialects):
    module = script.module
    try:
        return as_yaml(module)
    except (NotPortable, NotReversible) as not_portable:
        reason = str(not_portable)
    except Exception as error:  # what the conversion did not foresee: SQL is still exact
        reason = f"{type(error).__name__}: {error}"
    captured = as_sql(script, dialects, reason)
    if captured["kind"] != "by_hand":
        return captured
    # Offline mode could not run it: most often batch mode on SQLite, which
    # reflects the table from a live database, next to an op.execute() of
    # an UPDATE. Portable steps, with that SQL text as an execute step, run
    # it the way Alembic does on a live database.
    try:
        return as_yaml(module, sql_text=True)
    except Exception:  # the reason the capture gave stands
        return captured


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--dialects", default="postgresql,sqlite")
    args = parser.parse_args()
    dialects = [d for d in args.dialects.split(",") if d]
    try:
        script_dir = open_project(args.path)
        scripts = load_scripts(script_dir)
    except BadProject as bad:
        fail("input", bad.message, bad.file, bad.line)
    order = {sc.revision: i for i, sc in
             enumerate(reversed(list(script_dir.walk_revisions("base", "heads"))))}
    scripts.sort(key=lambda sc: order.get(sc.revision, len(order)))
    revisions = []
    for script in scripts:
        revision = header(script)
        revision.update(convert(script, dialects))
        revisions.append(revision)
    json.dump({"version": 1, "script_location": script_dir.dir, "revisions": revisions},
              sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
