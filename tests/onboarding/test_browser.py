"""The issue's "done when", on a phone, in the demo: an organiser imports a messy delegation
sheet, sees the bad rows, fixes them, imports, invites; an invitee follows the link, sets a
password, completes its needs and sees recommendations; a business registers itself and is
approved; the owner adds a colleague."""

from __future__ import annotations

import pytest
from django.core import mail

from misidagang.directory.models import Business
from misidagang.missions.demo import DEMO_MISSION, load_demo
from misidagang.missions.models import Mission
from tests.browsing import shot
from tests.onboarding import sheets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sign_in(page, base, username, password):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_onboarding_from_the_sheet_to_a_business_on_its_own_login(live_server, browser):
    demo = load_demo()
    mission = Mission.objects.get(name=DEMO_MISSION, is_historical=False)
    base = live_server.url
    phone = dict(viewport={"width": 390, "height": 844}, locale="id-ID")
    organiser = browser.new_context(**phone).new_page()
    sign_in(organiser, base, "organiser", demo.passwords["organiser"])

    # The messy sheet: two bad rows are reported by their Excel row numbers; nothing written.
    organiser.goto(f"{base}/missions/{mission.pk}/")
    organiser.click("[data-testid=onboarding-link]")
    organiser.click("[data-testid=to-import]")
    organiser.set_input_files(
        "#id_file", files=[{"name": "delegasi.xlsx", "mimeType": XLSX, "buffer": sheets.xlsx()}]
    )
    organiser.click("[data-testid=upload]")
    errors = organiser.locator("[data-testid=import-errors]")
    assert "Baris 10, kolom NIB" in errors.inner_text()
    assert "Baris 11, kolom Nama usaha" in errors.inner_text()
    assert organiser.locator("[data-testid=commit]").count() == 0
    shot(organiser, "onboarding-import-preview-errors")
    with organiser.expect_download() as download:
        organiser.click("[data-testid=download-messages]")
    assert download.value.suggested_filename == "delegasi-periksa.xlsx"

    # Fixed and uploaded again: all good, imported.
    organiser.goto(f"{base}/missions/{mission.pk}/onboarding/import/")
    organiser.set_input_files(
        "#id_file",
        files=[{"name": "delegasi.xlsx", "mimeType": XLSX, "buffer": sheets.xlsx(good=True)}],
    )
    organiser.click("[data-testid=upload]")
    assert organiser.locator("[data-testid=count-created]").inner_text() == "5"
    shot(organiser, "onboarding-import-preview")
    organiser.click("[data-testid=commit]")
    organiser.wait_for_url(f"{base}/missions/{mission.pk}/onboarding/")
    assert "Impor selesai: 5 baru" in organiser.content()

    # Invite the new businesses: e-mail sent, wa.me message ready.
    organiser.click("[data-testid=state-filter] >> text=Belum diundang")
    sambal = Business.objects.get(nib="3578010000002")
    organiser.check(f"tr[data-business='{sambal.pk}'] input[type=checkbox]")
    shot(organiser, "onboarding-participants")
    organiser.click("[data-testid=invite-selected]")
    assert organiser.locator("[data-testid=wa]").count() == 1
    url = organiser.locator("[data-testid=invite-url]").input_value()
    assert mail.outbox[-1].to == ["rudy@example.id"] and url in mail.outbox[-1].body
    shot(organiser, "onboarding-invitations-sent")

    # The invitee on a phone: sets a password, lands on the profile, adds a need.
    invitee = browser.new_context(**phone).new_page()
    invitee.goto(url)
    shot(invitee, "onboarding-invitation")
    invitee.fill("#id_username", "rudy")
    invitee.fill("#id_password1", "sambal-bu-rudy-26")
    invitee.fill("#id_password2", "sambal-bu-rudy-26")
    invitee.click("[data-testid=accept]")
    invitee.wait_for_url(f"{base}/businesses/{sambal.pk}/edit/")
    assert "Selamat datang" in invitee.content()
    extra = sambal.listings.count()
    invitee.select_option(f"#id_listings-{extra}-kind", "need")
    invitee.fill(f"#id_listings-{extra}-text", "Kopi robusta Semendo")
    invitee.fill(f"#id_listings-{extra}-hs", "0901")
    shot(invitee, "onboarding-profile")
    invitee.click("form button.btn[type=submit]")
    invitee.wait_for_url(f"{base}/businesses/{sambal.pk}/")
    invitee.click("[data-testid=recommendations-link]")
    assert "Rekomendasi" in invitee.content()
    assert "Kopi robusta Semendo" in invitee.content()  # its new need gets partners
    shot(invitee, "onboarding-recommendations")
    assert sambal.needs.filter(text="Kopi robusta Semendo").exists()

    # The owner adds a colleague.
    invitee.goto(f"{base}/businesses/{sambal.pk}/")
    invitee.click("[data-testid=team-link]")
    invitee.fill("#id_name", "Ani")
    invitee.fill("#id_email", "ani@example.id")
    invitee.click("[data-testid=invite-colleague]")
    assert "ani@example.id" in invitee.locator("[data-testid=people]").inner_text()
    shot(invitee, "onboarding-team")

    # Self-registration: opened, a business registers on its phone, the organiser approves.
    organiser.goto(f"{base}/missions/{mission.pk}/onboarding/registrations/")
    organiser.click("[data-testid=page-save]")
    public = organiser.locator("[data-testid=public-url]").inner_text()
    visitor = browser.new_context(**phone).new_page()
    visitor.goto(public)
    visitor.fill("#id_name", "Tenun Ikat Kediri")
    visitor.select_option("#id_legal_form", "UD")
    visitor.fill("#id_nib", "3571010000009")
    visitor.select_option("#id_scale", "kecil")
    visitor.select_option("#id_regency", "35.71")
    visitor.fill("#id_contact_person", "Dewi")
    visitor.fill("#id_phone", "0812 7777 8888")
    visitor.fill("#id_email", "dewi@example.id")
    visitor.fill("#id_offers", "Kain tenun ikat")
    visitor.check("#id_consent")
    shot(visitor, "onboarding-register")
    visitor.click("[data-testid=register]")
    assert "menunggu persetujuan" in visitor.locator("[data-testid=registered]").inner_text()
    organiser.reload()
    organiser.click("[data-testid=approve]")
    assert organiser.locator("[data-testid=invite-url]").count() == 1
    assert mission.participants.filter(business__nib="3571010000009").exists()
