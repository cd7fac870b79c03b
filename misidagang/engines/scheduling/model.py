"""The CP-SAT model of a scheduling problem (see docs/scheduling.md for the why).

Variables: x[m, t] (meeting m in slot t), busy[p, t] (participant p meets in slot t),
bs[p, t] (a break of p starts at t), after[p, t] (p has a meeting after t) and, per participant,
ordered "at least k breaks" booleans ge[p][k-1]. Tables are not in the model: at most
`tables` meetings per slot, concrete tables are assigned afterwards (tables are identical).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from .greedy import count_breaks
from .spec import Problem


@dataclass
class Model:
    cp: cp_model.CpModel
    x: list[dict[int, cp_model.IntVar]]  # per meeting: slot -> bool
    busy: list[dict[int, cp_model.IntVar]]  # per participant: slot -> bool
    before: list[dict[int, cp_model.IntVar]] = field(default_factory=list)
    after: list[dict[int, cp_model.IntVar]] = field(default_factory=list)
    starts: list[dict[int, cp_model.IntVar]] = field(default_factory=list)
    ge: list[list[cp_model.IntVar]] = field(default_factory=list)
    exact_breaks: bool = False
    block: list[dict[int, cp_model.IntVar]] = field(default_factory=list)  # p: start -> bool
    w_moves: int = 1  # objective weights (lexicographic: priority > moves > breaks)
    w_priority: int = 1


def _anchored(p: Problem, per: list[list[int]]) -> bool:
    """True when some participant has 0 breaks in every schedule, so min breaks is 0."""
    return any(len(ms) <= 1 for ms in per)


def _max_breaks(p: Problem, q: int, ms: list[int]) -> int:
    """An upper bound on the breaks participant q can have."""
    slots = sorted({t for m in ms for t in p.meetings[m].slots})
    if len(slots) < 2:
        return 0  # a break needs two busy slots; two slots far apart can hold one
    return min(len(ms) - 1, len(slots) - 1, (slots[-1] - slots[0]) // 2)


def build(p: Problem, blocks: bool = False) -> Model:
    """The model; `blocks` adds the block constraints (used by the lower-bound stages)."""
    cp = cp_model.CpModel()
    per = p.meetings_of()
    x: list[dict[int, cp_model.IntVar]] = []
    for i, m in enumerate(p.meetings):
        xs = {t: cp.new_bool_var(f"x{i}_{t}") for t in m.slots}
        x.append(xs)
        if p.schedule_all or m.fixed is not None:
            cp.add_exactly_one(xs.values())
        else:
            cp.add_at_most_one(xs.values())
    for t in range(p.slots):  # at most `tables` meetings per slot
        in_slot = [x[i][t] for i in range(len(x)) if t in x[i]]
        if len(in_slot) > p.tables:
            cp.add(sum(in_slot) <= p.tables)
    busy: list[dict[int, cp_model.IntVar]] = []
    for q, ms in enumerate(per):
        seats = p.participants[q].seats
        row: dict[int, cp_model.IntVar] = {}
        for t in sorted({t for m in ms for t in p.meetings[m].slots}):
            here = [x[m][t] for m in ms if t in x[m]]
            b = cp.new_bool_var(f"busy{q}_{t}")
            row[t] = b
            if seats == 1 or len(here) == 1:
                cp.add(sum(here) == b)
            else:
                cp.add(sum(here) <= seats * b)
                cp.add_bool_or(here).only_enforce_if(b)
        busy.append(row)
        # Implied (JAIR 74 §4.4): busy slots = meetings held (seats = 1).
        held = sum(x[m][t] for m in ms for t in x[m])
        if seats == 1:
            cp.add(sum(row.values()) == held)
        else:
            cp.add(seats * sum(row.values()) >= held)
    for t in range(p.slots):  # implied: at most 2 x tables participants busy per slot
        at_t = [busy[q][t] for q in range(len(busy)) if t in busy[q]]
        if len(at_t) > 2 * p.tables:
            cp.add(sum(at_t) <= 2 * p.tables)
    mdl = Model(cp, x, busy)
    _precedences(p, mdl)
    _breaks(p, mdl, per)
    if blocks:
        _blocks(p, mdl, per)
    _objective(p, mdl, per)
    return mdl


def _precedences(p: Problem, mdl: Model) -> None:
    """`after`: a successor starts strictly after each of its predecessors (if both are held)."""
    cp = mdl.cp
    for i, m in enumerate(p.meetings):
        for j in m.after:
            xi, xj = mdl.x[i], mdl.x[j]
            # For every slot t of i: i in t excludes j in any slot >= t.
            for t, v in xi.items():
                later = [xj[u] for u in xj if u >= t]
                if later:
                    cp.add_bool_and([w.Not() for w in later]).only_enforce_if(v)


def _breaks(p: Problem, mdl: Model, per: list[list[int]]) -> None:
    """Break starts via a one-way "meeting after t" chain, counted by ordered booleans."""
    cp = mdl.cp
    d = p.max_break_spread
    mdl.exact_breaks = d is not None and not _anchored(p, per)
    exact = mdl.exact_breaks
    for q, ms in enumerate(per):
        row = mdl.busy[q]
        after: dict[int, cp_model.IntVar] = {}
        starts: dict[int, cp_model.IntVar] = {}
        cap = _max_breaks(p, q, ms)
        if row and cap > 0:
            first, last = min(row), max(row)
            for t in range(last - 1, first, -1):  # after[t]: some meeting in a slot > t
                a = cp.new_bool_var(f"after{q}_{t}")
                nxt = [v for v in (row.get(t + 1), after.get(t + 1)) if v is not None]
                for v in nxt:
                    cp.add_implication(v, a)
                if exact:
                    cp.add_bool_or(nxt).only_enforce_if(a)
                after[t] = a
            for t in range(first + 1, last):
                if (t - 1) not in row:
                    continue
                s = cp.new_bool_var(f"start{q}_{t}")
                idle = row[t].Not() if t in row else None
                lits: list[Any] = [row[t - 1], after[t]] + ([idle] if idle is not None else [])
                cp.add_bool_or([v.Not() for v in lits] + [s])  # all true -> break starts
                if exact:
                    for v in lits:
                        cp.add_implication(s, v)
                starts[t] = s
        if d is not None and not exact:
            cap = min(cap, d)  # min breaks is 0, so fairness is b_p <= d
        ge = [cp.new_bool_var(f"ge{q}_{k + 1}") for k in range(min(cap, len(starts)))]
        for k in range(1, len(ge)):
            cp.add_implication(ge[k], ge[k - 1])
        if starts:
            cp.add(sum(starts.values()) == sum(ge))
        mdl.before.append(_span(cp, row, after, len(ms), ge, exact))
        mdl.after.append(after)
        mdl.starts.append(starts)
        mdl.ge.append(ge)
    if exact and d is not None:
        low = cp.new_int_var(0, p.slots, "min_breaks")
        for ge in mdl.ge:
            cp.add(low <= sum(ge))
            cp.add(sum(ge) <= low + d)


def block_starts(p: Problem, q: int, n: int, cand: set[int]) -> list[int]:
    """Slots where a break-free run of n busy slots of q can start (all its slots usable)."""
    return [u for u in range(p.slots - n + 1) if all(t in cand for t in range(u, u + n))]


def _blocks(p: Problem, mdl: Model, per: list[list[int]]) -> None:
    """Implied: a participant without breaks is busy in one block of n slots (n = meetings).

    `block[q][u]` ("q has no break and its block starts at u"); exactly one of them holds
    unless q has a break, and a block covers its slots. The linear relaxation of this window
    formulation is the convex hull of single blocks, much stronger than the break chain.
    Only for participants whose meetings are all mandatory and who have one seat.
    """
    cp = mdl.cp
    for q, ms in enumerate(per):
        row, ge = mdl.busy[q], mdl.ge[q]
        fixed_count = all(p.schedule_all or p.meetings[m].fixed is not None for m in ms)
        starts: dict[int, cp_model.IntVar] = {}
        n = len(ms)
        if n >= 2 and fixed_count and p.participants[q].seats == 1:
            for u in block_starts(p, q, n, set(row)):
                starts[u] = cp.new_bool_var(f"block{q}_{u}")
            no_break = ge[0].Not() if ge else None
            if no_break is None:
                cp.add_exactly_one(starts.values())
            else:
                cp.add(sum(starts.values()) + ge[0] == 1)
            for t, b in row.items():
                cover = [starts[u] for u in range(t - n + 1, t + 1) if u in starts]
                if cover:
                    cp.add(sum(cover) <= b)
        mdl.block.append(starts)


def _span(
    cp: cp_model.CpModel,
    row: dict[int, cp_model.IntVar],
    after: dict[int, cp_model.IntVar],
    n: int,
    ge: list[cp_model.IntVar],
    exact: bool,
) -> dict[int, cp_model.IntVar]:
    """Implied: meetings at or before t and at or after t + n (n = most busy slots) leave an
    idle slot between them, so at least one break. Returns the "meeting at or before t" chain."""
    before: dict[int, cp_model.IntVar] = {}
    if not after:
        return before
    first = min(row)
    for t in range(first, max(after) - n + 2):  # t + n - 1 runs over the keys of `after`
        b = cp.new_bool_var("")
        prev = [v for v in (row.get(t), before.get(t - 1)) if v is not None]
        for v in prev:
            cp.add_implication(v, b)
        if exact:
            cp.add_bool_or(prev).only_enforce_if(b)
        before[t] = b
        if t + n - 1 in after:
            cp.add_bool_or([b.Not(), after[t + n - 1].Not(), *ge[:1]])
    return before


def _objective(p: Problem, mdl: Model, per: list[list[int]]) -> None:
    """Lexicographic by weights: priority first, then moved meetings, then breaks."""
    cp = mdl.cp
    breaks = sum(v for ge in mdl.ge for v in ge)
    max_breaks = sum(len(ge) for ge in mdl.ge)
    kept = [mdl.x[m][t] for m, (t, _) in p.previous.items() if t in mdl.x[m]]
    mdl.w_moves = max_breaks + 1
    moves_term = mdl.w_moves * (len(p.previous) - sum(kept)) if p.previous else 0
    if p.schedule_all:
        cp.minimize(moves_term + breaks)
        return
    mdl.w_priority = mdl.w_moves * (len(p.previous) + 1)
    priority = sum(m.priority * v for i, m in enumerate(p.meetings) for v in mdl.x[i].values())
    cp.minimize(moves_term + breaks - mdl.w_priority * priority)


def add_hint(p: Problem, mdl: Model, placed: dict[int, int]) -> None:
    """Hint every variable from a (possibly partial) greedy schedule."""
    cp = mdl.cp
    per = p.meetings_of()
    for i, xs in enumerate(mdl.x):
        for t, v in xs.items():
            cp.add_hint(v, placed.get(i) == t)
    for q, row in enumerate(mdl.busy):
        held = {placed[m] for m in per[q] if m in placed}
        for t, v in row.items():
            cp.add_hint(v, t in held)
        for t, v in mdl.after[q].items():
            cp.add_hint(v, any(u > t for u in held))
        for t, v in mdl.before[q].items():
            cp.add_hint(v, any(u <= t for u in held))
        n = 0
        for t, v in mdl.starts[q].items():
            on = (t - 1) in held and t not in held and any(u > t for u in held)
            n += on
            cp.add_hint(v, on)
        for k, v in enumerate(mdl.ge[q]):
            cp.add_hint(v, k < n)
        if q < len(mdl.block) and mdl.block[q]:
            lo = min(held, default=-1)
            one = n == 0 and len(held) == len(per[q])
            for u, v in mdl.block[q].items():
                cp.add_hint(v, one and u == lo)


def greedy_breaks(p: Problem, placed: dict[int, int]) -> list[int]:
    busy = [[False] * p.slots for _ in p.participants]
    for i, t in placed.items():
        m = p.meetings[i]
        busy[m.a][t] = busy[m.b][t] = True
    return [count_breaks(row) for row in busy]
