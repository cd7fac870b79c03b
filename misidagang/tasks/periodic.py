"""Periodic jobs: a registry the worker reads, instead of cron lines written by hand.

    from datetime import timedelta
    from misidagang.tasks.jobs import job
    from misidagang.tasks.periodic import every

    @every(timedelta(minutes=1))   # above @job, in <app>/tasks.py
    @job(retries=2)
    def meeting_reminders(ctx, *, now=None): ...

Each period gets one job, keyed `every:<name>:<period number>`, however many workers tick: the
key makes the job unique, so N workers never run it N times. A job that must not miss anything
(reminders 15 minutes before each meeting) looks for what is due since it last ran, not only
in the last minute, and remembers what it sent (the outbox's unique row)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from misidagang.tasks.jobs import enqueue


@dataclass(frozen=True)
class Periodic:
    name: str
    func: Callable[..., Any]
    interval: timedelta

    def period(self, now: datetime) -> int:
        return int(now.timestamp() // self.interval.total_seconds())


PERIODIC: dict[str, Periodic] = {}


def every(interval: timedelta) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        name = func.job_name  # type: ignore[attr-defined]  # set by @job, which goes below
        PERIODIC[name] = Periodic(name, func, interval)
        return func

    return register


def tick(now: datetime, seen: dict[str, int] | None = None) -> list[str]:
    """Queue each periodic job whose period has started; `seen` remembers the periods this
    process has already queued, to spare the database. Returns the names queued."""
    seen = {} if seen is None else seen
    queued = []
    for p in PERIODIC.values():
        n = p.period(now)
        if seen.get(p.name) == n:
            continue
        enqueue(p.func, key=f"every:{p.name}:{n}")
        seen[p.name] = n
        queued.append(p.name)
    return queued
