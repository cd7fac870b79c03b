"""A greedy schedule: a quick feasible start for CP-SAT (used as its solution hint).

Meetings are placed one by one (fixed first, then predecessors before successors, higher
priority and fewer candidate slots first) in the slot that adds the fewest breaks for its two
participants; with `previous` the previous slot is tried first. Tables are only counted here.
"""

from __future__ import annotations

import heapq

from .spec import Problem

UNFAIR = 1000  # cost of passing the fairness cap


def count_breaks(busy: list[bool] | list[int]) -> int:
    """Breaks of one participant: maximal idle runs between two busy slots."""
    breaks, seen, idle = 0, False, False
    for b in busy:
        if b:
            if seen and idle:
                breaks += 1
            seen, idle = True, False
        elif seen:
            idle = True
    return breaks


def _order(p: Problem) -> list[int]:
    """Fixed meetings first, then a topological order of `after` by priority and difficulty."""
    n = len(p.meetings)
    succ: list[list[int]] = [[] for _ in range(n)]
    indeg = [0] * n
    for i, m in enumerate(p.meetings):
        for j in m.after:
            succ[j].append(i)
            indeg[i] += 1
    per = p.meetings_of()

    def key(i: int) -> tuple[int, int, int, int, int]:
        m = p.meetings[i]
        degree = len(per[m.a]) + len(per[m.b])
        return (m.fixed is None, -m.priority, len(m.slots), -degree, i)

    heap = [key(i) for i in range(n) if indeg[i] == 0]
    heapq.heapify(heap)
    order: list[int] = []
    while heap:
        i = heapq.heappop(heap)[-1]
        order.append(i)
        for j in succ[i]:
            indeg[j] -= 1
            if indeg[j] == 0:
                heapq.heappush(heap, key(j))
    done = set(order)
    order += sorted((i for i in range(n) if i not in done), key=key)  # cycles: any order
    return order


def greedy(p: Problem) -> dict[int, int]:
    """Return meeting index -> slot for the meetings the greedy could place."""
    load = [[0] * p.slots for _ in p.participants]  # meetings per participant and slot
    used = [0] * p.slots  # meetings per slot (tables in use)
    placed: dict[int, int] = {}
    succ: list[list[int]] = [[] for _ in p.meetings]
    for i, m in enumerate(p.meetings):
        for j in m.after:
            succ[j].append(i)

    def free(q: int, t: int) -> bool:
        return load[q][t] < p.participants[q].seats

    cap = p.max_break_spread if p.max_break_spread is not None else p.slots

    def added_breaks(q: int, t: int) -> int:
        """Breaks q gains by a meeting in t; a large penalty beyond the fairness cap."""
        row = load[q]
        before = count_breaks(row)
        row[t] += 1
        after = count_breaks(row)
        row[t] -= 1
        return after - before + (UNFAIR if after > cap else 0)

    for i in _order(p):
        m = p.meetings[i]
        low = max((placed[j] for j in m.after if j in placed), default=-1)
        high = min((placed[j] for j in succ[i] if j in placed), default=p.slots)
        best: tuple[int, int, int] | None = None
        prev = p.previous.get(i)
        optional = not p.schedule_all and m.fixed is None
        for t in m.slots:
            if not (low < t < high and used[t] < p.tables and free(m.a, t) and free(m.b, t)):
                continue
            cost = added_breaks(m.a, t) + added_breaks(m.b, t)
            if cost >= UNFAIR and optional:
                continue  # an optional meeting is better left out than unfair
            key = (0 if prev is not None and prev[0] == t else 1, cost, t)
            if best is None or key < best:
                best = key
        if best is None:
            continue
        t = best[2]
        placed[i] = t
        used[t] += 1
        load[m.a][t] += 1
        load[m.b][t] += 1
    return placed
