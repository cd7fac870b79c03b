"""Follow-up to realisation: rounds after a mission ask the parties of every open deal what
happened. The one place views, API and CLI call; realisation goes through the deals service."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from django.core import signing
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from misidagang.accounts.models import AuditLog, User
from misidagang.agreements.models import FollowUpAnswer, FollowUpRound
from misidagang.deals.models import Deal
from misidagang.deals.services import deal_realise
from misidagang.errors import Refused
from misidagang.missions.models import Mission

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

DEFAULT_MONTHS = (1, 3, 6)
SALT = "misidagang.followup"
LINK_DAYS = 120
CLOSED = (FollowUpAnswer.Outcome.FULLY, FollowUpAnswer.Outcome.CANCELLED)


class FollowUpError(Refused):
    """A refused follow-up action: `errors` names the fields."""


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def followup_rounds_set(
    *, mission: Mission, months: list[int], actor: User | None
) -> list[FollowUpRound]:
    """Make the mission's rounds exactly `months` after its last day. Rounds that already have
    answers are kept even when left out."""
    months = sorted({m for m in months if 0 < m <= 36})
    if not months:
        raise FollowUpError({"months": [_("Isi paling sedikit satu bulan antara 1 dan 36.")]})
    end = mission.local(mission.ends_at).date()
    for m in months:
        FollowUpRound.objects.update_or_create(
            mission=mission, months_after=m, defaults={"due_on": add_months(end, m)}
        )
    FollowUpRound.objects.filter(mission=mission).exclude(months_after__in=months).filter(
        answers__isnull=True
    ).delete()
    AuditLog.record(actor=actor, action="followup.rounds", obj=mission, months=months)
    return list(mission.followups.all())


def rounds_for(mission: Mission) -> list[FollowUpRound]:
    """The mission's rounds; the default ones are made on first use."""
    rounds = list(mission.followups.all())
    if not rounds:
        rounds = followup_rounds_set(mission=mission, months=list(DEFAULT_MONTHS), actor=None)
    return rounds


def open_deals(mission: Mission) -> Any:
    """Counted deals not yet fully realised and not reported cancelled."""
    closed = FollowUpAnswer.objects.filter(round__mission=mission, outcome__in=CLOSED)
    return (
        Deal.objects.filter(mission=mission)
        .counted()
        .exclude(pk__in=closed.values("deal_id"))
        .exclude(realised_idr__gte=F("value_idr"))
        .select_related("seller", "buyer")
        .order_by("-value_idr", "pk")
    )


@transaction.atomic
def followup_answer(
    *,
    round: FollowUpRound,
    deal: Deal,
    outcome: str,
    realised_total_idr: int | None = None,
    realised_on: date | None = None,
    reason: str = "",
    actor: User | AnonymousUser | None,  # anonymous through a signed link
    via: str,
) -> FollowUpAnswer:
    """Record what happened to a deal. The realised total (so far) goes to the ledger through
    `deal_realise` as the difference with what it already holds: answering twice adds nothing."""
    deal = Deal.objects.select_for_update().get(pk=deal.pk)  # fresh, and one answer at a time
    if deal.mission_id != round.mission_id or not deal.counts:
        raise FollowUpError({"deal": [_("Transaksi ini tidak termasuk tindak lanjut misi ini.")]})
    errors: dict[str, list[str]] = {}
    if outcome not in FollowUpAnswer.Outcome.values:
        errors["outcome"] = [_("Pilih salah satu hasil.")]
    if outcome == FollowUpAnswer.Outcome.CANCELLED and not reason.strip():
        errors["reason"] = [_("Tuliskan alasan pembatalan.")]
    if outcome == FollowUpAnswer.Outcome.FULLY and realised_total_idr is None:
        realised_total_idr = deal.value_idr
    if outcome == FollowUpAnswer.Outcome.PARTLY and not realised_total_idr:
        errors["realised_total_idr"] = [_("Isi nilai yang sudah terealisasi.")]
    if realised_total_idr is not None and realised_total_idr < deal.realised_idr:
        errors["realised_total_idr"] = [
            _("Nilai tidak boleh lebih kecil dari realisasi yang sudah tercatat (%(v)s).")
            % {"v": f"Rp{deal.realised_idr:,}".replace(",", ".")}
        ]
    if errors:
        raise FollowUpError(errors)
    today = timezone.localdate()
    on = realised_on or today
    if on > today:
        raise FollowUpError({"realised_on": [_("Tanggal realisasi tidak boleh di masa depan.")]})
    answer, _created = FollowUpAnswer.objects.update_or_create(
        round=round,
        deal=deal,
        defaults=dict(
            outcome=outcome,
            realised_total_idr=realised_total_idr,
            realised_on=on if realised_total_idr else None,
            reason=reason.strip()[:300],
            via=via,
            answered_by=actor if isinstance(actor, User) else None,
        ),
    )
    delta = (realised_total_idr or 0) - deal.realised_idr
    if delta > 0:
        # deal_realise (deals app) is annotated `actor: User`, but it stores an anonymous or
        # missing actor as no one, as AuditLog.record does.
        deal_realise(deal=deal, actor=actor, amount_idr=delta, on=on)  # type: ignore[arg-type]
    AuditLog.record(
        actor=actor,
        action="followup.answer",
        obj=answer,
        outcome=outcome,
        realised_total_idr=realised_total_idr,
        via=via,
    )
    return answer


@dataclass
class Rate:
    committed_idr: int
    realised_idr: int
    deals: int
    fully: int
    partly: int

    @property
    def by_value(self) -> float | None:
        return self.realised_idr / self.committed_idr if self.committed_idr else None

    @property
    def by_count(self) -> float | None:
        return self.fully / self.deals if self.deals else None


def realisation_rate(mission: Mission) -> Rate:
    agg = (
        Deal.objects.filter(mission=mission)
        .counted()
        .aggregate(
            committed=Sum("value_idr"),
            realised=Sum("realised_idr"),
            n=Count("id"),
            fully=Count("id", filter=Q(realised_idr__gte=F("value_idr"))),
            partly=Count("id", filter=Q(realised_idr__gt=0, realised_idr__lt=F("value_idr"))),
        )
    )
    return Rate(
        int(agg["committed"] or 0), int(agg["realised"] or 0), agg["n"], agg["fully"], agg["partly"]
    )


def answer_token(*, round: FollowUpRound, deal: Deal) -> str:
    return signing.dumps({"r": round.pk, "d": deal.pk}, salt=SALT, compress=True)


def from_token(token: str) -> tuple[FollowUpRound, Deal]:
    """The round and deal a link is for; BadSignature / SignatureExpired when not valid."""
    data = signing.loads(token, salt=SALT, max_age=LINK_DAYS * 86400)
    round = FollowUpRound.objects.select_related("mission").get(pk=data["r"])
    deal = Deal.objects.select_related("seller", "buyer").get(pk=data["d"], mission=round.mission)
    return round, deal


def share_links(*, request: Any, round: FollowUpRound, deal: Deal) -> dict[str, str]:
    url = request.build_absolute_uri(
        reverse("followup_link", args=[answer_token(round=round, deal=deal)])
    )
    text = _("Mohon kabari perkembangan transaksi %(c)s dari %(m)s: %(u)s") % {
        "c": deal.commodity,
        "m": round.mission.name,
        "u": url,
    }
    number = ask_whom(deal, round.mission)
    return {"url": url, "whatsapp": f"https://wa.me/{number}?text=" + quote(text), "to": number}


def ask_whom(deal: Deal, mission: Mission) -> str:
    """The WhatsApp number to ask about a deal: the delegation's business first (the program
    follows its province's trade), else the other party; '' when neither has one on file."""
    parties = [b for b in (deal.seller, deal.buyer) if b is not None]
    parties.sort(key=lambda b: b.province_id != mission.delegation_province_id)
    return next((b.whatsapp for b in parties if b.whatsapp), "")
