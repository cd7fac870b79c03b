from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from misidagang.agreements import followup
from misidagang.agreements.models import FollowUpAnswer, FollowUpRound
from misidagang.deals.models import Deal
from misidagang.deals.services import deal_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def deals(world):
    def record(commodity: str, value: int) -> Deal:
        return deal_record(
            mission=world.mission,
            actor=world.bob,
            source="desk",
            seller=world.kopi,
            buyer=world.pempek,
            commodity=commodity,
            value_idr=value,
        )[0]

    return type(
        "Deals",
        (),
        dict(
            kopi=record("kopi arabika", 1_000_000_000), pouch=record("standing pouch", 200_000_000)
        ),
    )


def test_it_makes_default_rounds_after_the_mission_and_lets_organisers_change_them(
    world, deals, login
):
    rounds = followup.rounds_for(world.mission)
    assert [(r.months_after, r.due_on) for r in rounds] == [
        (1, date(2027, 1, 10)),
        (3, date(2027, 3, 10)),
        (6, date(2027, 6, 10)),
    ]
    r = login(world.alice).post(
        f"/missions/{world.mission.pk}/followup/rounds/", {"months": "2, 12"}
    )
    assert r.status_code == 302
    assert list(
        FollowUpRound.objects.filter(mission=world.mission).values_list("months_after", flat=True)
    ) == [2, 12]
    assert (
        login(world.bob)
        .post(f"/missions/{world.mission.pk}/followup/rounds/", {"months": "1"})
        .status_code
        == 403
    )


def test_it_realises_through_the_ledger_and_never_twice(world, deals):
    round = followup.rounds_for(world.mission)[0]
    today = timezone.localdate()
    for _ in range(2):
        followup.followup_answer(
            round=round,
            deal=deals.kopi,
            outcome="partly",
            realised_total_idr=400_000_000,
            realised_on=today,
            actor=world.bob,
            via="clerk",
        )
    deals.kopi.refresh_from_db()
    assert deals.kopi.realised_idr == 400_000_000 and deals.kopi.stage == "realisasi"
    assert deals.kopi.versions.filter(action="realise").count() == 1
    assert FollowUpAnswer.objects.count() == 1
    rate = followup.realisation_rate(world.mission)
    assert (rate.realised_idr, rate.committed_idr, rate.fully, rate.partly) == (
        400_000_000,
        1_200_000_000,
        0,
        1,
    )
    assert rate.by_value == pytest.approx(1 / 3)


def test_it_refuses_a_cancellation_without_reason_and_a_shrinking_total(world, deals):
    round = followup.rounds_for(world.mission)[0]
    with pytest.raises(followup.FollowUpError) as err:
        followup.followup_answer(
            round=round, deal=deals.kopi, outcome="cancelled", actor=world.bob, via="clerk"
        )
    assert "reason" in err.value.errors
    followup.followup_answer(
        round=round,
        deal=deals.kopi,
        outcome="partly",
        realised_total_idr=500_000_000,
        actor=world.bob,
        via="clerk",
    )
    with pytest.raises(followup.FollowUpError) as err:
        followup.followup_answer(
            round=round,
            deal=deals.kopi,
            outcome="partly",
            realised_total_idr=100_000_000,
            actor=world.bob,
            via="clerk",
        )
    assert "realised_total_idr" in err.value.errors


def test_it_lets_a_business_answer_through_a_signed_link_shared_by_whatsapp(world, deals, login):
    page = login(world.bob).get(f"/missions/{world.mission.pk}/followup/").content.decode()
    assert f"https://wa.me/{world.kopi.whatsapp}?text=" in page and "standing pouch" in page
    assert world.kopi.whatsapp  # the number on file goes into the link
    token = followup.answer_token(round=followup.rounds_for(world.mission)[0], deal=deals.pouch)
    url = f"/followup/{token}/"
    anon = Client()
    assert anon.get(url).status_code == 200
    r = anon.post(url, {"outcome": "fully", "realised_on": timezone.localdate().isoformat()})
    assert r.status_code == 302
    deals.pouch.refresh_from_db()
    assert deals.pouch.realised_idr == 200_000_000
    answer = FollowUpAnswer.objects.get(deal=deals.pouch)
    assert answer.via == "link" and answer.answered_by is None
    page = login(world.bob).get(f"/missions/{world.mission.pk}/followup/").content.decode()
    assert "standing pouch" not in page  # fully realised: no longer open
    assert anon.get(url[:-5] + "xxxx/").status_code == 404


def test_it_explains_a_bad_answer_and_keeps_the_deal_untouched(world, deals):
    token = followup.answer_token(round=followup.rounds_for(world.mission)[0], deal=deals.kopi)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    r = Client().post(
        f"/followup/{token}/",
        {"outcome": "partly", "realised_total_idr": "5000", "realised_on": future},
    )
    assert r.status_code == 400
    assert "Tanggal realisasi tidak boleh di masa depan." in r.content.decode()
    deals.kopi.refresh_from_db()
    assert deals.kopi.realised_idr == 0


def test_it_guards_follow_up_pages_for_every_role(world, deals, login):
    round = followup.rounds_for(world.mission)[0]
    m = world.mission.pk
    pages = {
        f"/missions/{m}/followup/": {
            "anon": 302,
            "alice": 200,
            "bob": 200,
            "carol": 403,
            "dave": 403,
            "erin": 200,  # a viewer reads the realisation board, without answer links
            "mallory": 403,
        },
        f"/missions/{m}/followup/{round.pk}/deals/{deals.kopi.pk}/": {
            "anon": 302,
            "alice": 200,
            "bob": 200,
            "carol": 403,
            "dave": 403,
            "erin": 403,
            "mallory": 403,
        },
        f"/missions/{world.other.pk}/followup/": {
            "anon": 302,
            "alice": 404,
            "bob": 404,
            "carol": 404,
            "dave": 404,
            "erin": 404,
            "mallory": 200,
        },
    }
    failures = []
    for url, expected in pages.items():
        for who, status in expected.items():
            c = Client() if who == "anon" else login(world.users[who])
            got = c.get(url).status_code
            if got != status:
                failures.append(f"{who} {url}: {got} != {status}")
    token = followup.answer_token(round=round, deal=deals.kopi)
    for who in world.users:
        assert login(world.users[who]).get(f"/followup/{token}/").status_code == 200
    assert failures == []
    assert re.search(r"Tautan tidak berlaku", Client().get("/followup/rusak/").content.decode())


def test_it_shows_a_viewer_the_realisation_board_without_answer_links(world, deals, login):
    page = login(world.erin).get(f"/missions/{world.mission.pk}/followup/").content.decode()
    assert "standing pouch" in page  # the open deals and the rate
    assert "https://wa.me/" not in page and "/followup/" not in page.split("open-deals")[1]


def test_it_asks_every_open_deal_at_once_and_never_twice(world, deals, login):
    from misidagang.notify.models import Notification

    round = followup.rounds_for(world.mission)[0]
    url = f"/missions/{world.mission.pk}/followup/{round.pk}/ask-all/"
    assert login(world.erin).post(url).status_code == 403  # viewers read, they do not send
    r = login(world.bob).post(url)
    assert r.status_code == 302
    asked = Notification.objects.filter(kind="followup.open")
    assert asked.exists()
    open_deals = followup.open_deals(world.mission).count()
    assert asked.values("event").distinct().count() == open_deals  # one event per open deal
    count = asked.count()
    login(world.bob).post(url)
    assert Notification.objects.filter(kind="followup.open").count() == count
