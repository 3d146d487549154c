#!/usr/bin/python3
"""A stand-in for the fleet binary, built on Alembic: a self-test of the
differential harness (run the suite with FLEET_BIN pointing here and every
comparison should hold, apart from Alembic's own crashes, which leave SQLite
half-changed).

Understands just what the harness uses:
  alembic_as_fleet.py --url URL --script-location DIR upgrade|downgrade REV
  alembic_as_fleet.py --url URL --script-location DIR stamp REV [REV...] [--purge]
  alembic_as_fleet.py --url URL --script-location DIR current
DIR holds fleet's versions/*.sql; they are translated into a temporary Alembic
script directory. Exit 0 done, 1 database failure (or an Alembic crash), 2 bad input.
"""

import os
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def parse_sql_revision(path):
    header, sections, current = {}, {"upgrade": [], "downgrade": []}, None
    with open(path) as f:
        for line in f:
            s = line.rstrip("\n")
            if s.startswith("-- +"):
                current = s[4:].split()[0]
                continue
            if current is None:
                if s.startswith("-- ") and ":" in s:
                    key, _, value = s[3:].partition(":")
                    header[key.strip()] = value.strip()
            elif s.strip():
                sections[current].append(s)
    split = lambda v: tuple(x.strip() for x in v.split(",") if x.strip()) if v else ()
    return {
        "revision": header["revision"],
        "down": split(header.get("down_revision", "")),
        "labels": split(header.get("branch_labels", "")),
        "depends_on": split(header.get("depends_on", "")),
        "upgrade": "\n".join(sections["upgrade"]).rstrip(";"),
        "downgrade": "\n".join(sections["downgrade"]).rstrip(";"),
    }


def write_alembic(fleet_dir, out_dir):
    import graphgen
    os.makedirs(os.path.join(out_dir, "versions"))
    with open(os.path.join(out_dir, "env.py"), "w") as f:
        f.write(graphgen.ALEMBIC_ENV_PY)
    vdir = os.path.join(fleet_dir, "versions")
    for name in sorted(os.listdir(vdir)):
        if not name.endswith(".sql"):
            continue
        r = parse_sql_revision(os.path.join(vdir, name))
        tup = lambda t: None if not t else (t[0] if len(t) == 1 else t)
        with open(os.path.join(out_dir, "versions", name[:-4] + ".py"), "w") as f:
            f.write(
                "from alembic import op\n"
                f"revision = {r['revision']!r}\n"
                f"down_revision = {tup(r['down'])!r}\n"
                f"branch_labels = {r['labels'] or None!r}\n"
                f"depends_on = {tup(r['depends_on'])!r}\n"
                f"def upgrade():\n    op.execute({r['upgrade']!r})\n"
                f"def downgrade():\n    op.execute({r['downgrade']!r})\n")


def main(argv):
    url = script = None
    purge = False
    rest = []
    it = iter(argv)
    for a in it:
        if a == "--url":
            url = next(it)
        elif a == "--script-location":
            script = next(it)
        elif a == "--purge":
            purge = True
        else:
            rest.append(a)
    url = url or os.environ.get("DATABASE_URL")
    script = script or "migrations"
    if not url or not rest:
        print("usage: alembic_as_fleet.py --url URL --script-location DIR COMMAND ...",
              file=sys.stderr)
        return 2

    from alembic import command
    from alembic.config import Config
    from alembic.script.revision import RevisionError
    from alembic.util import CommandError
    from sqlalchemy.exc import SQLAlchemyError

    with tempfile.TemporaryDirectory() as tmp:
        adir = os.path.join(tmp, "alembic")
        write_alembic(script, adir)
        cfg = Config()
        cfg.set_main_option("script_location", adir)
        cfg.attributes["url"] = url
        verb, args = rest[0], rest[1:]
        if os.environ.get("ALEMBIC_AS_FLEET_ROW_ORDER") == "reverse":
            # Read the version rows in reverse-sorted order: exercises the
            # harness's handling of Alembic's row-order-dependent answers.
            from alembic.runtime.migration import MigrationContext
            orig = MigrationContext.get_current_heads
            MigrationContext.get_current_heads = \
                lambda self: tuple(sorted(orig(self), reverse=True))
        try:
            if verb == "upgrade":
                command.upgrade(cfg, args[0])
            elif verb == "downgrade":
                command.downgrade(cfg, args[0])
            elif verb == "stamp":
                command.stamp(cfg, args if len(args) > 1 else args[0], purge=purge)
            elif verb == "current":
                command.current(cfg)
            else:
                print(f"unknown command {verb}", file=sys.stderr)
                return 2
        except (CommandError, RevisionError) as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        except SQLAlchemyError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        except Exception as e:
            print(f"error (Alembic crashed): {e!r}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
