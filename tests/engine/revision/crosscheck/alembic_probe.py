"""The Alembic side of the revision cross-check (see README.md).

Reads cases (one JSON object per line: revisions and queries) on stdin and
answers each with Alembic 1.8.1's own revision code: RevisionMap, the
ScriptDirectory methods that plan upgrade/downgrade/stamp, and
HeadMaintainer.update_to_step with the version table kept in memory.
Writes one JSON answer per line. Run it with the Python that has Alembic
(/usr/bin/python3 on the dev image).
"""
import json
import signal
import sys
import warnings

from alembic import util
from alembic.runtime import migration as mg
from alembic.script import revision as rv
from alembic.script.base import ScriptDirectory

# Alembic only warns about a duplicate id or a missing down revision (and
# then fails on a KeyError); fleet refuses both: count them as errors.
warnings.simplefilter("ignore")
warnings.filterwarnings("error", message=".*is present more than once")
warnings.filterwarnings("error", message=".*referenced from.*")

# Failures of Alembic's own asserts and lookups, where fleet raises a
# RevisionError of its own wording.
CRASHES = (AssertionError, KeyError, IndexError, AttributeError, TypeError, ValueError)


def upgrade():
    pass


def downgrade():
    pass


class Module:
    def __init__(self, doc):
        self.upgrade = upgrade
        self.downgrade = downgrade
        self.__doc__ = doc


class Script(rv.Revision):
    """A Revision with what RevisionStep reads from alembic's Script."""

    def __init__(self, spec):
        down = spec["down"]
        down = None if not down else (down[0] if len(down) == 1 else tuple(down))
        super().__init__(spec["id"], down, dependencies=tuple(spec.get("deps", [])),
                         branch_labels=tuple(spec.get("labels", [])))
        self.message = spec.get("message", "")
        self.module = Module(self.message)

    @property
    def doc(self):
        return self.message.split("\n\n")[0]


class MemoryHeads(mg.HeadMaintainer):
    """HeadMaintainer with the version table as a set; records the writes."""

    def __init__(self, heads):
        self.heads = set(heads)
        self.writes = []

    def _insert_version(self, version):
        assert version not in self.heads
        self.heads.add(version)
        self.writes.append(["insert", "", version])

    def _delete_version(self, version):
        self.heads.remove(version)
        self.writes.append(["remove", version, ""])

    def _update_version(self, from_, to_):
        assert to_ not in self.heads
        self.heads.remove(from_)
        self.heads.add(to_)
        self.writes.append(["update", from_, to_])


def error(e):
    if isinstance(e, util.CommandError):
        cause = e.__cause__
        if isinstance(cause, CRASHES):
            return {"err": ["crash", "%s: %s" % (type(cause).__name__, cause)]}
        return {"err": [type(cause).__name__ if cause is not None else "CommandError", str(e)]}
    if isinstance(e, CRASHES):
        return {"err": ["crash", "%s: %s" % (type(e).__name__, e)]}
    return {"err": [type(e).__name__, str(e)]}


def arg(value):
    return tuple(value) if isinstance(value, list) else value


def ids(revs):
    return [None if r is None or r == "base" else r.revision for r in revs]


def describe(step):
    if isinstance(step, mg.StampStep):
        return ["stamp", list(step.from_), list(step.to_), step.is_upgrade, step.branch_move]
    return ["upgrade" if step.is_upgrade else "downgrade", step.revision.revision, str(step)]


def run_command(script_dir, command, heads):
    """One upgrade/downgrade/stamp from `heads` (sorted rows); per step: the
    step, the heads after it and its writes."""
    current = tuple(sorted(heads))
    if command[0] == "upgrade":
        steps = script_dir._upgrade_revs(command[1], current)
    elif command[0] == "downgrade":
        steps = script_dir._downgrade_revs(command[1], current)
    else:
        if command[2]:  # purge
            current = ()
        steps = script_dir._stamp_revs(tuple(command[1]), current)
    maintainer = MemoryHeads(current)
    out = []
    for step in steps:
        maintainer.writes = []
        maintainer.update_to_step(step)
        out.append({"step": describe(step), "heads": sorted(maintainer.heads),
                    "writes": maintainer.writes})
    return out, sorted(maintainer.heads)


def answer(case):
    out = {}
    try:
        revs = [Script(spec) for spec in case["revisions"]]
        script_dir = object.__new__(ScriptDirectory)
        script_dir.revision_map = rv.RevisionMap(lambda: revs)
        m = script_dir.revision_map
        m.heads  # builds the map
    except Exception as e:
        out["build"] = error(e)
        return out
    out["build"] = {"ok": True}
    out["graph"] = {
        "heads": list(m.heads), "bases": list(m.bases),
        "real_heads": list(m._real_heads), "real_bases": list(m._real_bases),
        "labels": {r.revision: sorted(r.branch_labels) for r in revs},
        "normalized": {r.revision: sorted(r._normalized_resolved_dependencies) for r in revs},
        "nextrev": {r.revision: sorted(r.nextrev) for r in revs},
    }
    results = []
    for q in case["queries"]:
        op = q["op"]
        try:
            if op == "get_revisions":
                res = {"ok": ids(m.get_revisions(arg(q["arg"])))}
            elif op == "get_revision":
                r = m.get_revision(arg(q["arg"]))
                res = {"ok": None if r is None else r.revision}
            elif op == "current_head":
                res = {"ok": m.get_current_head(q["label"] or None) or ""}
            elif op == "walk":
                res = {"ok": [r.revision for r in script_dir.walk_revisions(q["base"], q["head"])]}
            elif op == "all_current":
                res = {"ok": sorted(r.revision for r in m._get_all_current(tuple(q["ids"])))}
            elif op == "iterate":
                res = {"ok": [r.revision for r in m.iterate_revisions(
                    arg(q["upper"]), arg(q["lower"]), implicit_base=q["implicit_base"],
                    inclusive=q["inclusive"], assert_relative_length=q["assert_relative_length"],
                    select_for_downgrade=q["select_for_downgrade"])]}
            elif op == "session":
                heads = []
                commands = []
                for command in q["commands"]:
                    try:
                        steps, heads = run_command(script_dir, command, heads)
                        commands.append({"ok": steps})
                    except Exception as e:
                        commands.append(error(e))
                res = {"ok": commands}
            else:
                res = {"err": ["bad op", op]}
        except Exception as e:
            res = error(e)
        results.append(res)
    out["results"] = results
    return out


class Hang(BaseException):
    pass


def on_alarm(*_):
    raise Hang()


if __name__ == "__main__":
    # Alembic loops forever on some cyclic graphs its cycle check misses.
    signal.signal(signal.SIGALRM, on_alarm)
    for line in sys.stdin:
        if not line.strip():
            continue
        signal.alarm(10)
        try:
            result = answer(json.loads(line))
        except Hang:
            result = {"build": {"err": ["Hang", "alembic did not finish"]}}
        signal.alarm(0)
        print(json.dumps(result), flush=True)
