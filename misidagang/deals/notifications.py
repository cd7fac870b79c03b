"""What the deal ledger tells businesses: a deal reported by the other side waits for their
confirmation; a deal confirmed; a bank's or Jamkrida's decision. Registered by
DealsConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from misidagang.deals.models import Deal, FinancingDecision
from misidagang.directory.models import Business
from misidagang.money import rupiah
from misidagang.notify.kinds import Kind, Message, for_business, mission_context, register, to_each


def _deal_context(deal: Deal) -> dict[str, Any]:
    return {
        **mission_context(deal.mission),
        "deal": deal.pk,
        "commodity": deal.commodity,
        "value": rupiah(deal.value_idr),
        "seller": deal.seller_label,
        "buyer": deal.buyer_label,
        "url": deal.get_absolute_url(),
    }


def _parties(deal: Deal, actor: Any) -> list[Business]:
    own = getattr(actor, "business_id", None)
    return [b for b in (deal.seller, deal.buyer) if b is not None and b.pk != own]


def _to_parties(deal: Deal, actor: Any, ctx: dict[str, Any]) -> list[Message]:
    out = []
    for b in _parties(deal, actor):
        other = deal.buyer_label if b.pk == deal.seller_id else deal.seller_label
        out += to_each(for_business(b), {**ctx, "other": other})
    return out


def _recorded(deal: Deal, *, actor: Any = None, **data: Any) -> list[Message]:
    """A business reported a deal: the other business is asked to confirm it."""
    if deal.is_confirmed or deal.is_void:
        return []
    return _to_parties(deal, actor, _deal_context(deal))


def _confirmed(deal: Deal, *, actor: Any = None, **data: Any) -> list[Message]:
    return _to_parties(deal, actor, _deal_context(deal))


def _decided(decision: FinancingDecision, *, actor: Any = None, **data: Any) -> list[Message]:
    deal = decision.deal
    ctx = {
        **_deal_context(deal),
        "institution": decision.institution.name,
        "status": decision.status,
        "amount": rupiah(decision.amount_idr) if decision.amount_idr else "",
        "note": decision.note,
    }
    return _to_parties(deal, None, ctx)


def _wa_deal(ctx: dict[str, Any]) -> list[str]:
    return [ctx["name"], ctx["other"], ctx["commodity"], ctx["value"], ctx["url"]]


def _wa_decision(ctx: dict[str, Any]) -> list[str]:
    from misidagang.deals.models import FinancingDecision as D

    label = str(D.Status(ctx["status"]).label)
    return [
        ctx["name"],
        ctx["institution"],
        label,
        ctx["commodity"],
        ctx["amount"] or "-",
        ctx["url"],
    ]


register(
    Kind(
        name="deal.record",
        label=gettext_lazy("Transaksi menunggu konfirmasi Anda"),
        build=_recorded,
        whatsapp=_wa_deal,
    ),
    Kind(
        name="deal.confirm",
        label=gettext_lazy("Transaksi dikonfirmasi"),
        build=_confirmed,
        whatsapp=_wa_deal,
    ),
    Kind(
        name="deal.decision",
        label=gettext_lazy("Keputusan pembiayaan atau penjaminan"),
        build=_decided,
        whatsapp=_wa_decision,
    ),
)
