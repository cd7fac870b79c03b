"""Agreements register (MoU, PKS, LoI) and their action items."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema

from misidagang.accounts.types import AuthedRequest
from misidagang.agreements import access, services
from misidagang.agreements.due import due_items
from misidagang.agreements.forms import AgreementForm
from misidagang.agreements.models import ActionItem, Agreement
from misidagang.api.auth import AUTH, caller
from misidagang.api.schemas import ErrorOut

router = Router(tags=["agreements"])


class PartyOut(Schema):
    organisation: str
    kind: str
    signatory_name: str | None
    signatory_position: str


class ItemOut(Schema):
    id: int
    what: str
    responsible: str | None
    contact_person: str | None
    due_on: date
    status: str
    done_on: date | None


class AgreementOut(Schema):
    id: int
    title: str
    kind: str
    number: str
    sectors: list[str]
    signed_on: date
    signed_place: str
    mission_id: int | None
    valid_from: date | None
    valid_until: date | None
    has_document: bool
    parties: list[PartyOut]
    items: list[ItemOut]


class PartyIn(Schema):
    organisation: str
    kind: str = ""
    signatory_name: str = ""
    signatory_position: str = ""


class ItemIn(Schema):
    what: str
    due_on: date
    who: str = ""
    contact_person: str = ""
    status: str = "open"


class AgreementIn(Schema):
    title: str
    kind: str
    number: str = ""
    sectors: str = ""
    summary: str = ""
    signed_on: date
    signed_place: str = ""
    mission_id: int | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    parties: list[PartyIn]
    items: list[ItemIn] = []
    submission_key: uuid.UUID | None = None


class ItemPatch(Schema):
    status: str
    note: str = ""


class DueOut(Schema):
    item: ItemOut
    agreement_id: int
    agreement_title: str
    state: str
    working_days: int


def _item(i: ActionItem, personal: bool) -> dict[str, Any]:
    return {
        "id": i.pk,
        "what": i.what,
        "responsible": i.responsible.name if i.responsible else None,
        "contact_person": i.contact_person if personal else None,
        "due_on": i.due_on,
        "status": i.status,
        "done_on": i.done_on,
    }


def _agreement(a: Agreement, personal: bool) -> dict[str, Any]:
    return {
        "id": a.pk,
        "title": a.title,
        "kind": a.kind,
        "number": a.number,
        "sectors": a.sector_list,
        "signed_on": a.signed_on,
        "signed_place": a.signed_place,
        "mission_id": a.mission_id,
        "valid_from": a.valid_from,
        "valid_until": a.valid_until,
        "has_document": bool(a.document),
        "parties": [
            {
                "organisation": p.organisation.name,
                "kind": p.organisation.kind,
                "signatory_name": p.signatory_name if personal else None,
                "signatory_position": p.signatory_position,
            }
            for p in a.parties.all()
        ],
        "items": [_item(i, personal) for i in a.items.all()],
    }


def _loaded(qs):
    return qs.prefetch_related("parties__organisation", "items__responsible")


@router.get("/agreements", response=list[AgreementOut], summary="The agreements register")
def list_agreements(
    request: HttpRequest, kind: str = "", mission_id: int | None = None, year: int | None = None
):
    """Public. Signatories' names and contact persons only for signed-in staff and parties."""
    user = caller(request)
    qs = _loaded(Agreement.objects.visible_to(user))
    if kind:
        qs = qs.filter(kind=kind)
    if mission_id:
        qs = qs.filter(mission_id=mission_id)
    if year:
        qs = qs.filter(signed_on__year=year)
    personal = access.sees_documents(user)
    return [_agreement(a, personal) for a in qs]


@router.get(
    "/agreements/due",
    response=list[DueOut],
    auth=AUTH,
    summary="Overdue and soon-due action items (working days)",
)
def list_due(request: AuthedRequest, horizon: int = 10):
    if not access.is_organiser(request.user):
        raise PermissionDenied
    rows = due_items(
        user=request.user, today=timezone.localdate(), horizon=max(0, min(horizon, 60))
    )
    return [
        {
            "item": _item(r.item, True),
            "agreement_id": r.item.agreement_id,
            "agreement_title": r.item.agreement.title,
            "state": r.due.state,
            "working_days": r.due.working_days,
        }
        for r in rows
    ]


@router.get("/agreements/{agreement_id}", response={200: AgreementOut, 404: ErrorOut})
def get_agreement(request: HttpRequest, agreement_id: int):
    user = caller(request)
    agreement = access.agreement_for_viewing(user, agreement_id)
    return _agreement(
        _loaded(Agreement.objects.filter(pk=agreement.pk)).get(), access.sees_documents(user)
    )


@router.post(
    "/agreements", response={201: AgreementOut, 200: AgreementOut, 422: ErrorOut}, auth=AUTH
)
def create_agreement(request: AuthedRequest, payload: AgreementIn):
    """Organisers. Send the same `submission_key` again and the first agreement comes back."""
    if not access.can_create_agreement(request.user):
        raise PermissionDenied
    data = payload.dict(exclude={"parties", "items", "mission_id", "submission_key"})
    data["mission"] = payload.mission_id or ""
    form = AgreementForm(
        data, instance=Agreement(), missions=access.missions_for_agreements(request.user)
    )
    if not form.is_valid():
        return 422, {"detail": _("Data perjanjian tidak valid."), "errors": form.errors}
    if len({p.organisation.strip().lower() for p in payload.parties}) < 2:
        return 422, {
            "detail": _("Perjanjian memerlukan paling sedikit dua pihak."),
            "errors": {"parties": [_("Perjanjian memerlukan paling sedikit dua pihak.")]},
        }
    key = payload.submission_key
    existed = key is not None and Agreement.objects.filter(submission_key=key).exists()
    values = dict(form.cleaned_data)
    values.pop("submission_key", None)
    agreement = services.agreement_save(
        **values,
        parties=[services.PartyData(**p.dict()) for p in payload.parties],
        items=[services.ItemData(**i.dict()) for i in payload.items],
        actor=request.user,
        submission_key=payload.submission_key,
    )
    body = _agreement(_loaded(Agreement.objects.filter(pk=agreement.pk)).get(), True)
    return (200 if existed else 201), body


@router.patch(
    "/agreement-items/{item_id}",
    response={200: ItemOut, 422: ErrorOut},
    auth=AUTH,
    summary="Change an action item's status",
)
def patch_item(request: AuthedRequest, item_id: int, payload: ItemPatch):
    item = access.item_for_updating(request.user, item_id)
    if payload.status not in ActionItem.Status.values:
        return 422, {
            "detail": _("Status tidak dikenal."),
            "errors": {"status": [", ".join(ActionItem.Status.values)]},
        }
    item = services.action_item_set_status(
        item=item,
        status=payload.status,
        note=payload.note,
        actor=request.user,
    )
    item.refresh_from_db()
    return _item(ActionItem.objects.select_related("responsible").get(pk=item.pk), True)
