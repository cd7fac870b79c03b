"""Self-registration through a mission's public page: consent, pending, approve or reject,
matching by NIB, throttling."""

from __future__ import annotations

import pytest
from django.core import mail

from misidagang.directory.models import Business
from misidagang.missions.models import Participant
from misidagang.onboarding.models import Registration, RegistrationPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(world):
    return RegistrationPage.objects.create(mission=world.mission, code="daftarjatim")


def form(**extra):
    return {
        "name": "Tenun Ikat Kediri",
        "legal_form": "UD",
        "nib": "3571010000009",
        "scale": "kecil",
        "regency": "35.71",
        "contact_person": "Dewi",
        "phone": "0812 7777 8888",
        "email": "dewi@example.id",
        "offers": "Kain tenun ikat; selendang",
        "needs": "Benang katun",
        "consent": "on",
        **extra,
    }


def test_a_business_registers_itself_and_waits_for_approval(page, client):
    assert client.get("/daftar/daftarjatim/").status_code == 200
    r = client.post("/daftar/daftarjatim/", form())
    assert r.status_code == 200 and "menunggu persetujuan" in r.content.decode()
    reg = Registration.objects.get()
    assert reg.status == "pending" and reg.consent_at and "UU No. 27" in reg.consent_text
    assert reg.phone == "0812-7777-8888"
    assert not Business.objects.filter(name="Tenun Ikat Kediri").exists()


def test_consent_is_required(page, client):
    data = form()
    data.pop("consent")
    r = client.post("/daftar/daftarjatim/", data)
    assert r.status_code == 400 and not Registration.objects.exists()


def test_bad_input_is_refused_with_messages_not_a_500(page, client):
    r = client.post(
        "/daftar/daftarjatim/",
        form(name="A" * 300, nib="12", phone="12", offers="x\x00", needs="", regency="16.71"),
    )
    assert r.status_code == 400 and not Registration.objects.exists()


def test_approving_creates_the_business_as_participant_and_invites_it(
    world, page, client, client_for
):
    client.post("/daftar/daftarjatim/", form())
    reg = Registration.objects.get()
    r = client_for("alice").post(
        f"/missions/{world.mission.pk}/onboarding/registrations/{reg.pk}/", {"action": "approve"}
    )
    assert r.status_code == 200 and "/undangan/" in r.content.decode()
    business = Business.objects.get(nib="3571010000009")
    assert business.regency_id == "35.71" and business.whatsapp == "6281277778888"
    assert set(business.listings.values_list("kind", "text")) == {
        ("offer", "Kain tenun ikat"),
        ("offer", "selendang"),
        ("need", "Benang katun"),
    }
    assert all(business.listings.values_list("hs", flat=True))
    assert Participant.objects.filter(mission=world.mission, business=business).exists()
    assert mail.outbox[0].to == ["dewi@example.id"]
    reg.refresh_from_db()
    assert reg.status == "approved" and reg.business == business and reg.decided_by == world.alice


def test_a_known_nib_is_matched_not_duplicated(world, page, client, client_for):
    client.post("/daftar/daftarjatim/", form(nib=world.kopi.nib, name="Kopi Ijen", regency="35.11"))
    reg = Registration.objects.get()
    client_for("alice").post(
        f"/missions/{world.mission.pk}/onboarding/registrations/{reg.pk}/", {"action": "approve"}
    )
    assert Business.objects.filter(nib=world.kopi.nib).count() == 1
    reg.refresh_from_db()
    assert reg.business == world.kopi
    assert Participant.objects.filter(mission=world.mission, business=world.kopi).count() == 1


def test_rejecting_needs_a_reason(world, page, client, client_for):
    client.post("/daftar/daftarjatim/", form())
    reg = Registration.objects.get()
    url = f"/missions/{world.mission.pk}/onboarding/registrations/{reg.pk}/"
    client_for("alice").post(url, {"action": "reject", "reason": ""})
    reg.refresh_from_db()
    assert reg.status == "pending"
    client_for("alice").post(url, {"action": "reject", "reason": "Bukan dari Jawa Timur"})
    reg.refresh_from_db()
    assert reg.status == "rejected" and reg.reason == "Bukan dari Jawa Timur"
    assert not Business.objects.filter(name="Tenun Ikat Kediri").exists()


def test_a_flood_from_one_address_is_throttled(page, client, settings):
    settings.REGISTRATIONS_PER_HOUR = 3
    codes = [
        client.post("/daftar/daftarjatim/", form(nib=f"357101000001{i}")).status_code
        for i in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
    assert Registration.objects.count() == 3


def test_a_closed_page_takes_no_registration(page, client):
    page.is_open = False
    page.save()
    assert client.post("/daftar/daftarjatim/", form()).status_code == 410
    assert client.get("/daftar/unknown/").status_code == 404


def test_the_organiser_opens_the_page_and_gets_a_qr(world, client_for, client):
    c = client_for("alice")
    c.post(f"/missions/{world.mission.pk}/onboarding/registrations/", {"open": "1", "side": "host"})
    page = RegistrationPage.objects.get()
    assert page.is_open and page.side == "host"
    qr = client.get(f"/daftar/{page.code}/qr.svg")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    poster = c.get(f"/missions/{world.mission.pk}/onboarding/registrations/poster/")
    assert f"/daftar/{page.code}/".encode() in poster.content
    # Host side: the regencies are South Sumatra's.
    assert "Kota Palembang" in client.get(f"/daftar/{page.code}/").content.decode()
