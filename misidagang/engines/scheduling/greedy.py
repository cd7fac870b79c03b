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


class _Greedy:
    """Mutable state of the greedy: meetings per participant and slot, tables in use."""

    def __init__(self, p: Problem) -> None:
        self.p = p
        self.load = [[0] * p.slots for _ in p.participants]
        self.used = [0] * p.slots
        self.placed: dict[int, int] = {}
        self.at: dict[tuple[int, int], list[int]] = {}  # (participant, slot) -> meetings
        self.succ: list[list[int]] = [[] for _ in p.meetings]
        for i, m in enumerate(p.meetings):
            for j in m.after:
                self.succ[j].append(i)
        self.cap = p.max_break_spread if p.max_break_spread is not None else p.slots

    def added_breaks(self, q: int, t: int) -> int:
        """Breaks q gains by a meeting in t; a large penalty beyond the fairness cap."""
        row = self.load[q]
        before = count_breaks(row)
        row[t] += 1
        after = count_breaks(row)
        row[t] -= 1
        return after - before + (UNFAIR if after > self.cap else 0)

    def best_slot(self, i: int, exclude: int = -1, only: int | None = None) -> int | None:
        p, m, placed = self.p, self.p.meetings[i], self.placed
        low = max((placed[j] for j in m.after if j in placed), default=-1)
        high = min((placed[j] for j in self.succ[i] if j in placed), default=p.slots)
        prev = p.previous.get(i)
        optional = not p.schedule_all and m.fixed is None
        best: tuple[int, int, int, int] | None = None
        for t in m.slots:
            if t == exclude or (only is not None and t != only):
                continue
            if not (low < t < high and self.used[t] < p.tables):
                continue
            if not (self.free(m.a, t) and self.free(m.b, t)):
                continue
            cost = self.added_breaks(m.a, t) + self.added_breaks(m.b, t)
            if cost >= UNFAIR and optional:
                continue  # an optional meeting is better left out than unfair
            key = (0 if prev is not None and prev[0] == t else 1, cost, self.used[t], t)
            if best is None or key < best:
                best = key
        return None if best is None else best[3]

    def free(self, q: int, t: int) -> bool:
        return self.load[q][t] < self.p.participants[q].seats

    def put(self, i: int, t: int) -> None:
        m = self.p.meetings[i]
        self.placed[i] = t
        self.used[t] += 1
        for q in (m.a, m.b):
            self.load[q][t] += 1
            self.at.setdefault((q, t), []).append(i)

    def take(self, i: int) -> int:
        m, t = self.p.meetings[i], self.placed.pop(i)
        self.used[t] -= 1
        for q in (m.a, m.b):
            self.load[q][t] -= 1
            self.at[(q, t)].remove(i)
        return t

    def repair(self, i: int) -> bool:
        """Place i by moving the (non-fixed) meetings that block it in some slot elsewhere."""
        m = self.p.meetings[i]
        for t in m.slots:
            if self.used[t] >= self.p.tables:
                continue
            blockers = {j for q in (m.a, m.b) for j in self.at.get((q, t), [])}
            if not blockers or any(self.p.meetings[j].fixed is not None for j in blockers):
                continue
            for j in blockers:
                self.take(j)
            moved: list[int] = []
            if self.best_slot(i, only=t) == t:
                self.put(i, t)
                for j in sorted(blockers):
                    u = self.best_slot(j, exclude=t)
                    if u is None:
                        break
                    self.put(j, u)
                    moved.append(j)
                if len(moved) == len(blockers):
                    return True
                for j in moved:
                    self.take(j)
                self.take(i)
            for j in blockers:
                self.put(j, t)
        return False


def greedy(p: Problem, repair: bool = True) -> dict[int, int]:
    """Return meeting index -> slot for the meetings the greedy could place."""
    g = _Greedy(p)
    order = _order(p)
    for i in order:
        t = g.best_slot(i)
        if t is not None:
            g.put(i, t)
    if repair and not p.previous:
        for i in order:
            if i not in g.placed:
                g.repair(i)
    return g.placed
