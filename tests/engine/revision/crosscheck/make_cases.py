"""Random revision graphs and queries for the cross-check (see README.md).

    make_cases.py SEED COUNT  >  cases.jsonl

Graphs have 1 to 22 revisions, loaded in shuffled order, with branches,
merges, several roots, branch labels, depends_on (ids and labels, up to three
per revision: with two or more, Alembic's step order depends on
PYTHONHASHSEED, and compare.py compares those sessions as sets) and
ids sharing prefixes; about one in twelve is broken on purpose (self-loop,
cycle, missing revision, duplicate label, ...). Queries cover identifiers
(head, heads, base, prefixes, labels, label@head, label@id, id@head, +N, -N,
id+N, label@+N, ...), iterate_revisions, walk_revisions, and sessions of
upgrade/downgrade/stamp commands run one after the other from an empty
version table.
"""
import json
import random
import sys

HEX = "0123456789abcdef"


def make_revisions(rng):
    n = rng.randint(1, 10) if rng.random() < 0.5 else rng.randint(5, 22)
    prefixes = ["", "", "", "ab", "abc", "ae1", "be", "1"]
    ids = []
    while len(ids) < n:
        rid = rng.choice(prefixes) + "".join(rng.choice(HEX) for _ in range(rng.randint(2, 6)))
        if len(rid) >= 3 and rid not in ids:
            ids.append(rid)
    labels_left = ["feat", "fix", "other", "featx", "abcd"]
    revs = []
    for i, rid in enumerate(ids):
        down, deps, labels = [], [], []
        if i > 0 and rng.random() > 0.25:
            down = rng.sample(ids[:i], 2 if (i > 1 and rng.random() < 0.25) else 1)
        if i > 0 and rng.random() < 0.3:
            candidates = [x for x in ids[:i] if x not in down]
            if candidates:
                deps = rng.sample(candidates, min(len(candidates), rng.choice([1, 1, 1, 2, 3])))
        if rng.random() < 0.2 and labels_left:
            labels = [labels_left.pop(rng.randrange(len(labels_left)))]
        revs.append({"id": rid, "down": down, "deps": deps, "labels": labels,
                     "message": "msg %d" % i})
    for r in revs:  # depends_on a branch label
        if r["deps"] and rng.random() < 0.2:
            target = next(x for x in revs if x["id"] == r["deps"][0])
            if target["labels"]:
                r["deps"] = [target["labels"][0]] + r["deps"][1:]
    if rng.random() < 0.08:
        break_graph(rng, revs)
    rng.shuffle(revs)
    return revs


def break_graph(rng, revs):
    kind = rng.choice(["self", "missing", "cycle", "duplabel", "depself", "dup", "badchar",
                       "depmissing"])
    r = rng.choice(revs)
    if kind == "self":
        r["down"] = r["down"] + [r["id"]]
    elif kind == "depself":
        r["deps"] = r["deps"] + [r["id"]]
    elif kind == "missing":
        r["down"] = r["down"] + ["ffff0000"]
    elif kind == "depmissing":
        r["deps"] = r["deps"] + ["eeee0000"]
    elif kind == "cycle" and len(revs) > 1:
        revs[0]["down"] = revs[0]["down"] + [revs[-1]["id"]]
    elif kind == "duplabel":
        r["labels"] = r["labels"] + ["feat"]
        if "feat" not in revs[0]["labels"]:
            revs[0]["labels"] = revs[0]["labels"] + ["feat"]
    elif kind == "dup":
        revs.append(dict(r))
    elif kind == "badchar":
        r["id"] = r["id"] + "-x"


def make_case(rng):
    revs = make_revisions(rng)
    ids = [r["id"] for r in revs]
    labels = [l for r in revs for l in r["labels"]]
    idents = ["head", "heads", "base", "zzzzzz", "+1", "+2", "+3", "-1", "-2", "-3", "+0"]
    for i in ids:
        idents += [i, i[:4], i[:3], i + "@head", i + "+1", i + "-1", i + "+2", i + "-2",
                   i + "@heads"]
    for l in labels:
        idents += [l, l + "@head", l + "@heads", l + "@base", l + "@+1", l + "@-1", l + "@+2",
                   l[:4]]
        for i in rng.sample(ids, min(2, len(ids))):
            idents += [l + "@" + i, l + "@" + i + "+1", l + "@" + i + "-1"]

    def ident():
        return rng.choice(idents)

    def some_ids():
        return sorted(rng.sample(ids, rng.randint(0, min(3, len(ids)))))

    q = []
    q += [{"op": "get_revisions", "arg": ident()} for _ in range(6)]
    q += [{"op": "get_revisions", "arg": some_ids()} for _ in range(3)]
    q += [{"op": "get_revision", "arg": ident()} for _ in range(4)]
    q.append({"op": "current_head", "label": rng.choice(labels + [""])})
    q += [{"op": "walk", "base": rng.choice(["base", ident()]),
           "head": rng.choice(["heads", "head", ident()])} for _ in range(3)]
    q.append({"op": "walk", "base": "base", "head": "heads"})
    q.append({"op": "all_current", "ids": some_ids()})
    for _ in range(4):
        down = rng.random() < 0.5
        q.append({"op": "iterate", "upper": some_ids() if down else ident(),
                  "lower": ident() if down else some_ids(),
                  "implicit_base": rng.random() < 0.5, "inclusive": rng.random() < 0.3,
                  "assert_relative_length": rng.random() < 0.7, "select_for_downgrade": down})
    for _ in range(3):
        commands = []
        for _ in range(rng.randint(3, 9)):
            c = rng.random()
            if c < 0.45:
                commands.append(["upgrade", rng.choice(["heads", "head", ident(), ident()])])
            elif c < 0.8:
                commands.append(["downgrade", rng.choice(["base", "-1", ident(), ident()])])
            else:
                dests = rng.sample(idents, rng.choice([0, 1, 1, 1, 2]))
                commands.append(["stamp", dests, rng.random() < 0.2])
        q.append({"op": "session", "commands": commands})
    return {"revisions": revs, "queries": q}


if __name__ == "__main__":
    rng = random.Random(int(sys.argv[1]))
    for _ in range(int(sys.argv[2])):
        print(json.dumps(make_case(rng)))
