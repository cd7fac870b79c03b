from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from misidagang.accounts.models import AuditLog
from misidagang.agreements.models import ActionItem, Agreement
from misidagang.agreements.services import action_item_set_status
from misidagang.missions.models import Organisation

pytestmark = pytest.mark.django_db


def form_data(world, **changes):
    data = {
        "title": "Kerja sama perdagangan Jatim – Sumsel",
        "kind": "mou",
        "number": "120/1/2026",
        "signed_on": "2026-11-20",
        "signed_place": "Palembang",
        "mission": str(world.mission.pk),
        "sectors": "perdagangan, pangan",
        "valid_from": "2026-11-20",
        "valid_until": "2031-11-20",
        "summary": "",
        "submission_key": "6f1c1d2e-0000-4000-8000-000000000001",
        "parties-TOTAL_FORMS": "3",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "2",
        "parties-MAX_NUM_FORMS": "1000",
        "parties-0-organisation": "Bank Jatim",
        "parties-0-signatory_position": "Direktur Utama",
        "parties-1-organisation": "Pemerintah Provinsi Sumatera Selatan",
        "parties-1-kind": "government",
        "parties-1-signatory_name": "Herman Deru",
        "parties-1-signatory_position": "Gubernur",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-what": "Menyusun daftar komoditas unggulan",
        "items-0-who": "pemerintah provinsi sumatera selatan",
        "items-0-due_on": "2026-12-15",
        "items-0-status": "open",
        "items-1-status": "open",  # a browser sends every select
    }
    data.update(changes)
    return data


def test_it_creates_an_agreement_with_a_new_party_and_items(world, login):
    r = login(world.alice).post("/agreements/new/", form_data(world))
    assert r.status_code == 302, r.content.decode()[:3000]
    agreement = Agreement.objects.get(title__startswith="Kerja sama perdagangan")
    assert [p.organisation.name for p in agreement.parties.all()] == [
        "Bank Jatim",
        "Pemerintah Provinsi Sumatera Selatan",
    ]
    sumsel = Organisation.objects.get(name="Pemerintah Provinsi Sumatera Selatan")
    assert sumsel.kind == "government"
    item = agreement.items.get()
    assert item.responsible == sumsel and item.due_on == date(2026, 12, 15)
    assert agreement.created_by == world.alice and agreement.mission == world.mission
    assert AuditLog.objects.filter(action="agreement.create", actor=world.alice).count() == 1


def test_it_never_doubles_an_agreement_submitted_twice(world, login):
    c = login(world.alice)
    first = c.post("/agreements/new/", form_data(world))
    second = c.post("/agreements/new/", form_data(world))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Agreement.objects.count() == 1 and ActionItem.objects.count() == 1


def test_it_explains_bad_input_and_saves_nothing(world, login):
    c = login(world.alice)
    r = c.post(
        "/agreements/new/",
        form_data(
            world,
            **{"parties-1-kind": "", "valid_until": "2025-01-01", "items-1-what": "Tanpa tenggat"},
        ),
    )
    assert r.status_code == 400
    page = r.content.decode()
    assert "Lembaga baru: pilih jenisnya." in page
    assert "Masa berlaku harus berakhir setelah dimulai." in page
    assert "Kerja sama perdagangan Jatim" in page  # what was typed is kept
    assert (
        Agreement.objects.count() == 0
        and not Organisation.objects.filter(
            name__startswith="Pemerintah Provinsi Sumatera"
        ).exists()
    )


def test_it_refuses_an_unknown_responsible_and_a_single_party(world, login):
    c = login(world.alice)
    r = c.post("/agreements/new/", form_data(world, **{"items-0-who": "Dinas Entah Mana"}))
    assert r.status_code == 400 and "Penanggung jawab tidak dikenal" in r.content.decode()
    r = c.post("/agreements/new/", form_data(world, **{"parties-1-organisation": "bank jatim"}))
    assert r.status_code == 400 and "cukup dicantumkan sekali" in r.content.decode()
    assert Agreement.objects.count() == 0


def test_it_accepts_a_signed_pdf_and_refuses_a_disguised_file(world, settings, tmp_path, login):
    settings.MEDIA_ROOT = tmp_path
    c = login(world.alice)
    fake = SimpleUploadedFile("mou.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    r = c.post("/agreements/new/", {**form_data(world), "document": fake})
    assert r.status_code == 400
    assert "Isi berkas tidak sesuai dengan jenisnya" in r.content.decode()
    pdf = SimpleUploadedFile("mou.pdf", b"%PDF-1.7\n%signed\n", content_type="application/pdf")
    r = c.post("/agreements/new/", {**form_data(world), "document": pdf})
    assert r.status_code == 302
    agreement = Agreement.objects.get()
    got = c.get(f"/agreements/{agreement.pk}/document/")
    assert got.status_code == 200 and b"".join(got.streaming_content).startswith(b"%PDF-")
    assert Client().get(f"/agreements/{agreement.pk}/document/").status_code == 302
    assert login(world.erin).get(f"/agreements/{agreement.pk}/document/").status_code == 403


def test_it_edits_items_keeping_their_status(world, pks, login):
    a = pks.agreement
    data = form_data(
        world,
        title=a.title,
        kind="pks",
        **{
            "parties-0-organisation": "Jamkrida Jatim",
            "parties-1-organisation": "Bank Jatim",
            "parties-1-kind": "",
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "2",
            "items-0-id": str(pks.late.pk),
            "items-0-what": "Daftar UMKM calon debitur (revisi)",
            "items-0-who": "Bank Jatim",
            "items-0-due_on": "2026-11-20",
            "items-0-status": "done",
            "items-1-id": str(pks.later.pk),
            "items-1-what": pks.later.what,
            "items-1-who": "Jamkrida Jatim",
            "items-1-due_on": "2027-01-29",
            "items-1-status": "open",
            "items-1-DELETE": "on",
        },
    )
    r = login(world.alice).post(f"/agreements/{a.pk}/edit/", data)
    assert r.status_code == 302, r.content.decode()[:3000]
    pks.late.refresh_from_db()
    assert pks.late.what.endswith("(revisi)") and pks.late.status == "done"
    assert pks.late.done_on is not None
    assert not ActionItem.objects.filter(pk=pks.later.pk).exists()


def test_it_changes_an_item_status_with_htmx_and_records_who(world, pks, login):
    c = login(world.alice)
    r = c.post(
        f"/agreements/items/{pks.late.pk}/status/",
        {"status": "in_progress"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200 and 'id="item-' in r.content.decode()
    pks.late.refresh_from_db()
    assert pks.late.status == "in_progress"
    log = AuditLog.objects.get(action="action_item.status")
    assert log.actor == world.alice and log.data == {"before": "open", "status": "in_progress"}
    r = c.post(f"/agreements/items/{pks.late.pk}/status/", {"status": "lenyap"})
    assert r.status_code == 302
    pks.late.refresh_from_db()
    assert pks.late.status == "in_progress"


def test_it_lets_the_responsible_bank_update_its_own_item_only(world, pks, login):
    c = login(world.dave)  # dave works at Bank Jatim
    own = c.post(f"/agreements/items/{pks.late.pk}/status/", {"status": "done"})
    other = c.post(f"/agreements/items/{pks.later.pk}/status/", {"status": "done"})
    assert (own.status_code, other.status_code) == (302, 403)
    pks.late.refresh_from_db()
    assert pks.late.status == "done"


def test_it_repeats_a_status_change_harmlessly(world, pks):
    for _ in range(2):
        action_item_set_status(
            item=pks.late, status="done", actor=world.alice, today=date(2026, 11, 25)
        )
    pks.late.refresh_from_db()
    assert pks.late.done_on == date(2026, 11, 25)
    assert AuditLog.objects.filter(action="action_item.status").count() == 1


def test_it_lists_overdue_items_in_working_days_for_the_organiser(world, pks, monkeypatch, login):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 11, 27))
    page = login(world.alice).get("/agreements/due/").content.decode()
    assert "Daftar UMKM calon debitur" in page
    assert "terlambat 5 hari kerja" in page  # 23–27 November 2026
    assert "Sertifikat penjaminan" not in page  # due in two months
    assert "Daftar UMKM" not in login(world.mallory).get("/agreements/due/").content.decode()


def test_it_hides_signatories_and_contacts_from_the_public(world, pks, login):
    url = f"/agreements/{pks.agreement.pk}/"
    public = Client().get(url).content.decode()
    assert "Direktur Utama" in public and "Budi Santoso" not in public and "Pak Hadi" not in public
    assert "Budi Santoso" not in login(world.erin).get(url).content.decode()
    assert "Budi Santoso" in login(world.bob).get(url).content.decode()
    api = Client().get(f"/api/v1/agreements/{pks.agreement.pk}").json()
    assert api["parties"][0]["signatory_name"] is None
    assert api["items"][0]["contact_person"] is None


def test_it_filters_the_register(world, pks):
    c = Client()
    assert "Penjaminan kredit" in c.get("/agreements/?kind=pks").content.decode()
    assert "Penjaminan kredit" not in c.get("/agreements/?kind=mou").content.decode()
    assert "Penjaminan kredit" in c.get("/agreements/?q=jamkrida").content.decode()
    assert "Penjaminan kredit" in c.get("/agreements/?sector=umkm&year=2026").content.decode()
    assert "LoI misi draf" not in c.get("/agreements/").content.decode()


def test_it_creates_through_the_api_once_per_submission_key(world, token_for):
    body = {
        "title": "LoI kopi robusta",
        "kind": "loi",
        "signed_on": "2026-11-21",
        "mission_id": world.mission.pk,
        "submission_key": "0b7e8b4c-1111-4000-8000-000000000002",
        "parties": [
            {"organisation": "Bank Jatim"},
            {"organisation": "Kadin Sumatera Selatan", "kind": "association"},
        ],
        "items": [
            {"what": "Data produksi kopi", "due_on": "2026-12-20", "who": "Kadin Sumatera Selatan"}
        ],
    }
    headers = token_for(world.alice)
    c = Client()
    r1 = c.post("/api/v1/agreements", body, content_type="application/json", **headers)
    r2 = c.post("/api/v1/agreements", body, content_type="application/json", **headers)
    assert (r1.status_code, r2.status_code) == (201, 200)
    assert r1.json()["id"] == r2.json()["id"]
    assert r1.json()["items"][0]["responsible"] == "Kadin Sumatera Selatan"
    bad = c.post(
        "/api/v1/agreements",
        {**body, "kind": "xyz", "submission_key": None},
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 422 and "kind" in bad.json()["errors"]
    assert Agreement.objects.count() == 1


def test_it_loads_the_demo_agreements_once(db):
    from misidagang.agreements.demo import load_demo_agreements

    assert load_demo_agreements(today=date(2026, 11, 27)) == 4
    assert load_demo_agreements(today=date(2026, 11, 27)) == 0
    mou = Agreement.objects.get(kind="mou")
    assert {p.organisation.name for p in mou.parties.all()} == {
        "Pemerintah Provinsi Jawa Timur",
        "Pemerintah Provinsi Sumatera Selatan",
    }
    assert ActionItem.objects.filter(due_on__lt=date(2026, 11, 27), status="open").exists()
