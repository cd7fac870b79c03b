from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from misidagang.accounts.models import AuditLog
from misidagang.directory.models import Business, Listing
from misidagang.missions.models import Mission, Participant

pytestmark = pytest.mark.django_db


def business_post(b: Business, **changes):
    data: dict[str, Any] = {
        "name": b.name,
        "legal_form": b.legal_form,
        "nib": b.nib,
        "scale": b.scale,
        "kbli_codes": b.kbli_codes,
        "province": b.province_id,
        "regency": b.regency_id,
        "address": b.address,
        "contact_person": b.contact_person,
        "phone": b.phone,
        "email": b.email,
        "website": b.website,
        "description": b.description,
    }
    items = list(b.listings.all())
    data.update(
        {
            "listings-TOTAL_FORMS": str(len(items) + 1),
            "listings-INITIAL_FORMS": str(len(items)),
            "listings-MIN_NUM_FORMS": "0",
            "listings-MAX_NUM_FORMS": "1000",
        }
    )
    for i, item in enumerate(items):
        data.update(
            {
                f"listings-{i}-id": str(item.pk),
                f"listings-{i}-kind": item.kind,
                f"listings-{i}-text": item.text,
                f"listings-{i}-hs": item.hs,
                f"listings-{i}-quantity": item.quantity or "",
                f"listings-{i}-unit": item.unit,
            }
        )
        for c in item.certifications:
            data.setdefault(f"listings-{i}-certifications", []).append(c)
    data.update(changes)
    return data


def test_it_lets_a_business_edit_its_profile_and_add_an_offer(world, login):
    c = login(world.carol)
    data = business_post(
        world.kopi,
        description="Kopi arabika dari lereng Ijen",
        **{
            "listings-2-kind": "offer",
            "listings-2-text": "Kopi luwak sangrai",
            "listings-2-hs": "090121",
            "listings-2-certifications": ["halal", "pirt"],
        },
    )
    r = c.post(f"/businesses/{world.kopi.pk}/edit/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    world.kopi.refresh_from_db()
    assert world.kopi.description == "Kopi arabika dari lereng Ijen"
    new = Listing.objects.get(text="Kopi luwak sangrai")
    assert new.certifications == ["halal", "pirt"] and new.business == world.kopi
    log = AuditLog.objects.get(action="business.update")
    assert log.actor == world.carol and "description" in log.data["fields"]


def test_it_explains_bad_input_in_indonesian_and_saves_nothing(world, login):
    c = login(world.carol)
    data = business_post(
        world.kopi,
        nib="12ab",
        phone="123",
        **{"listings-2-kind": "offer", "listings-2-text": "Kopi", "listings-2-hs": "9x"},
    )
    r = c.post(f"/businesses/{world.kopi.pk}/edit/", data)
    assert r.status_code == 400
    html = r.content.decode()
    assert "NIB harus terdiri dari 13 angka." in html
    assert "Kode HS terdiri dari 2 sampai 8 angka." in html
    world.kopi.refresh_from_db()
    assert world.kopi.nib == "1234567890123"
    assert not Listing.objects.filter(text="Kopi").exists()


def test_it_speaks_english_when_asked(world, login):
    c = login(world.carol)
    c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    data = business_post(world.kopi, nib="12ab")
    html = c.post(f"/businesses/{world.kopi.pk}/edit/", data).content.decode()
    assert "NIB must be 13 digits." in html
    assert "Directory" in c.get("/directory/").content.decode()


def test_it_filters_mission_participants(world):
    c = Client()
    url = f"/missions/{world.mission.pk}/"
    html = c.get(url, {"side": "host"}).content.decode()
    assert "Pempek Palembang Jaya" in html and "Kopi Ijen Lestari" not in html
    html = c.get(url, {"q": "arabika"}).content.decode()
    assert "Kopi Ijen Lestari" in html and "Pempek Palembang Jaya" not in html


def test_it_searches_the_directory_by_region_and_role(world):
    c = Client()
    html = c.get("/directory/", {"province": "16"}).content.decode()
    assert "Pempek Palembang Jaya" in html and "Kopi Ijen Lestari" not in html
    html = c.get("/directory/", {"commodity": "0901", "role": "offer"}).content.decode()
    assert "Kopi Ijen Lestari" in html and "Pempek Palembang Jaya" not in html


def test_it_keeps_an_organiser_to_their_own_mission(world, login):
    data = {"business": world.pempek.pk, "side": "host", "role": "buyer", "status": "confirmed"}
    r = login(world.mallory).post(
        f"/missions/{world.mission.pk}/participants/{world.p_pempek.pk}/", data
    )
    assert r.status_code == 403
    r = login(world.alice).post(
        f"/missions/{world.mission.pk}/participants/{world.p_pempek.pk}/", data
    )
    assert r.status_code == 302
    assert Participant.objects.get(pk=world.p_pempek.pk).status == "confirmed"


def test_it_refuses_a_business_twice_in_one_mission(world, login):
    data = {"business": world.kopi.pk, "side": "host", "role": "buyer", "status": "invited"}
    r = login(world.alice).post(f"/missions/{world.mission.pk}/participants/new/", data)
    assert r.status_code == 400
    assert "sudah terdaftar di misi ini" in r.content.decode()
    assert world.mission.participants.count() == 2


def test_it_takes_mission_times_in_the_mission_zone(world, login):
    world.alice.program_wide = True
    world.alice.save()
    data = {
        "name": "Misi Jatim – Sulteng",
        "delegation_province": "35",
        "host_province": "72",
        "starts_at": "2027-01-20T08:00",
        "ends_at": "2027-01-20T17:00",
        "timezone": "Asia/Makassar",
        "status": "draft",
    }
    r = login(world.alice).post("/missions/new/", data)
    assert r.status_code == 302, r.content.decode()[:1500]
    m = Mission.objects.get(name="Misi Jatim – Sulteng")
    assert m.starts_at.isoformat() == "2027-01-20T00:00:00+00:00"
    assert m.local_clock(m.starts_at) == "08.00 WITA"
    assert world.alice in m.organisers.all()


def test_it_sends_a_password_reset_link_that_works(world, mailoutbox):
    world.carol.email = "carol@example.id"
    world.carol.save()
    r = Client().post("/accounts/password_reset/", {"email": "carol@example.id"})
    assert r.status_code == 302
    [mail] = mailoutbox
    link = next(line for line in mail.body.splitlines() if "/accounts/reset/" in line)
    path = link.split("testserver", 1)[1]
    c = Client()
    form = c.get(path, follow=True)
    assert "Kata sandi baru" in form.content.decode()
    r = c.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Kopi-Ijen-2026!", "new_password2": "Kopi-Ijen-2026!"},
    )
    assert r.status_code == 302
    world.carol.refresh_from_db()
    assert world.carol.check_password("Kopi-Ijen-2026!")


def test_it_prints_a_token_that_the_api_accepts(world):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("createtoken", "alice", stdout=out)
    token = out.getvalue().strip()
    r = Client().get(
        f"/api/v1/missions/{world.mission.pk}/participants", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert r.status_code == 200
    assert {p["name"] for p in r.json()} == {"CV Kopi Ijen Lestari", "UD Pempek Palembang Jaya"}
    bad = Client().get(
        f"/api/v1/missions/{world.mission.pk}/participants", HTTP_AUTHORIZATION="Bearer nope"
    )
    assert bad.status_code == 401


def test_it_serves_the_api_docs_without_a_cdn(world):
    html = Client().get("/api/v1/docs").content.decode()
    assert "cdn." not in html and "/static/" in html


@pytest.mark.django_db
def test_it_shows_the_program_totals_on_the_home_page():
    from misidagang.missions.demo import history, load_history

    load_history()
    rows = history()
    html = Client().get("/").content.decode()
    total = sum(r["total_idr"] or 0 for r in rows)
    assert f'data-testid="total-missions">{len(rows)}<' in html
    assert f"{total:,}".replace(",", ".") in html
    assert "/reports/program" in html


def test_it_fills_the_mission_edit_form_in_local_time_so_it_saves_unchanged(world, login):
    c = login(world.alice)
    html = c.get(f"/missions/{world.mission.pk}/edit/").content.decode()
    assert 'value="2026-12-10T08:00"' in html and 'value="2026-12-10T18:00"' in html
    data = {
        "name": world.mission.name,
        "delegation_province": "35",
        "host_province": "16",
        "host_regency": "16.71",
        "starts_at": "2026-12-10T08:00",
        "ends_at": "2026-12-10T18:00",
        "timezone": "Asia/Jakarta",
        "status": "registration",
        "venue": "Hotel Wyndham Opi",
    }
    assert c.post(f"/missions/{world.mission.pk}/edit/", data).status_code == 302
    world.mission.refresh_from_db()
    assert world.mission.venue == "Hotel Wyndham Opi"
    assert world.mission.local_clock(world.mission.starts_at) == "08.00 WIB"


def test_it_reads_prices_the_indonesian_way(world, login):
    c = login(world.carol)
    data = business_post(
        world.kopi,
        **{
            "listings-2-kind": "offer",
            "listings-2-text": "Kopi robusta ose",
            "listings-2-price_min_idr": "12.000.000",
            "listings-2-price_max_idr": "Rp 15 jt",
        },
    )
    assert c.post(f"/businesses/{world.kopi.pk}/edit/", data).status_code == 302
    item = Listing.objects.get(text="Kopi robusta ose")
    assert (item.price_min_idr, item.price_max_idr) == (12_000_000, 15_000_000)
    data["listings-2-price_min_idr"] = "1.5.5 M"
    bad = c.post(f"/businesses/{world.kopi.pk}/edit/", data)
    assert bad.status_code == 400 and "Nilai rupiah tidak terbaca" in bad.content.decode()


def test_it_shows_friendly_error_pages(world, login):
    r = login(world.erin).get(f"/missions/{world.mission.pk}/edit/")
    assert r.status_code == 403 and "Direktori" in r.content.decode()
    r = Client().get("/missions/999999/")
    assert r.status_code == 404 and "Direktori" in r.content.decode()
