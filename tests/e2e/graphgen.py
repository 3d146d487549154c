"""Seeded random revision graphs, and writers for both tools' script folders.

A graph is grown one revision at a time, so every revision's parents exist
before it does and no cycle can form: a revision extends a head, branches off
an older revision, merges two or three current heads (never a revision with
one of its own ancestors), or, rarely, starts a new base. Branch roots may
carry a branch label (inherited by their descendants, as in Alembic), some
revisions depend on revisions of other branches (by id or by label), and
about a quarter of the ids reuse a 4-8 character prefix of an earlier id, so
that unique and ambiguous prefixes can be asked for.

Everything is a pure function of the seed: the same seed gives the same
graph in every process.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field

HEX = "0123456789abcdef"

# Branch label names: none is a hex string (so none can be confused with a
# revision prefix) and none is a word Alembic reserves (head, heads, base).
LABELS = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
    "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho",
    "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
]


@dataclass
class Rev:
    id: str
    down: tuple[str, ...] = ()          # () a base, 2+ a merge
    labels: tuple[str, ...] = ()        # declared on this revision
    depends_on: tuple[str, ...] = ()    # ids or declared labels
    message: str = ""


@dataclass
class Graph:
    seed: int
    revs: list[Rev] = field(default_factory=list)   # creation (topological) order

    # ---- lookups -----------------------------------------------------------
    def by_id(self) -> dict[str, Rev]:
        return {r.id: r for r in self.revs}

    def ids(self) -> list[str]:
        return [r.id for r in self.revs]

    def label_owner(self) -> dict[str, str]:
        return {lbl: r.id for r in self.revs for lbl in r.labels}

    def labels(self) -> list[str]:
        return [lbl for r in self.revs for lbl in r.labels]

    def children(self) -> dict[str, list[str]]:
        kids: dict[str, list[str]] = {r.id: [] for r in self.revs}
        for r in self.revs:
            for d in r.down:
                kids[d].append(r.id)
        return kids

    def heads(self) -> list[str]:
        kids = self.children()
        return [r.id for r in self.revs if not kids[r.id]]

    def dependencies(self, rev_id: str) -> list[str]:
        """depends_on of one revision, resolved to ids."""
        owner = self.label_owner()
        return [owner.get(d, d) for d in self.by_id()[rev_id].depends_on]

    def prerequisites(self, rev_id: str) -> list[str]:
        """What must be applied before rev_id: its parents and dependencies."""
        return list(self.by_id()[rev_id].down) + self.dependencies(rev_id)

    def ancestors(self, rev_id: str, with_deps: bool = False) -> set[str]:
        seen: set[str] = set()
        todo = [rev_id]
        by = self.by_id()
        while todo:
            cur = todo.pop()
            nxt = list(by[cur].down)
            if with_deps:
                nxt += self.dependencies(cur)
            for p in nxt:
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return seen

    # ---- prefixes ----------------------------------------------------------
    def min_unique_prefix_len(self, rev_id: str) -> int:
        longest = 0
        for other in self.ids():
            if other == rev_id:
                continue
            n = 0
            while n < len(rev_id) and n < len(other) and rev_id[n] == other[n]:
                n += 1
            longest = max(longest, n)
        return longest + 1

    def ambiguous_prefixes(self) -> list[str]:
        """Prefixes of 4+ characters that two or more ids start with."""
        out = set()
        ids = self.ids()
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                n = 0
                while n < len(a) and a[n] == b[n]:
                    n += 1
                for k in range(4, n + 1):
                    out.add(a[:k])
        return sorted(out)

    # ---- reports -----------------------------------------------------------
    def describe(self) -> str:
        """One line per revision, in the script files' terms."""
        lines = [f"graph seed={self.seed} ({len(self.revs)} revisions, heads: "
                 f"{', '.join(self.heads())})"]
        for r in self.revs:
            parts = [f"  {r.id}  down=[{', '.join(r.down)}]"]
            if r.labels:
                parts.append(f"labels=[{', '.join(r.labels)}]")
            if r.depends_on:
                parts.append(f"depends_on=[{', '.join(r.depends_on)}]")
            lines.append("  ".join(parts))
        return "\n".join(lines)


def _random_id(rng: random.Random, taken: set[str]) -> str:
    while True:
        rid = "".join(rng.choice(HEX) for _ in range(12))
        if rid not in taken:
            return rid


def _new_id(rng: random.Random, taken: set[str]) -> str:
    if taken and rng.random() < 0.3:
        base = rng.choice(sorted(taken))
        keep = rng.randint(4, 8)
        for _ in range(20):
            rid = base[:keep] + "".join(rng.choice(HEX) for _ in range(12 - keep))
            if rid not in taken:
                return rid
    return _random_id(rng, taken)


def generate(seed: int, min_revs: int = 3, max_revs: int = 12) -> Graph:
    rng = random.Random(seed)
    g = Graph(seed=seed)
    n = rng.randint(min_revs, max_revs)
    taken: set[str] = set()
    free_labels = list(LABELS)
    rng.shuffle(free_labels)

    for i in range(n):
        rid = _new_id(rng, taken)
        taken.add(rid)
        heads = g.heads()
        kids = g.children()
        non_heads = [r.id for r in g.revs if kids[r.id]]
        branch_root = False

        if i == 0:
            down: tuple[str, ...] = ()
        else:
            choices = [("extend", 5.0)]
            if non_heads:
                choices.append(("branch", 2.0))
            if len(heads) >= 2:
                choices.append(("merge", 2.5))
            choices.append(("root", 0.4))
            action = rng.choices([c for c, _ in choices], [w for _, w in choices])[0]
            if action == "extend":
                down = (rng.choice(heads),)
            elif action == "branch":
                down = (rng.choice(non_heads),)
                branch_root = True
            elif action == "merge":
                k = 3 if len(heads) >= 3 and rng.random() < 0.25 else 2
                down = tuple(rng.sample(heads, k))
            else:
                down = ()
                branch_root = True

        labels: tuple[str, ...] = ()
        if free_labels and ((branch_root and rng.random() < 0.7)
                            or (i == 0 and rng.random() < 0.25)):
            labels = (free_labels.pop(),)

        depends_on: tuple[str, ...] = ()
        if i >= 2 and rng.random() < 0.2:
            ancestors = set()
            for d in down:
                ancestors |= {d} | g.ancestors(d)
            # Anything already in the graph is safe (it cannot depend on the
            # new revision); prefer revisions that are not already ancestors.
            candidates = [r for r in g.revs if r.id not in ancestors]
            if candidates:
                picked = rng.sample(candidates, min(len(candidates),
                                                    2 if rng.random() < 0.2 else 1))
                refs = []
                for p in picked:
                    if p.labels and rng.random() < 0.3:
                        refs.append(p.labels[0])
                    else:
                        refs.append(p.id)
                depends_on = tuple(refs)

        g.revs.append(Rev(id=rid, down=down, labels=labels,
                          depends_on=depends_on, message=f"step {i}"))
    return g


# ---- writers -----------------------------------------------------------------

def _step_sql(rev_id: str, direction: str) -> str:
    return f"INSERT INTO step_log (rev, direction) VALUES ('{rev_id}', '{direction}')"


ALEMBIC_ENV_PY = '''\
"""Minimal online-only env.py for the differential test.

The harness hands over a ready engine in config.attributes["engine"] (so a
sequence of commands reuses one engine); otherwise the URL in
config.attributes["url"] or sqlalchemy.url is used.
"""
from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
engine = config.attributes.get("engine")
own_engine = engine is None
if own_engine:
    url = config.attributes.get("url") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(url, poolclass=pool.NullPool)
try:
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()
finally:
    if own_engine:
        engine.dispose()
'''


def _py_value(items: tuple[str, ...], as_tuple_always: bool = False) -> str:
    if not items:
        return "None"
    if len(items) == 1 and not as_tuple_always:
        return repr(items[0])
    return "(" + ", ".join(repr(x) for x in items) + ("," if len(items) == 1 else "") + ")"


def write_alembic_dir(g: Graph, path: str) -> str:
    """An Alembic script directory: env.py plus one .py file per revision."""
    versions = os.path.join(path, "versions")
    os.makedirs(versions, exist_ok=True)
    with open(os.path.join(path, "env.py"), "w") as f:
        f.write(ALEMBIC_ENV_PY)
    for r in g.revs:
        body = (
            f'"""{r.message}"""\n'
            "from alembic import op\n\n"
            f"revision = {r.id!r}\n"
            f"down_revision = {_py_value(r.down)}\n"
            f"branch_labels = {_py_value(r.labels, as_tuple_always=True)}\n"
            f"depends_on = {_py_value(r.depends_on)}\n\n\n"
            "def upgrade():\n"
            f"    op.execute(\"{_step_sql(r.id, 'up')}\")\n\n\n"
            "def downgrade():\n"
            f"    op.execute(\"{_step_sql(r.id, 'down')}\")\n"
        )
        with open(os.path.join(versions, f"{r.id}_step.py"), "w") as f:
            f.write(body)
    return path


def write_fleet_dir(g: Graph, path: str) -> str:
    """A fleet script directory: versions/<id>_step.sql per revision."""
    versions = os.path.join(path, "versions")
    os.makedirs(versions, exist_ok=True)
    for r in g.revs:
        lines = [
            f"-- revision: {r.id}",
            f"-- down_revision: {', '.join(r.down)}",
        ]
        if r.labels:
            lines.append(f"-- branch_labels: {', '.join(r.labels)}")
        if r.depends_on:
            lines.append(f"-- depends_on: {', '.join(r.depends_on)}")
        lines += [
            f"-- message: {r.message}",
            "",
            "-- +upgrade",
            _step_sql(r.id, "up") + ";",
            "",
            "-- +downgrade",
            _step_sql(r.id, "down") + ";",
            "",
        ]
        with open(os.path.join(versions, f"{r.id}_step.sql"), "w") as f:
            f.write("\n".join(lines))
    return path


def linear(ids: list[str]) -> Graph:
    """A fixed linear chain, for the interop tests."""
    g = Graph(seed=-1)
    prev: tuple[str, ...] = ()
    for i, rid in enumerate(ids):
        g.revs.append(Rev(id=rid, down=prev, message=f"step {i}"))
        prev = (rid,)
    return g


if __name__ == "__main__":  # print a few graphs: python3 graphgen.py 0 1 2
    import sys
    for s in sys.argv[1:] or ["0"]:
        print(generate(int(s)).describe())
