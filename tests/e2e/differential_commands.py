"""The differential harness's command generator: a random next command
(upgrade, downgrade, stamp with ids, prefixes, labels, relative steps) for
a graph and the heads the databases are at."""

from __future__ import annotations

import random

import graphgen

from differential_tools import Cmd


# ---- the command generator -----------------------------------------------------------

def _unknown_id(rng: random.Random, g: graphgen.Graph) -> str:
    while True:
        cand = "".join(rng.choice(graphgen.HEX) for _ in range(rng.choice([8, 12])))
        if not any(i.startswith(cand) for i in g.ids()):
            return cand


def _unique_prefix(rng: random.Random, g: graphgen.Graph, rid: str) -> str:
    lo = max(4, g.min_unique_prefix_len(rid))
    if lo >= 12:
        return rid
    return rid[:rng.randint(lo, 11)]


def next_command(rng: random.Random, g: graphgen.Graph, heads_now: frozenset) -> Cmd:
    """A random next command, chosen knowing the graph and the current rows."""
    ids = g.ids()
    labels = g.labels()
    ambiguous = g.ambiguous_prefixes()
    current = sorted(h for h in heads_now if h in set(ids))
    applied = set(current)
    for h in current:
        applied |= g.ancestors(h, with_deps=True)
    applied_sorted = sorted(applied)
    nothing_applied = not applied

    def ref(rid: str) -> str:      # a full id or a unique prefix
        return rid if rng.random() < 0.5 else _unique_prefix(rng, g, rid)

    def some_applied() -> str:
        return rng.choice(applied_sorted) if applied_sorted and rng.random() < 0.8 \
            else rng.choice(ids)

    def some_current() -> str:
        return rng.choice(current) if current and rng.random() < 0.7 else rng.choice(ids)

    up = 3.0 if nothing_applied else 1.0
    down = 0.3 if nothing_applied else 1.0
    table = [
        # (weight, builder)
        (3 * up, lambda: Cmd("upgrade", ("head",), why="head")),
        (4 * up, lambda: Cmd("upgrade", ("heads",), why="heads")),
        (3 * up, lambda: Cmd("upgrade", (rng.choice(ids),), why="full id")),
        (3 * up, lambda: Cmd("upgrade", (_unique_prefix(rng, g, rng.choice(ids)),),
                             why="unique prefix")),
        (1.5 * up if ambiguous else 0,
         lambda: Cmd("upgrade", (rng.choice(ambiguous),), why="ambiguous prefix")),
        (1.0, lambda: Cmd("upgrade", (_unknown_id(rng, g),), why="unknown id")),
        (0.4, lambda: Cmd("upgrade", (rng.choice(ids)[:3],), why="3-char prefix")),
        (2 * up, lambda: Cmd("upgrade", ("+1",), why="+1")),
        (1 * up, lambda: Cmd("upgrade", ("+2",), why="+2")),
        (2 * up, lambda: Cmd("upgrade", (ref(some_current()) + "+1",), why="REV+1")),
        (2 * up if labels else 0,
         lambda: Cmd("upgrade", (rng.choice(labels) + "@head",), why="LABEL@head")),
        (1.5 * up if labels else 0,
         lambda: Cmd("upgrade", (rng.choice(labels) + "@+1",), why="LABEL@+1")),
        (1.5 * up, lambda: Cmd("upgrade", (ref(rng.choice(ids)) + "@head",), why="REV@head")),
        (0.6 if labels else 0, lambda: Cmd("upgrade", (rng.choice(labels),), why="LABEL")),
        (0.8 if labels else 0,
         lambda: Cmd("upgrade", (rng.choice(labels) + "@" + ref(rng.choice(ids)),),
                     why="LABEL@REV")),
        (3 * down, lambda: Cmd("downgrade", ("-1",), why="-1")),
        (0.5 * down, lambda: Cmd("downgrade", ("-2",), why="-2")),
        (1.5 * down, lambda: Cmd("downgrade", ("base",), why="base")),
        (2 * down, lambda: Cmd("downgrade", (ref(some_applied()),), why="id")),
        (1.5 * down if labels else 0,
         lambda: Cmd("downgrade", (rng.choice(labels) + "@-1",), why="LABEL@-1")),
        (2 * down, lambda: Cmd("downgrade", (ref(some_current()) + "-1",), why="REV-1")),
        (0.8 * down if labels else 0,
         lambda: Cmd("downgrade", (rng.choice(labels) + "@base",), why="LABEL@base")),
        (0.4 * down if ambiguous else 0,
         lambda: Cmd("downgrade", (rng.choice(ambiguous),), why="ambiguous prefix")),
        (2.0, lambda: Cmd("stamp", (ref(rng.choice(ids)),), why="REV")),
        (1.0, lambda: Cmd("stamp", ("heads",), why="heads")),
        (0.6, lambda: Cmd("stamp", ("head",), why="head")),
        (0.8, lambda: Cmd("stamp", ("base",), why="base")),
        (0.5 if labels else 0,
         lambda: Cmd("stamp", (rng.choice(labels) + "@head",), why="LABEL@head")),
        (1.0, lambda: Cmd("stamp", (ref(rng.choice(ids)),), purge=True, why="--purge REV")),
        (0.8 if len(g.heads()) > 1 else 0,
         lambda: Cmd("stamp", tuple(rng.sample(g.heads(), 2)), why="two heads")),
        (0.6, lambda: Cmd("stamp", tuple(sorted(rng.sample(ids, 2))), why="two revs")),
    ]
    weights = [w for w, _ in table]
    builder = rng.choices([b for _, b in table], weights)[0]
    return builder()
