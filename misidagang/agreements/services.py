"""State changes of the register: the one place the web views, the API and the CLI call."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from misidagang.accounts.models import AuditLog, User
from misidagang.agreements.models import ActionItem, Agreement, AgreementParty
from misidagang.errors import Refused
from misidagang.missions.models import Organisation
from misidagang.values import assign, assign_many


@dataclass
class PartyData:
    organisation: str
    kind: str = ""
    signatory_name: str = ""
    signatory_position: str = ""


@dataclass
class ItemData:
    what: str
    due_on: date
    who: str = ""
    contact_person: str = ""
    status: str = ActionItem.Status.OPEN
    id: int | None = None
    delete: bool = False


class AgreementInputError(Refused):
    """Input the forms could not catch alone (e.g. an unknown responsible organisation)."""

    summary = gettext_lazy("Data perjanjian tidak valid.")


def organisation_for(*, name: str, kind: str = "") -> Organisation | None:
    """The organisation of that name (any case); a new one when a kind is given."""
    name = " ".join(name.split())
    found = Organisation.objects.filter(name__iexact=name).first()
    if found or not kind:
        return found
    return Organisation.objects.create(name=name, kind=kind)


def agreement_save(
    *,
    parties: list[PartyData],
    items: list[ItemData],
    actor: User | None,
    agreement: Agreement | None = None,
    submission_key: uuid.UUID | None = None,
    **values: Any,
) -> Agreement:
    """Create or update an agreement from validated field values, with its parties and action
    items, all or nothing. Submitting the same new-agreement form twice returns the first
    agreement unchanged."""
    creating = agreement is None
    if creating and submission_key:
        existing = Agreement.objects.filter(submission_key=submission_key).first()
        if existing:
            return existing
    try:
        with transaction.atomic():
            return _save(agreement, values, parties, items, actor, submission_key)
    except IntegrityError:
        if creating and submission_key:
            existing = Agreement.objects.filter(submission_key=submission_key).first()
            if existing:  # the same form, submitted twice at once
                return existing
        raise


def _save(
    agreement: Agreement | None,
    values: dict[str, Any],
    parties: list[PartyData],
    items: list[ItemData],
    actor: User | None,
    key: uuid.UUID | None,
) -> Agreement:
    creating = agreement is None
    if agreement is None:
        agreement = Agreement()
    else:
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    changed, many = assign(agreement, values)
    if creating:
        agreement.created_by = actor if actor and actor.is_authenticated else None
        if key:
            agreement.submission_key = key
    agreement.save()
    assign_many(agreement, many)
    orgs: dict[str, Organisation] = {}
    agreement.parties.all().delete()
    for order, party in enumerate(parties):
        org = organisation_for(name=party.organisation, kind=party.kind)
        if org is None:
            raise AgreementInputError(
                {"parties": [_("Lembaga baru: pilih jenisnya.") + f" ({party.organisation})"]}
            )
        orgs[org.name.lower()] = org
        AgreementParty.objects.create(
            agreement=agreement,
            organisation=org,
            order=order,
            signatory_name=party.signatory_name.strip(),
            signatory_position=party.signatory_position.strip(),
        )
    existing = {i.pk: i for i in agreement.items.all()}
    for data in items:
        item = existing.get(data.id) if data.id else None
        if data.id and item is None:
            raise AgreementInputError({"items": [_("Tindak lanjut tidak ditemukan.")]})
        if data.delete:
            if item:
                item.delete()
            continue
        who = " ".join(data.who.split())
        responsible = orgs.get(who.lower()) or (organisation_for(name=who) if who else None)
        if who and responsible is None:
            raise AgreementInputError(
                {
                    "items": [
                        _(
                            "Penanggung jawab tidak dikenal: %(name)s. Tambahkan sebagai pihak "
                            "atau pilih lembaga yang sudah terdaftar."
                        )
                        % {"name": who}
                    ]
                }
            )
        item = item or ActionItem(agreement=agreement)
        item.what, item.due_on, item.responsible = data.what.strip(), data.due_on, responsible
        item.contact_person = data.contact_person.strip()
        _apply_status(item, data.status, today=timezone.localdate())
        item.save()
    AuditLog.record(
        actor=actor,
        action="agreement.create" if creating else "agreement.update",
        obj=agreement,
        fields=changed,
        parties=len(parties),
        items=len([i for i in items if not i.delete]),
    )
    return agreement


def _apply_status(item: ActionItem, status: str, *, today: date) -> None:
    if status not in ActionItem.Status.values:
        raise AgreementInputError({"status": [_("Status tidak dikenal.")]})
    if status == ActionItem.Status.DONE and item.status != ActionItem.Status.DONE:
        item.done_on = today
    elif status != ActionItem.Status.DONE:
        item.done_on = None
    item.status = status


@transaction.atomic
def action_item_set_status(
    *, item: ActionItem, status: str, note: str = "", actor: User | None, today: date | None = None
) -> ActionItem:
    """Move an action item along (open, in progress, done, cancelled). Repeating it is harmless."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    before = item.status
    _apply_status(item, status, today=today or timezone.localdate())
    if note.strip():
        item.note = note.strip()[:300]
    item.save(update_fields=["status", "done_on", "note"])
    if before != item.status or note.strip():
        AuditLog.record(
            actor=actor, action="action_item.status", obj=item, before=before, status=item.status
        )
    return item
