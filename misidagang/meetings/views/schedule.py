"""What a schedule run looks like to an organiser: a slot × table grid and the left-out
requests with their reasons, in words."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from misidagang.meetings.engine_input import REASONS, mission_slots
from misidagang.meetings.models import MeetingRequest, ScheduleRun, Table
from misidagang.missions.models import Mission

STAGES = {
    "queued": _("menunggu pekerja latar"),
    "start": _("memulai"),
    "bounds": _("menghitung batas bawah jeda"),
    "greedy": _("jadwal awal cepat"),
    "search": _("mencari jadwal yang lebih baik"),
    "lns": _("mengurangi jeda"),
    "done": _("selesai"),
}

STATUS = {
    "optimal": _("optimal (terbukti)"),
    "feasible": _("layak, belum terbukti optimal"),
    "infeasible": _("tidak mungkin dijadwalkan"),
    "unknown": _("tidak ditemukan jadwal dalam batas waktu"),
}


def progress_context(mission: Mission, run: ScheduleRun) -> dict[str, Any]:
    """What the polled progress card shows of a queued or running run."""
    progress = run.progress or {}
    return {
        "mission": mission,
        "run": run,
        "progress": progress,
        "stage_text": STAGES.get(progress.get("stage", ""), progress.get("stage", "")),
        "requested": len(run.input.get("meetings", [])) + len(run.left_out),
        "time_limit": run.input.get("time_limit_s", ""),
    }


def run_context(mission: Mission, run: ScheduleRun) -> dict[str, Any]:
    ids = [int(m["id"][1:]) for m in run.input.get("meetings", [])]
    ids += [x["request"] for x in run.left_out]
    reqs = MeetingRequest.objects.select_related("requester__business", "counterpart__business")
    by_id = {r.pk: r for r in reqs.filter(pk__in=ids)}
    keys = run.input.get("slot_keys", [])
    slots = {s.key: s for s in mission_slots(mission)}
    tables = {t.pk: t for t in Table.objects.filter(mission=mission)}
    table_ids = run.input.get("table_ids", [])
    grid: dict[int, dict[int, MeetingRequest | None]] = {}
    for item in run.output.get("scheduled", []):
        grid.setdefault(item["slot"], {})[item["table"]] = by_id.get(int(item["meeting"][1:]))
    rows = []
    for i, key in enumerate(keys):
        row = grid.get(i, {})
        rows.append(
            {
                "slot": slots.get(key),
                "cells": [row.get(t) for t in range(len(table_ids))],
            }
        )
    not_accepted = MeetingRequest.objects.filter(mission=mission, status="pending").count()
    gone = [ScheduleRun.State.CANCELLED, ScheduleRun.State.FAILED]
    latest = (
        ScheduleRun.objects.filter(mission=mission)
        .exclude(state__in=gone)
        .order_by("-created", "-pk")
        .first()
    )
    return {
        **progress_context(mission, run),
        "mission": mission,
        "run": run,
        "rows": rows,
        "tables": [tables.get(t) for t in table_ids],
        "left_out": [
            {"request": by_id.get(x["request"]), "reason": REASONS.get(x["reason"], x["reason"])}
            for x in run.left_out
        ],
        "pending": not_accepted,
        "status_text": STATUS.get(run.status, run.status),
        "objective": run.output.get("objective", {}),
        "is_latest": latest is not None and latest.pk == run.pk,
        "requested": len(run.input.get("meetings", [])) + len(run.left_out),
    }
