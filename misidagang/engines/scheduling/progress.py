"""Progress of a solve for a caller that wants it (`solve(doc, on_progress=f)`): `f` gets a
dict {"stage", "elapsed_s", "meetings", "breaks", "bound"} now and then (at most every
`EVERY_S` seconds from inside CP-SAT's search) and may answer True to stop the search early;
the best schedule found so far is then returned."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from ortools.sat.python import cp_model

from .model import Model, greedy_breaks
from .spec import Problem

EVERY_S = 1.0


class Progress:
    def __init__(self, on_progress: Callable[[dict[str, Any]], Any] | None, started: float):
        self.on_progress, self.started, self.stopped = on_progress, started, False

    def __call__(self, stage: str, p: Problem, slot_of: dict[int, int] | None, **extra: Any):
        if self.on_progress is None:
            return
        info = {"stage": stage, "elapsed_s": round(time.monotonic() - self.started, 2), **extra}
        if slot_of is not None:
            info["meetings"], info["breaks"] = len(slot_of), sum(greedy_breaks(p, slot_of))
        if self.on_progress(info):
            self.stopped = True

    def callback(
        self, stage: str, p: Problem, mdl: Model, bound: Callable[[float], dict[str, int]]
    ) -> cp_model.CpSolverSolutionCallback | None:
        return None if self.on_progress is None else _Solutions(self, stage, p, mdl, bound)


class _Solutions(cp_model.CpSolverSolutionCallback):
    """Reports each improving solution of a CP-SAT run, throttled; stops it when asked."""

    def __init__(self, progress: Progress, stage: str, p: Problem, mdl: Model, bound: Any):
        super().__init__()
        self.progress, self.stage, self.p, self.mdl, self.bound = progress, stage, p, mdl, bound
        self.last = 0.0

    def on_solution_callback(self) -> None:
        now = time.monotonic()
        if now - self.last < EVERY_S and not self.progress.stopped:
            return
        self.last = now
        slot_of = {i: t for i, xs in enumerate(self.mdl.x) for t, v in xs.items()
                   if self.boolean_value(v)}  # fmt: skip
        self.progress(self.stage, self.p, slot_of, bound=self.bound(self.best_objective_bound))
        if self.progress.stopped:
            self.stop_search()
