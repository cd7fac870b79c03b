"""State changes of the deal ledger: the one place the desk, the business form, the API and the
CLI call. Every change writes a DealVersion and, once committed, announces itself to the live
screens (`deals.broadcast`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from misidagang.accounts.models import AuditLog, User
from misidagang.deals import broadcast
from misidagang.deals.models import (
    Deal,
    DealAttachment,
    DealVersion,
    Direction,
    FinancingDecision,
    Source,
    Stage,
)
from misidagang.deals.parties import near_names, participant_names
from misidagang.directory.models import Business
from misidagang.errors import Refused
from misidagang.missions.access import staffs
from misidagang.missions.models import Mission, Organisation
from misidagang.notify.services import announce

MAX_VALUE_IDR = 10**15  # a thousand trillion Rupiah: anything above is a typing error
EDITABLE = (
    "seller",
    "seller_name",
    "buyer",
    "buyer_name",
    "direction",
    "hs",
    "commodity",
    "quantity",
    "unit",
    "value_idr",
    "stage",
    "meeting_ref",
    "wants_financing",
    "wants_guarantee",
    "notes",
)


class DealError(Refused):
    """Bad input for a deal: `message_dict` names the fields."""

    summary = gettext_lazy("Data transaksi tidak valid.")


def _staffs(actor: User | None, mission: Mission) -> bool:
    return actor is not None and staffs(actor, mission)


def infer_direction(*, mission: Mission, seller: Business | None, buyer: Business | None) -> str:
    """jual when the delegation's province sells, beli when it buys; '' when unknown."""
    home = mission.delegation_province_id
    if (
        seller is not None
        and seller.province_id == home
        and (buyer is None or buyer.province_id != home)
    ):
        return Direction.JUAL
    if (
        buyer is not None
        and buyer.province_id == home
        and (seller is None or seller.province_id != home)
    ):
        return Direction.BELI
    return ""


def _clean(deal: Deal) -> None:
    """The ledger's rules for one deal; raises DealError naming each bad field."""
    errors: dict[str, list[str]] = {}

    def bad(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if deal.seller_id is None and not deal.seller_name.strip():
        bad("seller", _("Isi penjual: peserta misi atau nama mitra di luar daftar."))
    if deal.buyer_id is None and not deal.buyer_name.strip():
        bad("buyer", _("Isi pembeli: peserta misi atau nama mitra di luar daftar."))
    if deal.seller_id is not None and deal.seller_id == deal.buyer_id:
        bad("buyer", _("Penjual dan pembeli tidak boleh sama."))
    if not deal.direction:
        deal.direction = infer_direction(mission=deal.mission, seller=deal.seller, buyer=deal.buyer)
    if deal.direction not in Direction.values:
        bad("direction", _("Pilih arah transaksi: jual, beli atau investasi."))
    if deal.stage not in Stage.values:
        bad("stage", _("Pilih tahap: komitmen, kontrak atau realisasi."))
    if not deal.commodity.strip():
        bad("commodity", _("Isi komoditas."))
    if deal.hs and not (deal.hs.isdigit() and 2 <= len(deal.hs) <= 8):
        bad("hs", _("Kode HS terdiri dari 2 sampai 8 angka."))
    if not isinstance(deal.value_idr, int) or isinstance(deal.value_idr, bool):
        bad("value_idr", _("Nilai harus berupa bilangan bulat Rupiah."))
    elif deal.value_idr <= 0:
        bad("value_idr", _("Nilai transaksi harus lebih dari nol."))
    elif deal.value_idr >= MAX_VALUE_IDR:
        bad("value_idr", _("Nilai terlalu besar; periksa kembali angkanya."))
    if deal.quantity is not None:
        try:
            deal.quantity = Decimal(str(deal.quantity))
            if deal.quantity < 0 or deal.quantity >= Decimal(10**13):
                bad("quantity", _("Jumlah tidak valid."))
        except (InvalidOperation, ValueError):
            bad("quantity", _("Jumlah tidak valid."))
    if errors:
        raise DealError(errors)


def _refuse_near_names(deal: Deal) -> None:
    """A name typed for a party that is close to a participant's is most likely that participant."""
    names: dict[str, Business] | None = None
    errors: dict[str, list[str]] = {}
    for side in ("seller", "buyer"):
        text = getattr(deal, f"{side}_name")
        if getattr(deal, f"{side}_id") is not None or not text:
            continue
        names = names if names is not None else participant_names(deal.mission)
        near = near_names(names, text)
        if near:
            errors[side] = [
                _(
                    "%(name)s bukan peserta misi ini. Maksud Anda %(near)s? Jika memang mitra di "
                    "luar daftar peserta, tandai sebagai mitra luar."
                )
                % {"name": text, "near": _(" atau ").join(b.display_name for b in near)}
            ]
    if errors:
        raise DealError(errors, code="near_names")


def guess_hs(*, commodity: str, seller: Business | None) -> str:
    """An HS code for a commodity typed in words: the seller's matching offer first, then the
    commodity catalogue. '' when nothing fits."""
    words = commodity.lower().split()
    if seller is not None and words:
        for listing in seller.offers.exclude(hs=""):
            if any(w in listing.text.lower() for w in words if len(w) > 2):
                return listing.hs
    try:
        from misidagang.directory import commodities

        hits = commodities.search(commodity, limit=1)
    except Exception:  # the catalogue is a convenience; recording never fails for it
        return ""
    return hits[0][0] if hits else ""


def _version(deal: Deal, *, action: str, actor: User | None, before: dict[str, Any] | None) -> None:
    actor_obj = actor if actor is not None and actor.is_authenticated else None
    version = DealVersion.objects.create(
        deal=deal,
        mission_id=deal.mission_id,
        action=action,
        actor=actor_obj,
        before=before,
        after=deal.snapshot(),
    )
    broadcast.announce(deal.mission_id, version.pk)


def deal_record(
    *,
    mission: Mission,
    actor: User | None,
    source: str,
    commodity: str,
    value_idr: int,
    seller: Business | None = None,
    seller_name: str = "",
    buyer: Business | None = None,
    buyer_name: str = "",
    direction: str = "",
    hs: str = "",
    quantity: Decimal | float | int | str | None = None,
    unit: str = "",
    stage: str = Stage.KOMITMEN,
    meeting_ref: str = "",
    wants_financing: bool = False,
    wants_guarantee: bool = False,
    notes: str = "",
    idempotency_key: str = "",
    outside_party: bool = False,
) -> tuple[Deal, bool]:
    """Record a deal; (deal, created). The same idempotency key at the same mission returns the
    deal it first made, also when two requests race (unique constraint, savepoint).

    A party named by text whose name is near a participant's (a typo at the desk) is refused,
    naming the participants meant, unless `outside_party` says it is indeed outside the mission."""
    key = (idempotency_key or "").strip()[:100]
    if key:
        existing = (
            Deal.objects.filter(mission=mission, idempotency_key=key)
            .select_related("seller", "buyer")
            .first()
        )
        if existing is not None:
            return existing, False
    if source not in Source.values:
        raise ValueError(source)
    deal = Deal(
        mission=mission,
        seller=seller,
        seller_name="" if seller else seller_name.strip(),
        buyer=buyer,
        buyer_name="" if buyer else buyer_name.strip(),
        direction=direction,
        hs=(hs or "").strip(),
        commodity=commodity.strip(),
        quantity=quantity,
        unit=unit.strip(),
        value_idr=value_idr,
        stage=stage,
        meeting_ref=meeting_ref.strip(),
        wants_financing=wants_financing,
        wants_guarantee=wants_guarantee,
        notes=notes.strip(),
        source=source,
        recorded_by=actor if actor and actor.is_authenticated else None,
        recorded_at=timezone.now(),
        idempotency_key=key,
    )
    _clean(deal)
    if not outside_party:
        _refuse_near_names(deal)
    if not deal.hs:
        deal.hs = guess_hs(commodity=deal.commodity, seller=seller)
    if _staffs(actor, mission):
        deal.confirmed_at, deal.confirmed_by = deal.recorded_at, actor
    try:
        with transaction.atomic():
            deal.save()
            _version(deal, action="create", actor=actor, before=None)
            if not deal.is_confirmed:  # reported by a business: the other side confirms
                announce("deal.record", deal, actor)
    except IntegrityError:
        if not key:
            raise
        return Deal.objects.select_related("seller", "buyer").get(
            mission=mission, idempotency_key=key
        ), False
    return deal, True


@transaction.atomic
def deal_update(*, deal: Deal, actor: User | None, **changes: Any) -> Deal:
    """Change some fields of a deal (not of a voided one); keeps a version."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(sorted(unknown))
    deal = Deal.objects.select_for_update().get(pk=deal.pk)
    if deal.is_void:
        raise DealError(_("Transaksi yang dibatalkan tidak dapat diubah."))
    before = deal.snapshot()
    for field, value in changes.items():
        if field in (
            "seller_name",
            "buyer_name",
            "hs",
            "commodity",
            "unit",
            "notes",
            "meeting_ref",
        ) and isinstance(value, str):
            value = value.strip()
        setattr(deal, field, value)
    if "seller" in changes and deal.seller is not None:
        deal.seller_name = ""
    if "buyer" in changes and deal.buyer is not None:
        deal.buyer_name = ""
    _clean(deal)
    if deal.snapshot() == before:
        return deal
    deal.save()
    _version(deal, action="update", actor=actor, before=before)
    return deal


@transaction.atomic
def deal_confirm(*, deal: Deal, actor: User) -> Deal:
    """A reported deal counts once a clerk or the counterpart confirms it. Idempotent."""
    deal = Deal.objects.select_for_update().get(pk=deal.pk)
    if deal.is_void:
        raise DealError(_("Transaksi yang dibatalkan tidak dapat dikonfirmasi."))
    if deal.is_confirmed:
        return deal
    before = deal.snapshot()
    deal.confirmed_at, deal.confirmed_by = timezone.now(), actor
    deal.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    _version(deal, action="confirm", actor=actor, before=before)
    announce("deal.confirm", deal, actor)
    return deal


@transaction.atomic
def deal_void(*, deal: Deal, actor: User, reason: str) -> Deal:
    """Never delete: void with a reason. Voiding twice changes nothing."""
    reason = (reason or "").strip()
    if len(reason) < 3:
        raise DealError({"reason": [_("Tuliskan alasan pembatalan.")]})
    deal = Deal.objects.select_for_update().get(pk=deal.pk)
    if deal.is_void:
        return deal
    before = deal.snapshot()
    deal.voided_at, deal.voided_by, deal.void_reason = timezone.now(), actor, reason[:300]
    deal.save(update_fields=["voided_at", "voided_by", "void_reason", "updated_at"])
    _version(deal, action="void", actor=actor, before=before)
    return deal


@transaction.atomic
def deal_realise(*, deal: Deal, actor: User, amount_idr: int, on: date) -> Deal:
    """Add a realised amount (a delivery paid): partial realisations add up."""
    if not isinstance(amount_idr, int) or amount_idr <= 0:
        raise DealError({"amount_idr": [_("Nilai realisasi harus lebih dari nol.")]})
    deal = Deal.objects.select_for_update().get(pk=deal.pk)
    if deal.is_void:
        raise DealError(_("Transaksi yang dibatalkan tidak dapat direalisasikan."))
    if deal.realised_idr + amount_idr >= MAX_VALUE_IDR:
        raise DealError({"amount_idr": [_("Nilai terlalu besar; periksa kembali angkanya.")]})
    before = deal.snapshot()
    deal.realised_idr += amount_idr
    deal.realised_on = max(on, deal.realised_on) if deal.realised_on else on
    deal.stage = Stage.REALISASI
    deal.save(update_fields=["realised_idr", "realised_on", "stage", "updated_at"])
    _version(deal, action="realise", actor=actor, before=before)
    return deal


@transaction.atomic
def deal_attach(
    *, deal: Deal, actor: User | None, upload: Any, content_type: str
) -> DealAttachment:
    """Keep a photo or PDF of the signed form (checked by the form: type and size)."""
    attachment = DealAttachment(
        deal=deal,
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    AuditLog.record(actor=actor, action="deal.attach", obj=deal, file=attachment.file.name)
    return attachment


def institution_kind_wanted(deal: Deal, institution: Organisation) -> bool:
    return (institution.kind == Organisation.Kind.BANK and deal.wants_financing) or (
        institution.kind == Organisation.Kind.JAMKRIDA and deal.wants_guarantee
    )


UNUSUAL_BELOW_IDR = 1_000_000  # an approval under Rp 1 juta is most likely a typing slip


@transaction.atomic
def financing_decide(
    *,
    deal: Deal,
    actor: User,
    institution: Organisation,
    status: str,
    amount_idr: int | None = None,
    note: str = "",
    confirm_unusual: bool = False,
) -> FinancingDecision:
    """A bank's or Jamkrida's decision on a deal that asks for it.

    A new decision REPLACES the institution's current one: the latest row per institution is
    what counts (the partner queue and the deal page show it), earlier rows stay as history.
    Saving the same status, amount and note again adds nothing. An approved amount must be a
    positive whole Rupiah; above the deal's value or under Rp 1 juta it needs
    `confirm_unusual` (the partner ticks "checked")."""
    if not institution_kind_wanted(deal, institution):
        raise DealError(_("Transaksi ini tidak meminta layanan lembaga Anda."))
    if status not in FinancingDecision.Status.values:
        raise DealError({"status": [_("Pilih keputusan: dalam proses, disetujui atau ditolak.")]})
    deal = Deal.objects.select_for_update().get(pk=deal.pk)  # one decision at a time per deal
    approved = status == FinancingDecision.Status.APPROVED
    if amount_idr is not None and (not isinstance(amount_idr, int) or amount_idr < 0):
        raise DealError({"amount_idr": [_("Nilai tidak boleh negatif.")]})
    if approved and not amount_idr:
        raise DealError({"amount_idr": [_("Isi nilai yang disetujui.")]})
    if approved and amount_idr and amount_idr >= MAX_VALUE_IDR:
        raise DealError({"amount_idr": [_("Nilai terlalu besar; periksa kembali angkanya.")]})
    if approved and amount_idr and not confirm_unusual:
        figures = {
            "amount": f"Rp {amount_idr:,}".replace(",", "."),
            "value": f"Rp {deal.value_idr:,}".replace(",", "."),
        }
        if amount_idr > deal.value_idr:
            raise DealError(
                {
                    "amount_idr": [
                        _(
                            "Nilai disetujui (%(amount)s) melebihi nilai transaksi "
                            "(%(value)s). Periksa angkanya; bila memang benar, centang "
                            "konfirmasi lalu simpan lagi."
                        )
                        % figures
                    ]
                }
            )
        if amount_idr < UNUSUAL_BELOW_IDR:
            raise DealError(
                {
                    "amount_idr": [
                        _(
                            "Nilai disetujui hanya %(amount)s. Periksa angkanya (mis. 500 jt); "
                            "bila memang benar, centang konfirmasi lalu simpan lagi."
                        )
                        % figures
                    ]
                }
            )
    amount = amount_idr if approved else None
    note = (note or "").strip()[:300]
    current = deal.decisions.filter(institution=institution).order_by("-decided_at", "-id")
    latest = current.first()
    if latest is not None and (latest.status, latest.amount_idr, latest.note) == (
        status,
        amount,
        note,
    ):
        return latest  # the same decision saved twice is one decision
    decision = FinancingDecision.objects.create(
        deal=deal,
        institution=institution,
        status=status,
        amount_idr=amount,
        note=note,
        decided_by=actor,
    )
    AuditLog.record(
        actor=actor,
        action="deal.decision",
        obj=deal,
        status=status,
        institution=institution.pk,
        amount_idr=decision.amount_idr,
        replaces=latest.pk if latest is not None else None,
    )
    announce("deal.decision", decision, actor, mission=deal.mission)
    return decision


def current_decisions(deal: Deal) -> tuple[list[FinancingDecision], list[FinancingDecision]]:
    """(the current decision of each institution, the earlier ones: history), newest first.
    Uses prefetched `decisions` when there are."""
    ordered = sorted(deal.decisions.all(), key=lambda d: (d.decided_at, d.pk), reverse=True)
    current: list[FinancingDecision] = []
    history: list[FinancingDecision] = []
    seen: set[int] = set()
    for decision in ordered:
        (history if decision.institution_id in seen else current).append(decision)
        seen.add(decision.institution_id)
    return current, history
