"""Live events between app processes and the open screens.

A committed change calls `announce(mission_id, version_id)`. On PostgreSQL that is a
`pg_notify`, heard by ONE listening connection per app process (psycopg 3, async); on SQLite
(one process) it pokes this process's hub directly. The hub renders the mission's snapshot once
per change, in its own worker thread (one DB connection per process, not per screen), and fans
the ready-made SSE text out to the asyncio queues of the open screens."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from django.db import InterfaceError, OperationalError, connection, transaction

log = logging.getLogger(__name__)
CHANNEL = "misidagang_deals"
QUEUE_SIZE = 4


def _on_postgres() -> bool:
    return connection.vendor == "postgresql"


def announce(mission_id: int, version_id: int) -> None:
    """Called inside the change's transaction: tell every app process, once it commits, that a
    mission changed. PostgreSQL delivers a NOTIFY only on commit (and drops it on rollback), in
    the same round trips as the change; elsewhere the poke waits for `on_commit`."""
    if _on_postgres():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, f"{mission_id}:{version_id}"])
    else:
        transaction.on_commit(lambda: hub.poke(mission_id))


def _render(mission_id: int) -> tuple[int, str]:
    """Runs in the hub's one worker thread, which keeps its one connection open."""
    from misidagang.deals.live import render_event

    try:
        return render_event(mission_id)
    except (OperationalError, InterfaceError):
        connection.close()  # a dropped connection: reconnect once
        return render_event(mission_id)


class Hub:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._subs: dict[int, set[asyncio.Queue[str]]] = defaultdict(set)
        self._last: dict[int, tuple[int, str]] = {}
        self._busy: set[int] = set()
        self._dirty: set[int] = set()
        self._listener: asyncio.Task[None] | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="deals-live")

    def screens(self, mission_id: int | None = None) -> int:
        if mission_id is not None:
            return len(self._subs.get(mission_id, ()))
        return sum(len(s) for s in self._subs.values())

    async def subscribe(self, mission_id: int) -> asyncio.Queue[str]:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # first screen, or a new loop (tests)
            self._loop, self._listener = loop, None
            self._subs.clear()
            self._last.clear()
            self._busy.clear()
        idle = self._listener is None or self._listener.done()
        if idle and await loop.run_in_executor(self._executor, _on_postgres):
            self._listener = loop.create_task(self._listen())
        queue: asyncio.Queue[str] = asyncio.Queue(maxsize=QUEUE_SIZE)
        self._subs[mission_id].add(queue)
        return queue

    def unsubscribe(self, mission_id: int, queue: asyncio.Queue[str]) -> None:
        subs = self._subs.get(mission_id)
        if subs is None:
            return
        subs.discard(queue)
        if not subs:
            del self._subs[mission_id]
            self._last.pop(mission_id, None)

    async def current(self, mission_id: int) -> tuple[int, str]:
        """The latest rendered event of a mission (cached while screens are open)."""
        if mission_id not in self._last:
            assert self._loop is not None
            self._last[mission_id] = await self._loop.run_in_executor(
                self._executor, _render, mission_id
            )
        return self._last[mission_id]

    def poke(self, mission_id: int) -> None:
        """Thread-safe: a mission changed."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        loop.call_soon_threadsafe(self._changed, mission_id)

    def _changed(self, mission_id: int) -> None:
        if mission_id not in self._subs or self._loop is None:
            return
        if mission_id in self._busy:
            self._dirty.add(mission_id)  # coalesce: render once more when the current ends
            return
        self._busy.add(mission_id)
        self._loop.create_task(self._refresh(mission_id))

    async def _refresh(self, mission_id: int) -> None:
        assert self._loop is not None
        try:
            while True:
                self._dirty.discard(mission_id)
                try:
                    rendered = await self._loop.run_in_executor(self._executor, _render, mission_id)
                except Exception:  # a failed render must not kill the hub
                    log.exception("live: rendering mission %s failed", mission_id)
                    return
                unchanged = self._last.get(mission_id, (None,))[0] == rendered[0]
                if mission_id in self._subs:
                    self._last[mission_id] = rendered
                for queue in [] if unchanged else list(self._subs.get(mission_id, ())):
                    if queue.full():  # a slow screen only needs the newest state
                        with contextlib.suppress(asyncio.QueueEmpty):
                            queue.get_nowait()
                    queue.put_nowait(rendered[1])
                if mission_id not in self._dirty:
                    return
        finally:
            self._busy.discard(mission_id)

    async def _listen(self) -> None:
        """One LISTEN connection per process; reconnects and catches up after a failure."""
        import psycopg

        while True:
            try:
                params = await asyncio.get_running_loop().run_in_executor(self._executor, _conninfo)
                async with await psycopg.AsyncConnection.connect(**params, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    for mission_id in list(self._subs):
                        self._changed(mission_id)
                    async for note in conn.notifies():
                        mission, _, _version = note.payload.partition(":")
                        if mission.isdigit():
                            self._changed(int(mission))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("live: LISTEN connection lost; reconnecting")
                await asyncio.sleep(1)


def _conninfo() -> dict[str, object]:
    s = connection.settings_dict
    params: dict[str, object] = {"dbname": s["NAME"]}
    for key, name in (
        ("USER", "user"),
        ("PASSWORD", "password"),
        ("HOST", "host"),
        ("PORT", "port"),
    ):
        if s.get(key):
            params[name] = s[key]
    return params


hub = Hub()
