"""The projector screen and its Server-Sent Events stream (public; business names only)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from asgiref.sync import sync_to_async
from django.db import connection
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from misidagang.deals.broadcast import hub
from misidagang.deals.live import live_payload
from misidagang.missions.access import mission_for_viewing


def live(request: HttpRequest, pk: int) -> HttpResponse:
    mission = mission_for_viewing(request.user, pk)
    return render(request, "deals/live.html", {"mission": mission, "live": live_payload(mission)})


def _visible_mission_id(user: Any, pk: int) -> int:
    """Checked in the request's thread, whose connection is then closed: an open screen holds
    no DB connection (the hub's one worker thread renders the events)."""
    try:
        return mission_for_viewing(user, pk).pk
    finally:
        if not connection.in_atomic_block:
            connection.close()


async def _events(mission_id: int, last_event_id: str) -> AsyncIterator[bytes]:
    """The whole state first (unless the screen already has it: Last-Event-ID), then the deltas
    that come after it; a delta the whole state already holds is skipped."""
    queue = await hub.subscribe(mission_id)
    try:
        yield b"retry: 2000\n\n"
        sent, text = await hub.current(mission_id)
        if str(sent) != last_event_id:  # a reconnect catches up, a fresh screen starts
            yield text.encode()
        while True:
            event_id, data = await queue.get()
            if event_id is not None:
                if event_id <= sent:
                    continue
                sent = event_id
            yield data
    finally:
        hub.unsubscribe(mission_id, queue)


async def live_stream(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    user = await request.auser()
    mission_id = await sync_to_async(_visible_mission_id)(user, pk)
    last = request.headers.get("Last-Event-ID", "").strip()
    response = StreamingHttpResponse(_events(mission_id, last), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response
