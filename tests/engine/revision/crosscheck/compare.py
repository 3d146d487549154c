"""Compares the two probes' answers (see README.md).

    compare.py cases.jsonl alembic.jsonl fleet.jsonl [--verbose]

Exit status 1 when they disagree on anything but what README.md lists as
accepted differences.
"""
import collections
import json
import re
import sys


def normalize(message):
    # fleet appends the detail Alembic's "Can't locate" drops.
    if message.startswith("Can't locate revision identified by") and " (" in message:
        message = message[: message.index(" (")]
    # Alembic lists a Python set here.
    key = "overlaps with other requested revisions "
    if key in message:
        head, tail = message.split(key)
        message = head + key + ", ".join(sorted(tail.split(", ")))
    return message


def on_cycle(case, ids):
    """Whether every one of `ids` is on a cycle of down_revision and
    depends_on edges (labels resolved), checked here independently of both
    tools."""
    revs = case["revisions"]
    by_label = {l: r["id"] for r in revs for l in r.get("labels", [])}
    edges = {r["id"]: [by_label.get(d, d) for d in r["down"] + r.get("deps", [])] for r in revs}

    def reaches(start, goal):
        seen, todo = set(), list(edges.get(start, []))
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(edges.get(node, []))
        return False

    return bool(ids) and all(reaches(i, i) for i in ids)


def closure(case, ids):
    """ids and all their ancestors and dependencies (labels resolved)."""
    revs = case["revisions"]
    by_label = {l: r["id"] for r in revs for l in r.get("labels", [])}
    edges = {r["id"]: [by_label.get(d, d) for d in r["down"] + r.get("deps", [])] for r in revs}
    seen, todo = set(), list(ids)
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(edges.get(node, []))
    return seen


def without_implied(case, ids):
    """ids minus those that are ancestors or dependencies of another."""
    return sorted(i for i in ids
                  if not any(i != j and i in closure(case, [j]) for j in ids))


def several_depends_on(case):
    """Alembic's step order then depends on PYTHONHASHSEED (a set of ids)."""
    return any(len(r.get("deps", [])) > 1 for r in case["revisions"])


# What fleet adds to Alembic's messages on purpose, so they name what the
# user must look at: the heads of a MultipleHeads error, the files on a cycle.
FLEET_ADDITIONS = re.compile(r" \(the heads: [^)]*\)$|; files: .*$")


def without_fleet_additions(result):
    if not (isinstance(result, dict) and "err" in result):
        return result
    kind, message = result["err"]
    return {**result, "err": [kind, FLEET_ADDITIONS.sub("", message)]}


class Comparison:
    def __init__(self, verbose):
        self.stats = collections.Counter()
        self.verbose = verbose

    def differ(self, case, where, alembic, fleet):
        self.stats["different"] += 1
        if self.verbose or self.stats["different"] <= 10:
            print("case %d, %s" % (case, json.dumps(where)[:400]))
            print("  alembic:", json.dumps(alembic)[:800])
            print("  fleet:  ", json.dumps(fleet)[:800])

    def same(self, alembic, fleet):
        fleet = without_fleet_additions(fleet)
        if alembic == fleet:
            return True
        if not (isinstance(alembic, dict) and isinstance(fleet, dict)
                and "err" in alembic and "err" in fleet):
            return False
        a_kind, a_msg = alembic["err"]
        f_kind, f_msg = fleet["err"]
        if a_kind == "crash":  # Alembic's assert or KeyError; fleet's own message
            self.stats["alembic crashed, fleet refused"] += 1
            return True
        if a_kind.endswith("Warning"):  # duplicate id, missing revision
            self.stats["alembic warned, fleet refused"] += 1
            return True
        if (a_kind == f_kind == "RevisionError" and a_msg.startswith("Branch name")
                and f_msg.startswith("Branch name")):  # which of two is "first": a set
            self.stats["label clash named the other way"] += 1
            return True
        return a_kind == f_kind and normalize(a_msg) == normalize(f_msg)

    def case(self, i, case, alembic, fleet):
        self.stats["cases"] += 1
        a_build, f_build = alembic["build"], fleet["build"]
        if a_build.get("err", [""])[0] == "Hang" and "Cycle" in f_build.get("err", [""])[0]:
            self.stats["alembic hung, fleet found the cycle"] += 1
            return
        f_kind = f_build.get("err", [""])[0]
        if "ok" in a_build and f_kind in ("CycleDetected", "DependencyCycleDetected"):
            message = without_fleet_additions(f_build)["err"][1]
            listed = message.split("(", 1)[1].rstrip(")").split(", ")
            if on_cycle(case, listed):
                self.stats["alembic missed a cycle fleet found"] += 1
                return
        if not self.same(a_build, f_build):
            return self.differ(i, "build", a_build, f_build)
        if "err" in a_build:
            self.stats["broken graphs"] += 1
            return
        if alembic["graph"] != fleet["graph"]:
            return self.differ(i, "graph", alembic["graph"], fleet["graph"])
        for q, a, f in zip(case["queries"], alembic["results"], fleet["results"]):
            self.stats["queries"] += 1
            if q["op"] == "session" and "ok" in a and "ok" in f:
                self.session(i, case, q, a["ok"], f["ok"])
            elif q["op"] in ("walk", "iterate") and several_depends_on(case) \
                    and "ok" in a and "ok" in f:
                if sorted(a["ok"]) != sorted(f["ok"]):
                    self.differ(i, q, a, f)
                else:
                    self.stats["several depends_on: order compared as a set"] += 1
            elif not self.same(a, f):
                self.differ(i, q, a, f)

    def session(self, i, case, q, alembic, fleet):
        loose = several_depends_on(case)

        def implied_only(a_heads, f_heads):
            # Alembic left a row for an ancestor of another row; fleet not.
            # Only where Alembic's step order is PYTHONHASHSEED's: the other
            # order may leave a row for an ancestor of another row, or not.
            return loose and closure(case, a_heads) == closure(case, f_heads) and \
                without_implied(case, a_heads) == without_implied(case, f_heads)

        for command, a, f in zip(q["commands"], alembic, fleet):
            self.stats["commands"] += 1
            if "ok" in a and "ok" in f:
                key = lambda s: json.dumps(s["step"])
                if loose:  # Alembic's order depends on PYTHONHASHSEED
                    if sorted(map(key, a["ok"])) != sorted(map(key, f["ok"])):
                        return self.differ(i, command, a, f)
                    self.stats["several depends_on: steps compared as sets"] += 1
                else:
                    if list(map(key, a["ok"])) != list(map(key, f["ok"])):
                        return self.differ(i, command, a, f)
                    for sa, sf in zip(a["ok"], f["ok"]):
                        if sa["heads"] != sf["heads"]:
                            if not implied_only(sa["heads"], sf["heads"]):
                                return self.differ(i, command, a, f)
                            self.stats["several depends_on: same applied revisions, other rows"] += 1
                if [s["writes"] for s in a["ok"]] != [s["writes"] for s in f["ok"]]:
                    self.stats["same rows, other write order"] += 1
                a_end = a["ok"][-1]["heads"] if a["ok"] else None
                f_end = f["ok"][-1]["heads"] if f["ok"] else None
                if a_end != f_end:
                    if a_end is None or f_end is None or not implied_only(a_end, f_end):
                        return self.differ(i, command, a, f)
                    # The sessions go on from other rows: stop comparing.
                    self.stats["several depends_on: same applied revisions, other rows"] += 1
                    return
            elif "ok" in f and a.get("err", [""])[0] == "crash" and (
                    loose or a["err"][1].startswith("KeyError")):
                # Alembic's KeyError merging a down revision that is no row
                # (fleet merges only rows), or a crash in a step order fleet
                # need not take. The sessions go on from other rows: stop.
                self.stats["alembic crashed, fleet ran"] += 1
                return
            elif not self.same(a, f):
                return self.differ(i, command, a, f)


def main():
    verbose = "--verbose" in sys.argv
    paths = [p for p in sys.argv[1:] if not p.startswith("--")]
    lines = [[json.loads(l) for l in open(p) if l.strip()] for p in paths]
    if not (len(lines[0]) == len(lines[1]) == len(lines[2])):
        print("answer counts differ:", [len(x) for x in lines])
        return 1
    comparison = Comparison(verbose)
    for i, (case, alembic, fleet) in enumerate(zip(*lines)):
        comparison.case(i, case, alembic, fleet)
    print(dict(comparison.stats))
    return 1 if comparison.stats["different"] else 0


if __name__ == "__main__":
    sys.exit(main())
