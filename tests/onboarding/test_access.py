"""Every page and endpoint of onboarding, for each role, anonymous included."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from misidagang.onboarding.models import Registration, RegistrationPage, SheetUpload
from tests.onboarding import sheets

pytestmark = pytest.mark.django_db

ROLES = ["anon", "alice", "bob", "carol", "dave", "erin", "mallory"]
ORGANISER_ONLY = {"anon": 302, "alice": 200, **dict.fromkeys(ROLES[2:], 403)}


@pytest.fixture
def things(world):
    upload = SheetUpload.objects.create(
        mission=world.mission,
        side="delegation",
        actor=world.alice,
        name="a.xlsx",
        data=sheets.xlsx(good=True),
        digest="x",
    )
    page = RegistrationPage.objects.create(mission=world.mission, code="abc123")
    other_page = RegistrationPage.objects.create(mission=world.other, code="draft1")
    return upload, page, other_page


def pages(world, things):
    m, o = world.mission.pk, world.other.pk
    upload, page, _other = things
    hidden = {**dict.fromkeys(ROLES, 404), "anon": 302, "mallory": 403}
    return [
        (f"/missions/{m}/onboarding/", ORGANISER_ONLY),
        (f"/missions/{m}/onboarding/import/", ORGANISER_ONLY),
        (f"/missions/{m}/onboarding/import/{upload.pk}/", ORGANISER_ONLY),
        (f"/missions/{m}/onboarding/import/{upload.pk}/messages.xlsx", ORGANISER_ONLY),
        (f"/missions/{m}/onboarding/registrations/", ORGANISER_ONLY),
        (f"/missions/{m}/onboarding/earlier/", ORGANISER_ONLY),
        (f"/missions/{m}/onboarding/registrations/poster/", ORGANISER_ONLY),
        # Another organiser's draft mission: hidden from all but its organiser (mallory).
        (f"/missions/{o}/onboarding/", {**hidden, "mallory": 200}),
        (f"/missions/{o}/onboarding/import/", {**hidden, "mallory": 200}),
        (f"/daftar/{page.code}/", dict.fromkeys(ROLES, 200)),
        (f"/daftar/{page.code}/qr.svg", dict.fromkeys(ROLES, 200)),
        ("/undangan/unknown-token/", dict.fromkeys(ROLES, 410)),
        (
            f"/businesses/{world.kopi.pk}/team/",
            {"anon": 302, **dict.fromkeys(ROLES[1:], 403), "carol": 200},
        ),
        (f"/businesses/{world.pempek.pk}/team/", {"anon": 302, **dict.fromkeys(ROLES[1:], 403)}),
    ]


def test_it_guards_every_page_for_every_role(world, things, client_for):
    failures = []
    for url, expected in pages(world, things):
        for who in ROLES:
            status = client_for(who).get(url).status_code
            if status != expected[who]:
                failures.append(f"{who} GET {url}: {status} != {expected[who]}")
    assert failures == []


def test_it_guards_every_action_for_every_role(world, things, client_for):
    m = world.mission.pk
    upload, _page, _other = things
    failures = []
    for who in ROLES:
        reg = Registration.objects.create(
            mission=world.mission,
            side="delegation",
            name="X",
            legal_form="UD",
            scale="mikro",
            regency_id="35.78",
            contact_person="X",
            phone="081234567890",
            email="x@example.id",
            offers="Kopi",
            consent_at=world.mission.starts_at,
            consent_text="ok",
        )
        calls = [
            (f"/missions/{m}/onboarding/invite/", {"business": world.pempek.pk}, 200),
            (
                f"/missions/{m}/onboarding/import/{upload.pk}/",
                {"action": "remap", "col_0": ""},
                302,
            ),
            (f"/missions/{m}/onboarding/registrations/", {"open": "1"}, 302),
            (
                f"/missions/{m}/onboarding/registrations/{reg.pk}/",
                {"action": "reject", "reason": "r"},
                302,
            ),
            (f"/missions/{m}/onboarding/earlier/", {"side": "host"}, 302),
        ]
        for url, body, ok in calls:
            status = client_for(who).post(url, body).status_code
            expected = {"anon": 302, "alice": ok}.get(who, 403)
            if status != expected:
                failures.append(f"{who} POST {url}: {status} != {expected}")
    assert failures == []


def test_it_guards_the_api_for_every_role(world, token_for, client):
    failures = []
    for who in ROLES:
        headers = {} if who == "anon" else token_for(world.users[who])
        me = client.get("/api/v1/me", **headers).status_code
        if me != (401 if who == "anon" else 200):
            failures.append(f"{who} GET /me: {me}")
        body = {"file": SimpleUploadedFile("a.xlsx", sheets.xlsx()), "side": "delegation"}
        status = client.post(
            f"/api/v1/missions/{world.mission.pk}/imports", body, **headers
        ).status_code
        expected = {"anon": 401, "alice": 422}.get(who, 403)
        if status != expected:
            failures.append(f"{who} POST imports: {status} != {expected}")
    assert failures == []


def test_me_tells_username_role_business_and_missions(world, token_for, client_for):
    carol = client_for("carol").get("/api/v1/me").json()  # by session
    assert carol["username"] == "carol" and carol["role"] == "business"
    assert carol["business_id"] == world.kopi.pk
    assert carol["missions"] == [
        {"id": world.mission.pk, "name": world.mission.name, "as": "participant"}
    ]
    from django.test import Client

    alice = Client().get("/api/v1/me", **token_for(world.alice)).json()
    assert alice["missions"][0]["as"] == "organiser"


def test_the_public_api_never_shows_contacts(world, client):
    body = client.get(f"/api/v1/businesses/{world.kopi.pk}").content.decode()
    assert "siti@example.id" not in body and "081234567890" not in body


def test_earlier_missions_add_participants_in_bulk(world, client_for):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from misidagang.missions.models import Mission, Participant

    wib = ZoneInfo("Asia/Jakarta")
    new = Mission.objects.create(
        name="Misi Baru",
        delegation_province_id="35",
        host_province_id="12",
        starts_at=datetime(2027, 3, 1, 8, tzinfo=wib),
        ends_at=datetime(2027, 3, 1, 18, tzinfo=wib),
        status="registration",
    )
    new.organisers.add(world.alice)
    c = client_for("alice")
    page = c.get(
        f"/missions/{new.pk}/onboarding/earlier/?source={world.mission.pk}&commodity=arabika"
    )
    text = page.content.decode()
    assert "Kopi Ijen Lestari" in text and "Pempek Palembang Jaya" not in text
    regency = c.get(f"/missions/{new.pk}/onboarding/earlier/?regency=16.71").content.decode()
    assert "Pempek" in regency and "Kopi Ijen" not in regency
    r = c.post(
        f"/missions/{new.pk}/onboarding/earlier/",
        {"business": [world.kopi.pk, world.pempek.pk], "side": "delegation"},
    )
    assert r.status_code == 302
    assert Participant.objects.filter(mission=new).count() == 2
    c.post(
        f"/missions/{new.pk}/onboarding/earlier/",
        {"business": [world.kopi.pk], "side": "delegation"},
    )
    assert Participant.objects.filter(mission=new).count() == 2
