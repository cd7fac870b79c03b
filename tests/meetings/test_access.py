"""Every temu-bisnis page and endpoint, for every role, anonymous included."""

from __future__ import annotations

import pytest
from django.test import Client

from misidagang.meetings import services
from misidagang.meetings.models import Meeting, MeetingRequest, ScheduleRun

from .conftest import add_business

pytestmark = pytest.mark.django_db

ROLES = ["anon", "alice", "bob", "carol", "dave", "erin", "mallory"]
ORGANISER = {"anon": 302, "alice": 200, **dict.fromkeys(ROLES[2:], 403)}
STAFF = {"anon": 302, "alice": 200, "bob": 200, **dict.fromkeys(ROLES[3:], 403)}
STAKE = {
    "anon": 302,
    "alice": 200,
    "bob": 200,
    "carol": 200,
    "dave": 403,
    "erin": 403,
    "mallory": 403,
}


@pytest.fixture
def published(world, day):
    """kopi meets pempek (published); a pending request host→kopi; a draft mission meeting."""
    req = services.request_create(
        mission=world.mission,
        requester=world.p_kopi,
        counterpart=world.p_pempek,
        actor=world.alice,
        accept=True,
    )
    run = services.schedule_preview(mission=world.mission, actor=world.alice)
    services.schedule_publish(run=run, actor=world.alice)
    host = add_business(world, "Toko Musi", "host")
    pending = services.request_create(
        mission=world.mission, requester=host, counterpart=world.p_kopi, actor=world.bob
    )
    return type(
        "P",
        (),
        dict(
            req=req,
            run=run,
            meeting=Meeting.objects.get(request=req),
            pending=pending,
            host=host,
            token=services.checkin_token(world.p_kopi),
        ),
    )


def pages(world, day, p):
    m, o = world.mission.pk, world.other.pk
    t = p.meeting.table_id
    return [
        (f"/missions/{m}/temu/", ORGANISER),
        (f"/missions/{o}/temu/", {**dict.fromkeys(ROLES, 404), "anon": 302, "mallory": 200}),
        (f"/missions/{m}/temu/availability/{world.p_kopi.pk}/", ORGANISER),
        (f"/missions/{m}/temu/runs/{p.run.pk}/", ORGANISER),
        (f"/missions/{m}/temu/requests/", STAKE),
        (f"/missions/{m}/temu/requests/new/", STAKE),
        (f"/missions/{m}/temu/requests/new/?to={world.p_pempek.pk}", STAKE),
        (f"/missions/{m}/temu/agenda/{world.p_kopi.pk}/", STAKE),
        (f"/missions/{m}/temu/agenda/{world.p_kopi.pk}.ics", STAKE),
        (f"/missions/{m}/temu/agenda/{world.p_pempek.pk}/", STAFF),
        (f"/missions/{m}/temu/agenda/{world.p_pempek.pk}.ics", STAFF),
        (f"/missions/{m}/temu/tables/{t}/card/", STAFF),
        (f"/missions/{m}/temu/now/", dict.fromkeys(ROLES, 200)),
        (f"/missions/{o}/temu/now/", {**dict.fromkeys(ROLES, 404), "mallory": 200}),
        (f"/missions/{m}/temu/desk/", STAFF),
        (f"/checkin/{p.token}/", STAFF),
        (f"/missions/{m}/", dict.fromkeys(ROLES, 200)),
    ]


def test_it_guards_every_page_for_every_role(world, day, published, client_for):
    failures = []
    for url, expected in pages(world, day, published):
        for who in ROLES:
            status = client_for(who).get(url).status_code
            if status != expected[who]:
                failures.append(f"{who} GET {url}: {status} != {expected[who]}")
    assert failures == [], "\n".join(failures)


def posts(world, day, p):
    m = world.mission.pk
    done = {"anon": 302, "alice": 302, **dict.fromkeys(ROLES[2:], 403)}
    staff_done = {"anon": 302, "alice": 302, "bob": 302, **dict.fromkeys(ROLES[3:], 403)}
    stake_done = {**staff_done, "carol": 302}
    r = p.pending.pk
    return [
        (
            f"/missions/{m}/temu/config/",
            {
                "request_ttl_hours": 12,
                "cap_per_participant": 8,
                "max_break_spread": 2,
                "time_limit_s": 5,
            },
            done,
        ),
        (
            f"/missions/{m}/temu/days/",
            {
                "date": "2026-12-10",
                "first_slot": "08:00",
                "slot_minutes": 20,
                "slots": 6,
                "afternoon_from": "09:00",
                "breaks": "09.00-09.20",
            },
            done,
        ),
        (f"/missions/{m}/temu/tables/", {"count": 2, "names": "Meja 1\nMeja 2"}, done),
        (
            f"/missions/{m}/temu/availability/{world.p_kopi.pk}/",
            {"session": "any", "seats": 1, "cap": ""},
            done,
        ),
        (f"/missions/{m}/temu/requests/{r}/must-meet/", {"value": "1"}, done),
        # carol's business is the counterpart: she (and staff) may answer, no one else.
        (f"/missions/{m}/temu/requests/{r}/accept/", {}, stake_done),
        (f"/missions/{m}/temu/requests/{r}/cancel/", {}, stake_done),
        (
            f"/missions/{m}/temu/requests/new/",
            {
                "counterpart": world.p_pempek.pk,
                "note": "x",
                "session": "any",
                "requester": p.host.pk,
            },
            stake_done,
        ),
        (f"/missions/{m}/temu/meetings/{p.meeting.pk}/mark/", {"status": "held"}, staff_done),
        (f"/checkin/{p.token}/", {}, staff_done),
        (f"/missions/{m}/temu/runs/", {}, done),
    ]


def test_it_guards_every_form_post_for_every_role(event_over, world, day, published, client_for):
    failures = []
    for url, body, expected in posts(world, day, published):
        for who in ROLES:
            status = client_for(who).post(url, body).status_code
            if status != expected[who]:
                failures.append(f"{who} POST {url}: {status} != {expected[who]}")
    assert failures == [], "\n".join(failures)
    latest = ScheduleRun.objects.order_by("-created", "-pk").first()
    for who in ROLES:
        status = (
            client_for(who)
            .post(f"/missions/{world.mission.pk}/temu/runs/{latest.pk}/publish/")
            .status_code
        )
        expected = {"anon": 302, "alice": 302}.get(who, 403)
        assert status == expected, who


def api_calls(world, p):
    m, o = world.mission.pk, world.other.pk
    staff = {"anon": 401, "alice": 200, "bob": 200, **dict.fromkeys(ROLES[3:], 403)}
    stake = {**staff, "carol": 200}
    organiser = {"anon": 401, "alice": 200, **dict.fromkeys(ROLES[2:], 403)}
    return [
        ("get", f"/api/v1/missions/{m}/meeting-requests", None, stake),
        (
            "get",
            f"/api/v1/missions/{o}/meeting-requests",
            None,
            {"anon": 401, **dict.fromkeys(ROLES[1:], 404), "mallory": 200},
        ),
        (
            "post",
            f"/api/v1/missions/{m}/meeting-requests",
            {"counterpart_id": p.host.pk, "requester_id": world.p_kopi.pk},
            {**stake, "alice": 201, "bob": 201, "carol": 201},
        ),
        ("post", f"/api/v1/meeting-requests/{p.pending.pk}/respond", {"accept": True}, stake),
        ("post", f"/api/v1/meeting-requests/{p.pending.pk}/cancel", None, stake),
        ("post", f"/api/v1/missions/{m}/schedule-runs", None, {**organiser, "alice": 201}),
        ("get", f"/api/v1/missions/{m}/schedule-runs/{p.run.pk}", None, organiser),
        ("get", f"/api/v1/missions/{m}/participants/{world.p_kopi.pk}/agenda", None, stake),
        ("get", f"/api/v1/missions/{m}/participants/{world.p_pempek.pk}/agenda", None, staff),
        ("get", f"/api/v1/missions/{m}/meetings/now", None, dict.fromkeys(ROLES, 200)),
        (
            "get",
            f"/api/v1/missions/{o}/meetings/now",
            None,
            {**dict.fromkeys(ROLES, 404), "mallory": 200},
        ),
        (
            "post",
            f"/api/v1/missions/{m}/meetings/{p.meeting.pk}/outcome",
            {"status": "held"},
            staff,
        ),
    ]


def test_it_guards_every_endpoint_for_every_role_with_tokens(
    event_over, world, day, published, token_for
):
    headers = {who: ({} if who == "anon" else token_for(world.users[who])) for who in ROLES}
    failures = []
    for method, url, body, expected in api_calls(world, published):
        for who in ROLES:
            kwargs = dict(headers[who])
            if body is not None:
                kwargs.update(data=body, content_type="application/json")
            status = getattr(Client(), method)(url, **kwargs).status_code
            if status != expected[who]:
                failures.append(f"{who} {method.upper()} {url}: {status} != {expected[who]}")
    assert failures == [], "\n".join(failures)
    # Publishing: organisers of the mission only.
    run = ScheduleRun.objects.order_by("-created", "-pk").first()
    for who in ROLES:
        status = (
            Client()
            .post(
                f"/api/v1/missions/{world.mission.pk}/schedule-runs/{run.pk}/publish",
                **headers[who],
            )
            .status_code
        )
        assert status == {"anon": 401, "alice": 200}.get(who, 403), who


def test_it_returns_an_error_for_bad_api_input(world, day, published, token_for):
    h = token_for(world.alice)
    url = f"/api/v1/missions/{world.mission.pk}/meeting-requests"
    bad = Client().post(
        url,
        {"counterpart_id": world.p_kopi.pk, "requester_id": world.p_kopi.pk},
        content_type="application/json",
        **h,
    )
    assert bad.status_code == 422 and "dirinya sendiri" in bad.json()["detail"]
    unknown = Client().post(
        url, {"counterpart_id": 999999}, content_type="application/json", **token_for(world.carol)
    )
    assert unknown.status_code == 422
    assert MeetingRequest.objects.count() == 2
