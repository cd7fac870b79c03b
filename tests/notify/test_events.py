"""What each event sends, and to whom: the schedule (everyone's own agenda, then only those a
change affects), reminders, absences, deals, follow-up and action items."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from misidagang.deals import services as deals
from misidagang.meetings import services as meetings
from misidagang.meetings.models import Meeting
from misidagang.meetings.notifications import reminders_due
from misidagang.notify import kinds, render
from misidagang.notify.models import Notification
from misidagang.notify.services import announce
from tests.meetings.conftest import NOW, add_business, day  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def emails(kind):
    return sorted(
        Notification.objects.filter(kind=kind, channel="email").values_list("address", flat=True)
    )


@pytest.fixture
def scheduled(world, day):  # noqa: F811
    """Kopi meets Pempek and two more hosts; every business has an e-mail address."""
    world.kopi.email, world.pempek.email = "kopi@example.id", "pempek@example.id"
    world.kopi.save()
    world.pempek.save()
    hosts = [add_business(world, f"Toko Sriwijaya {i}", "host") for i in range(3)]
    for i, h in enumerate(hosts):
        h.business.email = f"toko{i}@example.id"
        h.business.save()
    for other in (world.p_pempek, hosts[0], hosts[1]):
        meetings.request_create(
            mission=world.mission,
            requester=world.p_kopi,
            counterpart=other,
            actor=world.alice,
            accept=True,
            now=NOW,
        )
    run = meetings.schedule_preview(mission=world.mission, actor=world.alice, now=NOW)
    meetings.schedule_publish(run=run, actor=world.alice)
    world.hosts = hosts
    return world


def test_publishing_sends_each_participant_their_own_agenda_with_an_ics(scheduled):
    w = scheduled
    assert emails("schedule.publish") == sorted(
        ["kopi@example.id", "pempek@example.id", "toko0@example.id", "toko1@example.id"]
    )
    assert Notification.objects.filter(kind="schedule.publish", user=w.carol).exists()  # in-app
    row = Notification.objects.get(kind="schedule.publish", address="pempek@example.id")
    assert [a["other"] for a in row.context["agenda"]] == ["CV Kopi Ijen Lestari"]
    text = render.write(row).text
    m = Meeting.objects.get(request__counterpart=w.p_pempek)
    assert (
        f"{m.starts_at.astimezone(WIB):%H.%M} WIB · {m.table.name} · CV Kopi Ijen Lestari" in text
    )
    [(name, ics, mimetype)] = kinds.get("schedule.publish").attachments(row.context)
    assert name == "agenda.ics" and mimetype == "text/calendar"
    assert ics.count("BEGIN:VEVENT") == 1 and "TZID=Asia/Jakarta" in ics


def test_a_change_notifies_only_the_participants_it_affects_saying_what_moved(scheduled):
    w = scheduled
    before = {m.request_id: (m.starts_at, m.table_id) for m in Meeting.objects.live()}
    meetings.request_create(
        mission=w.mission,
        requester=w.p_pempek,
        counterpart=w.hosts[2],
        actor=w.alice,
        accept=True,
        now=NOW,
    )
    run = meetings.schedule_preview(mission=w.mission, actor=w.alice, now=NOW)
    meetings.schedule_publish(run=run, actor=w.alice)
    after = {m.request_id: (m.starts_at, m.table_id) for m in Meeting.objects.live()}
    changed = {rid for rid in set(before) | set(after) if before.get(rid) != after.get(rid)}
    affected = set()
    for m in Meeting.objects.filter(request_id__in=changed).select_related(
        "request__requester__business", "request__counterpart__business"
    ):
        affected |= {m.request.requester.business.email, m.request.counterpart.business.email}
    assert "toko2@example.id" in affected
    assert emails("schedule.change") == sorted(affected)
    assert len(affected) < 5  # not everyone
    row = Notification.objects.get(kind="schedule.change", address="toko2@example.id")
    [change] = row.context["changes"]
    assert change["what"] == "added" and change["other"] == "UD Pempek Palembang Jaya"
    assert "temu baru" in render.write(row).text


def test_reminders_go_the_day_before_and_15_minutes_before_once(scheduled):
    m = Meeting.objects.filter(request__counterpart=scheduled.p_pempek).get()
    day_before = m.starts_at - timedelta(hours=20)
    first = reminders_due(now=day_before)
    assert first > 0 and reminders_due(now=day_before) == 0
    assert "pempek@example.id" in emails("meeting.reminder_day")
    reminders_due(now=m.starts_at - timedelta(minutes=10))
    row = Notification.objects.get(kind="meeting.reminder_soon", address="pempek@example.id")
    subject = render.write(row).subject
    assert subject.startswith("15 menit lagi: CV Kopi Ijen Lestari di " + m.table.name)


def test_marking_a_meeting_absent_tells_both_businesses(scheduled):
    m = Meeting.objects.filter(request__counterpart=scheduled.p_pempek).get()
    meetings.meeting_mark(
        meeting=m, status="absent", actor=scheduled.bob, now=m.starts_at + timedelta(minutes=5)
    )
    assert emails("meeting.absent") == ["kopi@example.id", "pempek@example.id"]


def test_answers_to_a_request_go_to_the_requester(world):
    world.kopi.email = "kopi@example.id"
    world.kopi.save()
    req = meetings.request_create(
        mission=world.mission, requester=world.p_kopi, counterpart=world.p_pempek, actor=world.carol
    )
    meetings.request_respond(request=req, accept=True, actor=world.bob)
    assert emails("meeting_request.accept") == ["kopi@example.id"]
    meetings.request_cancel(request=req, actor=world.bob)
    assert emails("meeting_request.cancel") == ["kopi@example.id"]
    req2 = meetings.request_create(
        mission=world.mission,
        requester=world.p_kopi,
        counterpart=world.p_pempek,
        actor=world.carol,
        now=datetime(2026, 11, 1, tzinfo=WIB),
    )
    meetings.requests_expire(now=datetime(2026, 11, 3, tzinfo=WIB))
    req2.refresh_from_db()
    assert req2.status == "expired"
    assert emails("meeting_request.expire") == ["kopi@example.id"]


def test_deals_ask_the_other_business_to_confirm_then_tell_of_the_confirmation(world):
    world.pempek.email = "pempek@example.id"
    world.pempek.save()
    deal, _ = deals.deal_record(
        mission=world.mission,
        actor=world.carol,
        source="business",
        commodity="Kopi arabika",
        value_idr=150_000_000,
        seller=world.kopi,
        buyer=world.pempek,
        wants_financing=True,
    )
    assert emails("deal.record") == ["pempek@example.id"]
    row = Notification.objects.get(kind="deal.record")
    assert "Rp\xa0150.000.000" in render.write(row).text
    deals.deal_confirm(deal=deal, actor=world.bob)
    assert emails("deal.confirm") == ["pempek@example.id", "siti@example.id"]
    assert Notification.objects.filter(kind="deal.confirm", user=world.carol).exists()
    deals.financing_decide(
        deal=deal,
        actor=world.dave,
        institution=world.bank,
        status="approved",
        amount_idr=100_000_000,
    )
    row = Notification.objects.get(kind="deal.decision", address="pempek@example.id")
    assert render.write(row).subject == "Bank Jatim menyetujui permohonan Anda"


def test_followup_rounds_and_action_items_tell_their_people_once(world):
    from misidagang.agreements.models import ActionItem, Agreement, FollowUpRound
    from misidagang.agreements.notifications import action_items_due, followups_due

    world.pempek.email = "pempek@example.id"
    world.pempek.save()
    deals.deal_record(
        mission=world.mission,
        actor=world.bob,
        source="desk",
        commodity="Kopi arabika",
        value_idr=150_000_000,
        seller=world.kopi,
        buyer=world.pempek,
    )
    FollowUpRound.objects.create(mission=world.mission, months_after=1, due_on=date(2027, 1, 10))
    at = datetime(2027, 1, 11, 9, tzinfo=WIB)
    assert followups_due(now=at) > 0 and followups_due(now=at) == 0
    row = Notification.objects.get(kind="followup.open", address="pempek@example.id")
    assert "/followup/" in render.write(row).text
    assert not Notification.objects.filter(kind="followup.remind").exists()
    followups_due(now=at + timedelta(days=7))
    assert emails("followup.remind") == ["pempek@example.id", "siti@example.id"]

    world.dave.email = "dave@bank.example.id"
    world.dave.save()
    agreement = Agreement.objects.create(title="MoU kopi", kind="mou", signed_on=date(2026, 12, 10))
    ActionItem.objects.create(
        agreement=agreement, what="Pelatihan", responsible=world.bank, due_on=date(2027, 1, 12)
    )
    assert action_items_due(now=at) == 2  # in-app and e-mail to dave, the bank's user
    assert action_items_due(now=at) == 0
    action_items_due(now=at + timedelta(days=2))
    assert emails("action_item.overdue") == ["dave@bank.example.id"]


def test_an_invitation_can_be_announced_for_onboarding(world):
    world.erin.email = "erin@example.id"
    world.erin.save()
    announce("invitation", world.erin, world.alice, url="/accounts/reset/x/", mission=world.mission)
    row = Notification.objects.get(kind="invitation", channel="email")
    assert "Nama pengguna Anda: erin" in render.write(row).text
