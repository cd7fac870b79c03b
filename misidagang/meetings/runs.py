"""A scheduler run in the background: the job that solves a queued `ScheduleRun`, writing the
engine's progress onto the run for the page that polls it, and stopping when it is cancelled.
The request that starts a run only queues it (`services.schedule_preview`)."""

from __future__ import annotations

import threading
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from misidagang.accounts.models import AuditLog
from misidagang.engines.scheduling import SchedulingInputError, solve
from misidagang.meetings import engine_input
from misidagang.meetings.models import ScheduleRun
from misidagang.tasks.jobs import Job, Permanent, job

State = ScheduleRun.State

EMPTY = {
    "status": "optimal",
    "scheduled": [],
    "unscheduled": [],
    "objective": {"meetings": 0, "priority": 0, "breaks": 0, "moved": 0},
    "bound": {},
    "solve_s": 0.0,
}


def _given_up(failed: Job) -> None:
    ScheduleRun.objects.filter(job=failed, state__in=[State.QUEUED, State.RUNNING]).update(
        state=State.FAILED, error=failed.error, finished=timezone.now()
    )


@job(retries=2, backoff=5, on_failure=_given_up)
def schedule_solve(ctx: Job, *, run_id: int) -> dict[str, Any]:
    """Solve a queued run. Idempotent: a run already finished (or cancelled) is left alone, and
    a run restarted after its worker died starts over from its stored input."""
    run = ScheduleRun.objects.filter(pk=run_id).first()
    if run is None or not run.working:
        return {"skipped": run.state if run else "missing"}
    ScheduleRun.objects.filter(pk=run_id, state__in=[State.QUEUED, State.RUNNING]).update(
        state=State.RUNNING, progress={"stage": "start"}, error=""
    )

    owner = threading.get_ident()

    def on_progress(info: dict[str, Any]) -> bool:
        """Called from CP-SAT's own search threads too: each such call uses (and closes) its
        thread's connection, and progress is best effort — a failed write never fails the run.
        """
        try:
            ScheduleRun.objects.filter(pk=run_id).update(progress=info)
            ctx.report(**info)
            return ScheduleRun.objects.filter(pk=run_id, state=State.CANCELLED).exists()
        except DatabaseError:
            return False
        finally:
            if threading.get_ident() != owner:
                connection.close()

    if run.input.get("meetings"):
        try:
            output = solve(run.input, on_progress=on_progress)
        except SchedulingInputError as exc:  # our own input: a bug, never better on a retry
            raise Permanent(f"Data jadwal tidak valid: {exc}") from exc
    else:
        output = EMPTY
    return _finish(run_id, output)


@transaction.atomic
def _finish(run_id: int, output: dict[str, Any]) -> dict[str, Any]:
    run = ScheduleRun.objects.select_for_update().get(pk=run_id)
    run.output = output
    run.left_out = [x for x in run.left_out if x["reason"] != engine_input.REASON_NO_ROOM] + [
        {"request": int(mid[1:]), "reason": engine_input.REASON_NO_ROOM}
        for mid in output.get("unscheduled", [])
    ]
    run.status, run.optimal = output["status"], output["status"] == "optimal"
    run.bound, run.solve_s = output.get("bound", {}), float(output.get("solve_s", 0))
    run.state = State.CANCELLED if run.state == State.CANCELLED else State.DONE
    run.finished = timezone.now()
    run.progress = {**run.progress, "stage": "done"}
    run.save()
    AuditLog.record(
        actor=run.created_by,
        action="schedule.run",
        obj=run,
        status=run.status,
        placed=run.placed,
        state=run.state,
    )
    return {"run": run.pk, "state": run.state, "status": run.status, "placed": run.placed}
