"""`solve(doc)`: the scheduling contract of DESIGN.md, JSON-like dict in, dict out."""

from __future__ import annotations

import math
import random
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ortools.sat.python import cp_model

from .greedy import greedy
from .model import Model, add_hint, build, greedy_breaks
from .progress import Progress
from .spec import Problem, validate
from .tables import assign_tables

SEED = 20240601
WORKERS = 2
LARGE = 50_000  # x variables above which presolve is skipped (measured: 47 s at 120k)
DTIME_SHARE = 0.5  # deterministic time per second of time_limit_s: a 2x margin for a busy CPU
STAGE_SHARE = 0.05  # each lower-bound stage: this share of time_limit_s ...
STAGES_SHARE = 0.15  # ... and all stages together at most this share
RELAXED_SHARE = 0.1  # the relaxed-table hint (found in 2.9 s of 6 on forum-13crafc)


STAGED = True


def parameters(p: Problem, overrides: dict[str, Any] | None = None) -> cp_model.CpSolver:
    """Solver settings (fixed seed).

    The default: a two-thread portfolio, a core-based worker (raises the lower bound; finds
    break-free schedules fast) beside the first-solution heuristics and LNS workers, stopped
    by the wall clock (it uses the whole limit unless it proves optimality). Opt-in
    (`"deterministic": true`): one search worker, stopped by CP-SAT's deterministic time
    (half a unit per second of `time_limit_s`), with the wall clock as a backstop: the same
    input gives the same output unless the backstop fires (a CPU more than ~2x slower).
    """
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.random_seed = SEED
    prm.max_time_in_seconds = p.time_limit_s
    if p.deterministic:
        prm.num_workers = 1
        prm.max_deterministic_time = p.time_limit_s * DTIME_SHARE
    else:
        prm.num_workers = WORKERS
        prm.subsolvers.append("core")
    for key, value in (overrides or {}).items():  # for experiments and benchmarks
        field = getattr(prm, key)
        if isinstance(value, list):
            field.clear()
            field.extend(value)
        else:
            setattr(prm, key, value)
    return solver


def _phases(p: Problem) -> list[dict[str, Any]]:
    """Deterministic: a core-based worker, then the default worker from its best solution
    (each single-threaded, each with a quarter of the deterministic time; the LNS gets the
    rest when it applies, else the default worker does). Else the portfolio."""
    if not p.deterministic:
        return [{}]
    share = p.time_limit_s * DTIME_SHARE / (4 if _lns_applies(p) else 2)
    return [{"subsolvers": ["core"], "max_deterministic_time": share},
            {"max_deterministic_time": share}]  # fmt: skip


def _lns_applies(p: Problem) -> bool:
    return p.deterministic and p.schedule_all and not p.previous


def _lns(
    p: Problem,
    mdl: Model,
    slot_of: dict[int, int],
    best: float,
    lb: float,
    deadline: float,
    dtime: float,
    progress: Progress | None = None,
) -> tuple[dict[int, int], float]:
    """Deterministic large-neighbourhood search on breaks (`schedule_all`, no `previous`).

    Each round frees the meetings of a few participants around one (preferably one with
    breaks; chosen by a seeded generator), fixes every other meeting in its slot, and asks a
    single-threaded CP-SAT run (fixed seed, deterministic time limit) for a strictly better
    schedule. Stops at `dtime` deterministic seconds in total or at the wall-clock deadline.
    """
    rng = random.Random(SEED)
    per = p.meetings_of()
    partners = [sorted({q for m in ms for q in (p.meetings[m].a, p.meetings[m].b)}) for ms in per]
    objective = [v for ge in mdl.ge for v in ge]
    used, size = 0.0, 0.1
    while used < dtime and time.monotonic() < deadline - 0.5 and best > lb:
        if progress is not None and progress.stopped:
            break
        breaks = greedy_breaks(p, slot_of)
        pool = [q for q, b in enumerate(breaks) if b] or list(range(len(per)))
        chosen: list[int] = [rng.choice(pool)]
        seen = set(chosen)
        free: set[int] = set()
        k = 0
        while len(free) < size * len(p.meetings) and k < len(chosen):
            for r in rng.sample(partners[chosen[k]], len(partners[chosen[k]])):
                if r not in seen:
                    seen.add(r)
                    chosen.append(r)
            free.update(per[chosen[k]])
            k += 1
        stage = mdl.cp.clone()
        for i, t in slot_of.items():
            if i not in free:
                stage.add(stage.get_bool_var_from_proto_index(mdl.x[i][t].index) == 1)
        stage.add(
            sum(stage.get_bool_var_from_proto_index(v.index) for v in objective) <= int(best) - 1
        )
        solver = cp_model.CpSolver()
        prm = solver.parameters
        prm.random_seed, prm.num_workers = SEED, 1
        prm.max_deterministic_time = min(0.3, dtime - used)
        prm.max_time_in_seconds = max(0.1, deadline - time.monotonic() - 0.5)
        code = solver.solve(stage)
        used += solver.deterministic_time
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            best = solver.objective_value
            slot_of = {i: t for i, xs in enumerate(mdl.x) for t, v in xs.items()
                       if solver.boolean_value(v)}  # fmt: skip
            _rehint(mdl, solver)
            if progress is not None:
                progress("lns", p, slot_of)
        elif code == cp_model.INFEASIBLE:
            size = min(1.0, size * 1.2)  # this neighbourhood is locally optimal: widen
        else:
            size = max(0.05, size / 1.2)
    return slot_of, best


def _rehint(mdl: Model, solver: cp_model.CpSolver) -> None:
    """Hint the next phase with this phase's best solution (every variable)."""
    cp = mdl.cp
    cp.clear_hints()
    for k in range(len(cp.proto.variables)):
        var = cp.get_int_var_from_proto_index(k)
        cp.add_hint(var, solver.value(var))


def _stages(p: Problem, started: float) -> tuple[int, dict[int, int] | None]:
    """Staged lower bound on breaks (`schedule_all` without `previous` only).

    Stage k asks "is there a schedule with at most k breaks?" on the model plus that cap,
    solved with the stronger linear relaxation (level 2), where the block constraints make
    k = 0 an exact-cover-like problem that is often refuted at once. Each stage is single
    threaded with a fixed seed and a deterministic time limit. Returns the proved lower
    bound (k + 1 for every refuted stage) and a schedule if a stage found one (optimal,
    since all smaller caps were refuted).
    """
    if not (p.schedule_all and not p.previous):
        return 0, None
    mdl = build(p, blocks=True)
    if not any(mdl.ge):
        return 0, None
    breaks = [v for ge in mdl.ge for v in ge]
    budget_end = started + STAGES_SHARE * p.time_limit_s
    lb = 0
    while lb <= len(breaks) and time.monotonic() < budget_end:
        stage = mdl.cp.clone()
        stage.add(sum(stage.get_bool_var_from_proto_index(v.index) for v in breaks) <= lb)
        solver = parameters(p, {"linearization_level": 2})
        solver.parameters.num_workers = 1
        share = STAGE_SHARE * p.time_limit_s
        solver.parameters.max_deterministic_time = share * DTIME_SHARE
        solver.parameters.max_time_in_seconds = max(0.1, min(share, budget_end - time.monotonic()))
        code = solver.solve(stage)
        if code == cp_model.INFEASIBLE:
            lb += 1
            continue
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            x = [{t: stage.get_bool_var_from_proto_index(v.index) for t, v in xs.items()}
                 for xs in mdl.x]  # fmt: skip
            return lb, {i: t for i, xs in enumerate(x) for t, v in xs.items()
                        if solver.boolean_value(v)}  # fmt: skip
        break
    return lb, None


def _relaxed(p: Problem, lb: int) -> dict[int, int] | None:
    """A hint for the portfolio when the stages proved `breaks >= lb >= 1` but found no
    schedule: a schedule with fewer than lb breaks for one more table (the stage model with
    that cap, 10 % of the limit). It breaks the table limit in a few slots, so it is only a
    hint, never an answer; on forum-13crafc it led the portfolio to 3 breaks in three runs
    of 30 s where the greedy's hint gave 3 to 5. None when the relaxation finds nothing."""
    if lb < 1 or p.deterministic or not (p.schedule_all and not p.previous):
        return None
    q = replace(p, tables=p.tables + 1)
    mdl = build(q, blocks=True)
    mdl.cp.add(sum(v for ge in mdl.ge for v in ge) <= lb - 1)
    solver = parameters(q, {"linearization_level": 2, "num_workers": 1, "subsolvers": []})
    share = RELAXED_SHARE * p.time_limit_s
    solver.parameters.max_deterministic_time = share * DTIME_SHARE
    solver.parameters.max_time_in_seconds = share
    if solver.solve(mdl.cp) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {i: t for i, xs in enumerate(mdl.x) for t, v in xs.items() if solver.boolean_value(v)}


def _statuses(code: Any) -> str:
    names = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible"}
    return names.get(code, "infeasible" if code == cp_model.INFEASIBLE else "unknown")


def _fair(p: Problem, placed: dict[int, int]) -> bool:
    breaks = greedy_breaks(p, placed)
    d = p.max_break_spread
    return d is None or max(breaks, default=0) - min(breaks, default=0) <= d


def _greedy_usable(p: Problem, placed: dict[int, int]) -> bool:
    """A greedy schedule is a valid answer when it holds every mandatory meeting and is fair."""
    for i, m in enumerate(p.meetings):
        if (p.schedule_all or m.fixed is not None) and i not in placed:
            return False
    return _fair(p, placed)


def _value(p: Problem, mdl: Model, placed: dict[int, int]) -> float:
    """The model's objective for a valid schedule (the weights of `model._objective`)."""
    breaks = sum(greedy_breaks(p, placed))
    moved = sum(1 for i, (t, _) in p.previous.items() if placed.get(i) != t)
    value = mdl.w_moves * moved + breaks
    if not p.schedule_all:
        value -= mdl.w_priority * sum(p.meetings[i].priority for i in placed)
    return value


def _bound(p: Problem, mdl: Model, raw: float, status: str) -> dict[str, int]:
    if status == "infeasible":
        return {}
    known = math.isfinite(raw)
    lb = math.ceil(raw - 1e-9) if known else 0  # the minimisation bound, rounded up
    if p.schedule_all:
        if p.previous:
            return {"moved": lb // mdl.w_moves}
        return {"breaks": max(lb, 0)}
    # lb <= -w_p * priority + (moves and breaks terms, < w_p)  =>  priority <= (w_p - 1 - lb) / w_p
    prio = max(0, (mdl.w_priority - 1 - lb) // mdl.w_priority) if known else sys.maxsize
    # Counting bound: at most tables x slots meetings fit, so the largest priorities that fit.
    room = p.tables * p.slots
    prio = min(prio, sum(sorted((m.priority for m in p.meetings), reverse=True)[:room]))
    meetings, total = 0, 0
    for w in sorted(m.priority for m in p.meetings):
        if total + w > prio:
            break
        total += w
        meetings += 1
    return {"priority": prio, "meetings": meetings}


def solve(
    doc: dict[str, Any],
    *,
    overrides: dict[str, Any] | None = None,
    on_progress: Callable[[dict[str, Any]], Any] | None = None,
) -> dict[str, Any]:
    """Schedule the meetings of `doc`; raises SchedulingInputError on invalid input.

    `overrides` sets CP-SAT parameters by name (experiments only; not part of the contract).
    `on_progress(info)`, when given, hears how far the solve is (progress.py); answering True
    stops it with the best schedule so far.
    """
    started = time.monotonic()
    p = validate(doc)
    report = Progress(on_progress, started)
    report("bounds", p, None)
    lb, staged = _stages(p, started) if STAGED else (0, None)
    placed = greedy(p)
    report("greedy", p, placed)
    relaxed = _relaxed(p, lb) if staged is None else None
    mdl = build(p)
    add_hint(p, mdl, placed if relaxed is None else relaxed)
    slot_of: dict[int, int] = {}
    status, raw_bound = "unknown", float("-inf")
    best = float("inf")
    if staged is not None:
        slot_of, status, best, raw_bound = staged, "optimal", lb, lb
    elif lb > 0:
        raw_bound = lb
        mdl.cp.add(sum(v for ge in mdl.ge for v in ge) >= lb)  # proved: helps the bound
    for phase in _phases(p) if staged is None else []:
        solver = parameters(p, {**phase, **(overrides or {})})
        # The time limit covers the whole call: model building and greedy count against it.
        left = p.time_limit_s - (time.monotonic() - started)
        solver.parameters.max_time_in_seconds = max(0.5, 0.97 * left - 0.5)  # stopping lags
        if sum(len(xs) for xs in mdl.x) > LARGE:
            solver.parameters.cp_model_presolve = False  # presolve alone would eat the limit
        code = solver.solve(
            mdl.cp, report.callback("search", p, mdl, lambda raw: _bound(p, mdl, raw, "feasible"))
        )
        if code == cp_model.INFEASIBLE:
            status, slot_of = "infeasible", {}
            break
        raw_bound = max(raw_bound, solver.best_objective_bound)
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value < best:
            best = solver.objective_value
            slot_of = {i: t for i, xs in enumerate(mdl.x) for t, v in xs.items()
                       if solver.boolean_value(v)}  # fmt: skip
            status = _statuses(code)
            _rehint(mdl, solver)
            report("search", p, slot_of, bound=_bound(p, mdl, raw_bound, status))
        if code == cp_model.OPTIMAL or left < 1 or report.stopped:
            break
    if status == "unknown" and p.deterministic and not report.stopped:
        # The deterministic budget ended without a schedule (it is a share of the limit, in
        # CP-SAT's deterministic time): an empty answer while time remains helps nobody, so
        # the rest of the limit goes to the portfolio, hinted as before. Not reproducible.
        slot_of, status, best, raw_bound = _rescue(p, mdl, started, raw_bound, overrides)
    if status == "feasible" and best > raw_bound and _lns_applies(p):
        deadline = started + 0.97 * p.time_limit_s - 0.5
        dtime = p.time_limit_s * DTIME_SHARE / 2
        slot_of, best = _lns(p, mdl, slot_of, best, raw_bound, deadline, dtime, report)
    if status == "feasible" and best <= raw_bound:
        status = "optimal"
    known = _value(p, mdl, slot_of) if status == "feasible" else float("inf")
    usable = status in ("unknown", "feasible") and _greedy_usable(p, placed)
    if usable and _value(p, mdl, placed) < known:  # never return worse than what we know
        slot_of, status = placed, "feasible"
    bound = _bound(p, mdl, raw_bound, status)
    return _output(p, slot_of, status, bound, time.monotonic() - started)


def _rescue(
    p: Problem, mdl: Model, started: float, raw_bound: float, overrides: dict[str, Any] | None
) -> tuple[dict[int, int], str, float, float]:
    """The portfolio for the rest of the time limit, when the deterministic phases found no
    schedule. Returns (schedule, status, objective, bound); status stays "unknown" if none."""
    left = p.time_limit_s - (time.monotonic() - started)
    if left < 1:
        return {}, "unknown", float("inf"), raw_bound
    solver = parameters(replace(p, deterministic=False), overrides)
    solver.parameters.max_time_in_seconds = max(0.5, 0.97 * left - 0.5)
    if sum(len(xs) for xs in mdl.x) > LARGE:
        solver.parameters.cp_model_presolve = False
    code = solver.solve(mdl.cp)
    if code == cp_model.INFEASIBLE:
        return {}, "infeasible", float("inf"), raw_bound
    raw_bound = max(raw_bound, solver.best_objective_bound)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {}, "unknown", float("inf"), raw_bound
    slot_of = {i: t for i, xs in enumerate(mdl.x) for t, v in xs.items()
               if solver.boolean_value(v)}  # fmt: skip
    _rehint(mdl, solver)
    return slot_of, _statuses(code), solver.objective_value, raw_bound


def _output(
    p: Problem, slot_of: dict[int, int], status: str, bound: dict[str, int], elapsed: float
) -> dict[str, Any]:
    table_of = assign_tables(slot_of, p.tables, p.previous)
    busy = [[False] * p.slots for _ in p.participants]
    for i, t in slot_of.items():
        m = p.meetings[i]
        busy[m.a][t] = busy[m.b][t] = True
    breaks = sum(greedy_breaks(p, slot_of))
    moved = sum(1 for i, (t, _) in p.previous.items() if slot_of.get(i) != t)
    scheduled = [
        {"meeting": p.meetings[i].id, "slot": slot_of[i], "table": table_of[i]}
        for i in sorted(slot_of, key=lambda i: (slot_of[i], table_of[i]))
    ]
    return {
        "status": status,
        "scheduled": scheduled,
        "unscheduled": [m.id for i, m in enumerate(p.meetings) if i not in slot_of],
        "objective": {
            "meetings": len(slot_of),
            "priority": sum(p.meetings[i].priority for i in slot_of),
            "breaks": breaks,
            "moved": moved,
        },
        "bound": bound,
        "notes": p.notes,
        "solve_s": round(elapsed, 3),
    }
