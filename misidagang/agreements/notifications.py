"""What follow-up and the agreements register tell people: a follow-up round opened (with the
answer link) and a reminder when it stays unanswered; an action item due or overdue, to its
owner. Registered by AgreementsConfig.ready(); `followups_due(now)` and
`action_items_due(now)` are for a periodic task."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from misidagang.accounts.models import User
from misidagang.agreements import followup
from misidagang.agreements.models import ActionItem, FollowUpAnswer, FollowUpRound
from misidagang.deals.models import Deal
from misidagang.money import rupiah
from misidagang.notify.kinds import (
    Kind,
    Message,
    for_business,
    for_user,
    mission_context,
    register,
    to_each,
)
from misidagang.notify.services import announce

REMIND_AFTER = timedelta(days=7)  # an unanswered round is asked again a week after it opened
DUE_SOON_DAYS = 3


def _round_messages(round: FollowUpRound, *, actor: Any = None, deal: Deal, **data: Any):
    ctx = {
        **mission_context(round.mission),
        "months": round.months_after,
        "commodity": deal.commodity,
        "value": rupiah(deal.value_idr),
        "seller": deal.seller_label,
        "buyer": deal.buyer_label,
        "url": reverse("followup_link", args=[followup.answer_token(round=round, deal=deal)]),
    }
    out: list[Message] = []
    for b in (deal.seller, deal.buyer):
        if b is not None:
            out += to_each(for_business(b), ctx)
    return out


def _round_event(name: str):
    return lambda round, data: f"{name}:{round.pk}:{data['deal'].pk}"


def _wa_round(ctx: dict[str, Any]) -> list[str]:
    return [ctx["name"], ctx["mission_name"], ctx["commodity"], ctx["url"]]


def _owners(item: ActionItem) -> list[User]:
    users: list[User] = []
    if item.responsible_id:
        users = list(User.objects.filter(organisation_id=item.responsible_id, is_active=True))
    if not users and item.agreement.created_by is not None:
        users = [item.agreement.created_by]
    return users


def _item_messages(item: ActionItem, *, actor: Any = None, today: date | None = None, **data):
    ctx = {
        "agreement": item.agreement.title,
        "what": item.what,
        "due_on": item.due_on.isoformat(),
        "url": reverse("agreement", args=[item.agreement_id]),
    }
    if item.agreement.mission_id:
        ctx.update(mission_context(item.agreement.mission))
    out = []
    for u in _owners(item):
        r = for_user(u)
        out.append(Message(r, {**ctx, "name": r.name}))
    return out


def _item_event(name: str):
    return lambda item, data: f"{name}:{item.pk}:{item.due_on:%Y%m%d}"


def _wa_item(ctx: dict[str, Any]) -> list[str]:
    return [ctx["name"], ctx["what"], ctx["agreement"], ctx["due_on"], ctx["url"]]


register(
    Kind(
        name="followup.open",
        label=gettext_lazy("Tindak lanjut transaksi dibuka"),
        build=_round_messages,
        whatsapp=_wa_round,
        event=_round_event("followup.open"),
    ),
    Kind(
        name="followup.remind",
        label=gettext_lazy("Pengingat tindak lanjut belum dijawab"),
        build=_round_messages,
        whatsapp=_wa_round,
        event=_round_event("followup.remind"),
    ),
    Kind(
        name="action_item.due",
        label=gettext_lazy("Tindak lanjut perjanjian mendekati tenggat"),
        build=_item_messages,
        whatsapp=_wa_item,
        event=_item_event("action_item.due"),
    ),
    Kind(
        name="action_item.overdue",
        label=gettext_lazy("Tindak lanjut perjanjian lewat tenggat"),
        build=_item_messages,
        whatsapp=_wa_item,
        event=_item_event("action_item.overdue"),
    ),
)


def followups_due(now: datetime | None = None) -> int:
    """Open rounds (their date reached, their links still valid) ask the parties of every open
    deal; a week later, deals still without an answer are asked again. Idempotent."""
    today = timezone.localdate(now or timezone.now())
    oldest = today - timedelta(days=followup.LINK_DAYS)
    written = 0
    rounds = FollowUpRound.objects.filter(due_on__lte=today, due_on__gt=oldest).select_related(
        "mission"
    )
    for round in rounds:
        written += round_ask_all(round, None, remind=today >= round.due_on + REMIND_AFTER)
    return written


def round_ask_all(round: FollowUpRound, actor: Any, *, remind: bool = False) -> int:
    """Ask the parties of every open deal of the round that has no answer yet, by each one's
    channels (WhatsApp where it is configured and agreed, e-mail, a ready wa.me link in the
    log otherwise). Asking twice sends nothing new. Returns the outbox rows written."""
    answered = set(FollowUpAnswer.objects.filter(round=round).values_list("deal_id", flat=True))
    written = 0
    for deal in followup.open_deals(round.mission):
        if deal.pk in answered:
            continue
        with transaction.atomic():
            written += announce("followup.open", round, actor, deal=deal, mission=round.mission)
            if remind:
                written += announce(
                    "followup.remind", round, actor, deal=deal, mission=round.mission
                )
    return written


def action_items_due(now: datetime | None = None) -> int:
    """Open action items due within three days, or past their date: their owners are told,
    once per item and due date. Idempotent."""
    today = timezone.localdate(now or timezone.now())
    written = 0
    items = ActionItem.objects.filter(
        status__in=ActionItem.OPEN_STATUSES, due_on__lte=today + timedelta(days=DUE_SOON_DAYS)
    ).select_related("agreement__mission", "agreement__created_by")
    for item in items:
        kind = "action_item.overdue" if item.due_on < today else "action_item.due"
        with transaction.atomic():
            written += announce(kind, item, None, mission=item.agreement.mission)
    return written
