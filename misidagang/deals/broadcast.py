"""Live events between app processes and the open screens.

A committed change calls `announce(mission_id, version_id)`. On PostgreSQL that is a
`pg_notify`, heard by ONE listening connection per app process (psycopg 3, async); on SQLite
(one process) it pokes this process's hub directly. The hub renders what changed once per change
(coalesced, at most every MIN_INTERVAL_S), in its own worker thread (one DB connection per
process, not per screen), and fans the ready-made SSE text out to the asyncio queues of the open
screens: a small delta to each, the whole state to a screen that fell behind."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from django.db import InterfaceError, OperationalError, connection, transaction

if TYPE_CHECKING:  # live imports services, which imports this module
    from misidagang.deals.live import Tracker

log = logging.getLogger(__name__)
CHANNEL = "misidagang_deals"
QUEUE_SIZE = 4
HEARTBEAT_S = 15.0
# The shortest gap between two events of a mission in one process: changes in between go into
# one event (a delta carries all new ticker rows), so a screen gets at most ~5 events/s, not one
# per deal. Adds at most this much to the commit-to-screen delay.
MIN_INTERVAL_S = 0.2


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


def _update(tracker: Tracker) -> tuple[int, str, str] | None:
    """Runs in the hub's one worker thread, which keeps its one connection (from the pool)."""
    try:
        return tracker.update()
    except (OperationalError, InterfaceError):
        connection.close()  # a dropped connection: reconnect once
        return tracker.update()


def _initial(tracker: Tracker) -> tuple[int, str]:
    if tracker.current is None:
        _update(tracker)
    assert tracker.current is not None
    return tracker.current


# (event id, SSE bytes, encoded once for all screens); None for a heartbeat
Item = tuple[int | None, bytes]


class Hub:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._subs: dict[int, set[asyncio.Queue[Item]]] = defaultdict(set)
        self._trackers: dict[int, Tracker] = {}
        self._next: dict[int, float] = {}
        self._busy: set[int] = set()
        self._dirty: set[int] = set()
        self._listener: asyncio.Task[None] | None = None
        self._beat: asyncio.Task[None] | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="deals-live")

    def screens(self, mission_id: int | None = None) -> int:
        if mission_id is not None:
            return len(self._subs.get(mission_id, ()))
        return sum(len(s) for s in self._subs.values())

    async def subscribe(self, mission_id: int) -> asyncio.Queue[Item]:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # first screen, or a new loop (tests)
            self._loop, self._listener = loop, None
            self._subs.clear()
            self._trackers.clear()
            self._busy.clear()
            self._beat = loop.create_task(self._heartbeat())
        idle = self._listener is None or self._listener.done()
        if idle and await loop.run_in_executor(self._executor, _on_postgres):
            self._listener = loop.create_task(self._listen())
        queue: asyncio.Queue[Item] = asyncio.Queue(maxsize=QUEUE_SIZE)
        self._subs[mission_id].add(queue)
        if mission_id not in self._trackers:
            from misidagang.deals.live import Tracker

            self._trackers[mission_id] = Tracker(mission_id)
        return queue

    def unsubscribe(self, mission_id: int, queue: asyncio.Queue[Item]) -> None:
        subs = self._subs.get(mission_id)
        if subs is None:
            return
        subs.discard(queue)
        if not subs:
            del self._subs[mission_id]
            self._trackers.pop(mission_id, None)

    async def current(self, mission_id: int) -> tuple[int, str]:
        """The mission's whole state as this process last sent it: (event id, SSE text)."""
        tracker = self._trackers[mission_id]
        if tracker.current is not None:
            return tracker.current
        assert self._loop is not None
        return await self._loop.run_in_executor(self._executor, _initial, tracker)

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
        """Render what changed (at most once per MIN_INTERVAL_S) and hand it to every screen."""
        loop = self._loop
        assert loop is not None
        try:
            while True:
                self._dirty.discard(mission_id)
                wait = self._next.get(mission_id, 0.0) - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)  # changes meanwhile go into this one render
                    self._dirty.discard(mission_id)
                self._next[mission_id] = loop.time() + MIN_INTERVAL_S
                tracker = self._trackers.get(mission_id)
                if tracker is None:
                    return
                try:
                    result = await loop.run_in_executor(self._executor, _update, tracker)
                except Exception:  # a failed render must not kill the hub
                    log.exception("live: rendering mission %s failed", mission_id)
                    return
                if result is not None:
                    self._fan_out(mission_id, *result)
                if mission_id not in self._dirty:
                    return
        finally:
            self._busy.discard(mission_id)

    def _fan_out(self, mission_id: int, event_id: int, delta: str, full: str) -> None:
        small, whole = delta.encode(), full.encode()
        for queue in list(self._subs.get(mission_id, ())):
            if queue.full():  # a slow screen: drop what it has not read, send the whole state
                while not queue.empty():
                    queue.get_nowait()
                queue.put_nowait((event_id, whole))
            else:
                queue.put_nowait((event_id, small))

    async def _heartbeat(self) -> None:
        """One timer for all screens (not one per screen): a comment line keeps idle streams
        open through proxies."""
        while True:
            await asyncio.sleep(HEARTBEAT_S)
            for subs in list(self._subs.values()):
                for queue in list(subs):
                    if queue.empty():
                        queue.put_nowait((None, b": ping\n\n"))

    async def _listen(self) -> None:
        """One LISTEN connection per process; reconnects and catches up after a failure."""
        import psycopg

        while True:
            try:
                params = await asyncio.get_running_loop().run_in_executor(self._executor, _conninfo)
                async with await psycopg.AsyncConnection.connect(
                    **params,  # type: ignore[arg-type]
                    autocommit=True,
                ) as conn:
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
