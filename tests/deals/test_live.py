"""The live screen's stream: a commit in any process reaches an open screen within a second,
and a reconnect with Last-Event-ID catches up. Also the race-safety of idempotency keys."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from misidagang.deals import services
from misidagang.deals.models import Deal, Source
from misidagang.deals.tally import mission_tally
from tests.deals.server import SSE, app_env, uvicorn_server

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="LISTEN/NOTIFY across processes and real write races need PostgreSQL",
)


def _db_url() -> str:
    s = connection.settings_dict
    host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    return f"postgres://{s['USER'] or 'postgres'}@{host}/{s['NAME']}"


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_it_pushes_a_deal_committed_in_another_process_within_a_second(world):
    with uvicorn_server(app_env(DATABASE_URL=_db_url())) as base:
        path = f"/missions/{world.mission.pk}/live/stream"
        screen = SSE(base, path)
        first = screen.event()
        assert json.loads(first["data"])["total_idr"] == 0
        time.sleep(0.3)  # the server's LISTEN connection is up once the first screen opened
        started = time.monotonic()
        deal, _ = services.deal_record(  # committed here, in the test process
            mission=world.mission,
            actor=world.bob,
            source=Source.DESK,
            seller=world.kopi,
            buyer=world.pempek,
            commodity="Kopi",
            value_idr=306_548_050_000,
        )
        event = screen.event(timeout=3)
        delay = time.monotonic() - started
        data = json.loads(event["data"])
        assert json.loads(first["data"])["full"] is True
        # Only what changed: the figures and the new ticker row, not the whole state.
        assert "full" not in data and "ticker" not in data
        assert data["total_text"] == "Rp\u00a0306.548.050.000"
        assert data["by_direction"]["jual"] == 306_548_050_000
        assert [r["id"] for r in data["ticker_new"]] == [deal.pk]
        assert data["ticker_new"][0]["seller"] == "CV Kopi Ijen Lestari"
        assert delay < 1.0, delay
        assert int(event["id"]) > int(first["id"])
        screen.close()

        # A screen that missed an event catches up at once, with the whole state; one that saw
        # the last does not.
        late = SSE(base, path, last_event_id=first["id"])
        caught_up = json.loads(late.event()["data"])
        assert caught_up["full"] is True and caught_up["deals"] == 1
        assert [r["id"] for r in caught_up["ticker"]] == [deal.pk]
        late.close()
        current = SSE(base, path, last_event_id=event["id"])
        with pytest.raises(TimeoutError):
            current.event(timeout=1)
        current.close()
        assert deal.pk


def _post_many(world, bodies_and_keys, headers):  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(len(bodies_and_keys))

    def one(item):  # type: ignore[no-untyped-def]
        body, key = item
        try:
            barrier.wait()
            return (
                Client()
                .post(
                    f"/api/v1/missions/{world.mission.pk}/deals",
                    body,
                    content_type="application/json",
                    HTTP_IDEMPOTENCY_KEY=key,
                    **headers,
                )
                .status_code
            )
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(bodies_and_keys)) as pool:
        return list(pool.map(one, bodies_and_keys))


def _body(world, value):  # type: ignore[no-untyped-def]
    return {
        "seller_id": world.kopi.pk,
        "buyer_id": world.pempek.pk,
        "direction": "jual",
        "hs": "0901",
        "commodity": "Kopi",
        "quantity": 1,
        "unit": "ton",
        "value_idr": value,
        "stage": "komitmen",
    }


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_it_makes_one_deal_from_fifty_parallel_posts_with_one_key(world, token_for):
    headers = token_for(world.bob)
    statuses = _post_many(world, [(_body(world, 1_000_000), "same-key")] * 50, headers)
    assert sorted(set(statuses)) == [200, 201] and statuses.count(201) == 1
    assert Deal.objects.count() == 1
    assert mission_tally(world.mission)["total_idr"] == 1_000_000


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_it_makes_fifty_deals_from_fifty_keys_and_sums_them_exactly(world, token_for):
    headers = token_for(world.bob)
    values = [1_000_000_007 * (i + 1) for i in range(50)]
    statuses = _post_many(
        world, [(_body(world, v), f"k{i}") for i, v in enumerate(values)], headers
    )
    assert statuses == [201] * 50
    tally = mission_tally(world.mission)
    assert tally["deals"] == 50 and tally["total_idr"] == sum(values)


@pytest.mark.django_db
def test_it_sends_new_rows_as_a_delta_and_the_whole_state_after_a_void(world, record):
    from misidagang.deals.live import Tracker

    tracker = Tracker(world.mission.pk)
    first = tracker.update()
    assert first is not None and json.loads(first[1].split("data: ", 1)[1])["full"] is True
    assert tracker.update() is None  # nothing changed, nothing sent

    a, b = record(value_idr=1_000), record(value_idr=2_000, commodity="Kopi robusta")
    event_id, delta, full = tracker.update()  # type: ignore[misc]
    data = json.loads(delta.split("data: ", 1)[1])
    assert "ticker" not in data and [r["id"] for r in data["ticker_new"]] == [b.pk, a.pk]
    assert data["total_idr"] == 3_000 and data["top"][0]["commodity"] == "Kopi robusta"
    assert f"id: {event_id}\n" in delta and json.loads(full.split("data: ", 1)[1])["full"]

    services.deal_void(deal=a, actor=world.alice, reason="salah ketik")
    _id, delta, full = tracker.update()  # type: ignore[misc]
    assert delta == full  # a void removes a row: the whole state, not a delta
    data = json.loads(full.split("data: ", 1)[1])
    assert [r["id"] for r in data["ticker"]] == [b.pk] and data["total_idr"] == 2_000


def test_it_sends_a_screen_that_fell_behind_the_whole_state_instead_of_more_deltas():
    import asyncio

    from misidagang.deals.broadcast import QUEUE_SIZE, Hub

    hub = Hub()
    slow: asyncio.Queue = asyncio.Queue(maxsize=QUEUE_SIZE)
    quick: asyncio.Queue = asyncio.Queue(maxsize=QUEUE_SIZE)
    hub._subs[7] = {slow, quick}
    for n in range(QUEUE_SIZE):
        slow.put_nowait((n, b"old delta"))
    hub._fan_out(7, 99, "delta", "whole")
    assert [slow.get_nowait()] == [(99, b"whole")] and slow.empty()
    assert quick.get_nowait() == (99, b"delta")
