"""The whole deal ledger of a mission as one table (every row: stage, direction, parties with
NIB and regency, HS, value, realisation, financing state), for Excel and CSV. Its counted rows
sum to the total the screens announce."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from misidagang.deals.models import Deal, DealQuerySet, FinancingDecision
from misidagang.deals.services import current_decisions
from misidagang.directory.models import Business
from misidagang.exports import Table
from misidagang.missions.models import Mission

DECISIONS = Prefetch("decisions", FinancingDecision.objects.select_related("institution"))


def _status(deal: Deal) -> str:
    if deal.voided_at:
        return _("dibatalkan")
    if deal.confirmed_at:
        return _("dihitung")
    return _("menunggu konfirmasi")


def _party(business: Business | None, name: str) -> list[object]:
    if business is None:
        return [name, "", ""]
    return [business.display_name, business.nib, business.regency.name if business.regency else ""]


def _asks(deal: Deal, wanted: bool, kind: str) -> str:
    """ "diminta" and each institution's current decision, for financing or guarantee."""
    if not wanted:
        return ""
    current, _history = current_decisions(deal)
    decided = [
        f"{d.institution.name}: {d.get_status_display()}"
        + (f" (Rp {d.amount_idr:,})".replace(",", ".") if d.amount_idr else "")
        for d in current
        if d.institution.kind == kind
    ]
    return "; ".join(decided) or _("diminta, belum diputuskan")


def ledger_table(mission: Mission, deals: DealQuerySet | None = None) -> Table:
    deals = deals if deals is not None else Deal.objects.filter(mission=mission)
    rows = []
    for d in (
        deals.select_related("seller__regency", "buyer__regency")
        .prefetch_related(DECISIONS)
        .order_by("recorded_at", "pk")
    ):
        rows.append(
            [
                d.pk,
                mission.local(d.recorded_at).strftime("%Y-%m-%d %H.%M"),
                _status(d),
                d.get_stage_display(),
                d.get_direction_display(),
                *_party(d.seller, d.seller_name),
                *_party(d.buyer, d.buyer_name),
                d.commodity,
                d.hs,
                float(d.quantity) if d.quantity is not None else None,
                d.unit,
                d.value_idr,
                d.realised_idr,
                _asks(d, d.wants_financing, "bank"),
                _asks(d, d.wants_guarantee, "jamkrida"),
                d.get_source_display(),
                d.meeting_ref,
                d.void_reason if d.voided_at else "",
            ]
        )
    headers = [
        _("No."),
        _("Dicatat (%(zone)s)") % {"zone": mission.zone_abbr},
        _("Status"),
        _("Tahap"),
        _("Arah"),
        _("Penjual"),
        _("NIB penjual"),
        _("Kab/kota penjual"),
        _("Pembeli"),
        _("NIB pembeli"),
        _("Kab/kota pembeli"),
        _("Komoditas"),
        _("Kode HS"),
        _("Jumlah"),
        _("Satuan"),
        _("Nilai transaksi (Rp)"),
        _("Realisasi (Rp)"),
        _("Pembiayaan bank"),
        _("Penjaminan Jamkrida"),
        _("Sumber"),
        _("Temu bisnis"),
        _("Alasan pembatalan"),
    ]
    return Table(_("Transaksi"), headers, rows, money=(15, 16))
