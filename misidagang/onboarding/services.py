"""State changes of onboarding: invitations, registrations, colleagues, participants from
earlier missions. Views, API and CLI call these.

Sending goes through one function, `invitation_send`: when the notification outbox lands, it
is the one place to route an invitation through it (today: Django's `send_mail`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from misidagang.accounts.models import AuditLog, Role, User
from misidagang.directory.models import Business, LegalForm, Listing, Scale
from misidagang.directory.models import name_key as business_name_key
from misidagang.directory.services import business_save
from misidagang.errors import Refused
from misidagang.missions.models import Mission, Participant
from misidagang.missions.services import participant_save
from misidagang.onboarding.models import Invitation, MeetingAttendee, Registration, digest
from misidagang.onboarding.sheet import listings as split_listings


class InvitationError(Refused):
    """An invitation that cannot be made, used or changed."""


class RegistrationError(Refused):
    """A registration that cannot be decided as asked."""


class TeamError(Refused):
    """A change to a business's people that is not allowed."""


# --- invitations ----------------------------------------------------------------------------


def invitation_url(raw: str, base_url: str | None = None) -> str:
    return (base_url or settings.SITE_URL).rstrip("/") + reverse("invitation", args=[raw])


def invitation_whatsapp(invitation: Invitation, url: str) -> str:
    """A ready wa.me link with the message, for the organiser to send by WhatsApp ('' when
    the business has no WhatsApp number)."""
    number = invitation.business.whatsapp
    if not number or invitation.kind == Invitation.Kind.STAFF:
        return ""
    text = _(
        "Yth. %(name)s, %(business)s diundang ke %(mission)s di misidagang. Buat kata sandi dan "
        "lengkapi produk serta kebutuhan usaha Anda lewat tautan pribadi ini (berlaku sampai "
        "%(until)s): %(url)s"
    ) % {
        "name": invitation.name or invitation.business.contact_person or _("Bapak/Ibu"),
        "business": invitation.business.display_name,
        "mission": invitation.mission.name if invitation.mission else _("Misi Dagang"),
        "until": timezone.localtime(invitation.expires_at).strftime("%d-%m-%Y"),
        "url": url,
    }
    return f"https://wa.me/{number}?text={quote(text)}"


def invitation_create(
    *,
    actor: User | None,
    business: Business,
    mission: Mission | None = None,
    kind: str = Invitation.Kind.OWNER,
    email: str = "",
    name: str = "",
) -> tuple[Invitation, str]:
    """A new personal link (the raw token is returned once; only its digest is kept). Earlier
    unused links of the same business and kind to the same address stop working."""
    email = (email or (business.email if kind == Invitation.Kind.OWNER else "")).strip().lower()
    if len(email) > 254 or "\x00" in email or len(name) > 120 or "\x00" in name:
        raise InvitationError({"email": [_("Alamat surel tidak valid.")]})
    if kind == Invitation.Kind.OWNER and not email and not business.whatsapp:
        raise InvitationError(
            _("%(business)s tidak punya surel maupun WhatsApp: tidak dapat diundang.")
            % {"business": business.display_name}
        )
    if kind == Invitation.Kind.STAFF and not email:
        raise InvitationError({"email": [_("Surel rekan wajib diisi.")]})
    raw = Invitation.new_token()
    now = timezone.now()
    with transaction.atomic():
        earlier = Invitation.objects.pending().filter(business=business, kind=kind)
        if kind == Invitation.Kind.STAFF:
            earlier = earlier.filter(email=email)
        earlier.update(revoked_at=now)
        invitation = Invitation.objects.create(
            kind=kind,
            business=business,
            mission=mission,
            email=email,
            name=name or (business.contact_person if kind == Invitation.Kind.OWNER else ""),
            digest=digest(raw),
            created_by=actor if actor is not None and actor.is_authenticated else None,
            created=now,
            expires_at=now + timedelta(days=settings.INVITATION_DAYS),
        )
        AuditLog.record(actor=actor, action="invitation.create", obj=invitation, kind=kind)
    return invitation, raw


def invitation_send(invitation: Invitation, raw: str, *, base_url: str | None = None) -> str:
    """Send the link by e-mail (when there is an address) and return the wa.me link for the
    organiser. The one place that sends: route it through the notification outbox later."""
    url = invitation_url(raw, base_url)
    if invitation.email:
        business = invitation.business.display_name
        if invitation.kind == Invitation.Kind.STAFF:
            subject = _("Anda diundang bergabung dengan %(business)s") % {"business": business}
        else:
            subject = _("Undangan misidagang untuk %(business)s") % {"business": business}
        body = _(
            "Yth. %(name)s,\n\n%(business)s diundang ke %(mission)s di misidagang.\n\n"
            "Buka tautan pribadi ini untuk membuat kata sandi, lalu lengkapi produk yang dijual "
            "dan kebutuhan usaha Anda:\n%(url)s\n\nTautan ini hanya untuk Anda, hanya dapat "
            "dipakai sekali dan berlaku sampai %(until)s.\n"
        ) % {
            "name": invitation.name or _("Bapak/Ibu"),
            "business": business,
            "mission": invitation.mission.name if invitation.mission else _("Misi Dagang"),
            "url": url,
            "until": timezone.localtime(invitation.expires_at).strftime("%d-%m-%Y %H.%M"),
        }
        send_mail(subject, body, None, [invitation.email])
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return invitation_whatsapp(invitation, url)


def invitations_send(
    *,
    actor: User | None,
    mission: Mission,
    businesses: Iterable[Business],
    base_url: str | None = None,
) -> tuple[list[tuple[Invitation, str, str]], list[str]]:
    """Invite each business (a new link; an earlier one stops working): ([(invitation, url,
    wa.me link)], [messages for those that cannot be invited])."""
    sent, skipped = [], []
    for business in businesses:
        try:
            invitation, raw = invitation_create(actor=actor, business=business, mission=mission)
        except InvitationError as exc:
            skipped.append(" ".join(exc.messages))
            continue
        wa = invitation_send(invitation, raw, base_url=base_url)
        sent.append((invitation, invitation_url(raw, base_url), wa))
    return sent, skipped


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> None:
    if invitation.accepted_at:
        raise InvitationError(_("Undangan ini sudah dipakai."))
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    AuditLog.record(actor=actor, action="invitation.revoke", obj=invitation)


def invitation_for_token(raw: str) -> Invitation | None:
    if not raw or len(raw) > 100:
        return None
    return (
        Invitation.objects.select_related("business", "mission").filter(digest=digest(raw)).first()
    )


def invitation_open(invitation: Invitation) -> None:
    if invitation.opened_at is None:
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(
            opened_at=timezone.now()
        )
        invitation.opened_at = timezone.now()


def invitation_problem(invitation: Invitation | None) -> str:
    """Why a link cannot be used ('' when it can)."""
    if invitation is None:
        return _("Tautan undangan ini tidak dikenal.")
    state = invitation.state
    if state == "joined":
        return _("Tautan undangan ini sudah dipakai. Silakan masuk dengan kata sandi Anda.")
    if state == "revoked":
        return _("Tautan undangan ini sudah dicabut atau diganti dengan tautan baru.")
    if state == "expired":
        return _("Tautan undangan ini sudah kedaluwarsa. Minta penyelenggara mengirim ulang.")
    return ""


def invitation_accept(*, invitation: Invitation, username: str, password: str) -> User:
    """The invitee's own login for the business; the link works once."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        problem = invitation_problem(invitation)
        if problem:
            raise InvitationError(problem)
        if User.objects.filter(username__iexact=username).exists():
            raise InvitationError({"username": [_("Nama pengguna ini sudah dipakai.")]})
        user = User.objects.create_user(
            username=username,
            password=password,
            email=invitation.email,
            first_name=invitation.name[:150],
            role=Role.BUSINESS,
            business=invitation.business,
            phone=invitation.business.phone if invitation.kind == Invitation.Kind.OWNER else "",
        )
        invitation.accepted_at, invitation.user = timezone.now(), user
        invitation.opened_at = invitation.opened_at or invitation.accepted_at
        invitation.save(update_fields=["accepted_at", "user", "opened_at"])
        AuditLog.record(actor=user, action="invitation.accept", obj=invitation)
    return user


def suggested_username(invitation: Invitation) -> str:
    base = (invitation.email.split("@")[0] if invitation.email else "") or "usaha"
    base = "".join(c for c in base.lower() if c.isalnum() or c in "._-")[:30] or "usaha"
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}{n}"
    return name


# --- where each participant stands ----------------------------------------------------------

STATES = ("none", "invited", "opened", "expired", "revoked", "joined", "complete")


def profile_complete(business: Business, listings: list[Listing] | None = None) -> bool:
    """A profile the recommender can use: a contact, and offers or needs with HS codes."""
    items = listings if listings is not None else list(business.listings.all())
    return bool(
        business.contact_person
        and (business.phone or business.email)
        and items
        and all(i.hs for i in items)
    )


def onboarding_states(businesses: Iterable[Business]) -> dict[int, str]:
    """none / invited / opened / expired / revoked / joined / complete per business (its
    listings prefetched)."""
    businesses = list(businesses)
    ids = [b.pk for b in businesses]
    joined = set(
        User.objects.filter(business_id__in=ids, is_active=True).values_list(
            "business_id", flat=True
        )
    )
    latest: dict[int, Invitation] = {}
    for inv in Invitation.objects.filter(business_id__in=ids, kind=Invitation.Kind.OWNER).order_by(
        "created"
    ):
        latest[inv.business_id] = inv
    out = {}
    for b in businesses:
        if b.pk in joined:
            out[b.pk] = "complete" if profile_complete(b, list(b.listings.all())) else "joined"
        elif b.pk in latest:
            out[b.pk] = latest[b.pk].state
        else:
            out[b.pk] = "none"
    return out


# --- several people per business ------------------------------------------------------------


def is_staff_member(user: Any) -> bool:
    """A colleague who joined through another user's invitation (not the business's owner)."""
    return Invitation.objects.filter(user_id=user.pk, kind=Invitation.Kind.STAFF).exists()


def is_owner(user: Any, business: Business) -> bool:
    """The business's own login(s): its users who did not join as a colleague."""
    return (
        getattr(user, "is_authenticated", False)
        and user.business_id == business.pk
        and user.is_active
        and not is_staff_member(user)
    )


@transaction.atomic
def colleague_remove(*, actor: User, business: Business, user: User) -> None:
    """The owner removes a colleague: the colleague's login stops working for the business."""
    if not is_owner(actor, business):
        raise TeamError(_("Hanya pemilik akun usaha yang dapat mengeluarkan rekan."))
    if user.business_id != business.pk or user.pk == actor.pk or not is_staff_member(user):
        raise TeamError(_("Pengguna ini bukan rekan di usaha Anda."))
    User.objects.filter(pk=user.pk).update(business=None, is_active=False)
    AuditLog.record(actor=actor, action="colleague.remove", obj=business, user=user.username)


def business_people(business_id: int | None) -> list[User]:
    """The business's active logins, owner first."""
    if not business_id:
        return []
    return list(
        User.objects.filter(business_id=business_id, is_active=True).order_by("date_joined")
    )


def attendees(business_id: int, meeting_ids: Iterable[int]) -> dict[int, User]:
    """Who of the business attends each meeting: the chosen person, else its only login."""
    chosen = {
        a.meeting_id: a.user
        for a in MeetingAttendee.objects.filter(
            business_id=business_id, meeting_id__in=list(meeting_ids), user__is_active=True
        ).select_related("user")
    }
    people = business_people(business_id)
    if len(people) == 1:
        return {m: chosen.get(m, people[0]) for m in meeting_ids}
    return chosen


@transaction.atomic
def attendee_set(*, actor: User, business_id: int, meeting_id: int, user_id: int) -> None:
    """One of the business's people says who of them attends a meeting of the business (the
    caller checks the meeting is the business's)."""
    if actor.business_id != business_id:
        raise TeamError(_("Hanya orang dari usaha ini yang dapat memilih siapa yang hadir."))
    user = User.objects.filter(pk=user_id, business_id=business_id, is_active=True).first()
    if user is None:
        raise TeamError(_("Pengguna ini bukan orang dari usaha Anda."))
    MeetingAttendee.objects.update_or_create(
        meeting_id=meeting_id, business_id=business_id, defaults={"user": user}
    )


# --- self-registration ----------------------------------------------------------------------


def _add_listings(business: Business, offers: str, needs: str) -> list[dict[str, Any]]:
    from misidagang.engines.matching import classify

    have = (
        {(k, t.lower()) for k, t in business.listings.values_list("kind", "text")}
        if business.pk
        else set()
    )
    wanted = [("offer", t) for t in split_listings(offers)] + [
        ("need", t) for t in split_listings(needs)
    ]
    new = [(k, t) for k, t in wanted if (k, t.lower()) not in have and len(t) <= 300]
    found = classify([t for _k, t in new], top_k=1) if new else []
    return [
        {"id": None, "kind": k, "text": t, "hs": hits[0]["hs"] if hits else ""}
        for (k, t), hits in zip(new, found, strict=True)
    ]


def registration_match(registration: Registration) -> Business | None:
    """The business already in the directory: same NIB, else the same name in the same
    regency."""
    if registration.nib:
        found = Business.objects.filter(nib=registration.nib).order_by("pk").first()
        if found:
            return found
    return (
        Business.objects.filter(
            regency=registration.regency, name_key=business_name_key(registration.name)
        )
        .filter(nib__in=["", registration.nib])
        .order_by("pk")
        .first()
    )


def registration_approve(
    *, actor: User, registration: Registration, base_url: str | None = None
) -> tuple[Business, str, str]:
    """Approve: the business (matched, never duplicated) joins the mission and is invited.
    Returns (business, invitation url, wa.me link); the url is '' when it could not be
    invited (it already has a login)."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.Status.PENDING:
            raise RegistrationError(_("Pendaftaran ini sudah diputuskan."))
        mission = registration.mission
        business = registration_match(registration)
        values: dict[str, Any] = {}
        if business is None:
            values = {
                "name": registration.name,
                "legal_form": registration.legal_form or LegalForm.PERORANGAN,
                "nib": registration.nib,
                "scale": registration.scale or Scale.MIKRO,
                "province": registration.regency.province,
                "regency": registration.regency,
                "contact_person": registration.contact_person,
                "phone": registration.phone,
                "email": registration.email,
            }
        else:
            for f in ("contact_person", "phone", "email", "nib"):
                if getattr(registration, f) and not getattr(business, f):
                    values[f] = getattr(registration, f)
        if "phone" in values:
            probe = Business(phone=values["phone"])
            probe.normalise_phone()
            values["phone"], values["whatsapp"] = probe.phone, probe.whatsapp
        listings = _add_listings(business or Business(), registration.offers, registration.needs)
        business = business_save(actor=actor, business=business, listings=listings, **values)
        existing = Participant.objects.filter(mission=mission, business=business).first()
        if existing is None:
            participant_save(
                actor=actor,
                mission=mission,
                business=business,
                side=registration.side,
                role=Participant.Role.BOTH,
                status=Participant.Status.REGISTERED,
            )
        registration.status = Registration.Status.APPROVED
        registration.business = business
        registration.decided_by, registration.decided_at = actor, timezone.now()
        registration.save()
        AuditLog.record(actor=actor, action="registration.approve", obj=registration)
    if User.objects.filter(business=business, is_active=True).exists():
        return business, "", ""
    invitation, raw = invitation_create(
        actor=actor,
        business=business,
        mission=mission,
        email=registration.email,
        name=registration.contact_person,
    )
    wa = invitation_send(invitation, raw, base_url=base_url)
    return business, invitation_url(raw, base_url), wa


@transaction.atomic
def registration_reject(*, actor: User, registration: Registration, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise RegistrationError({"reason": [_("Tuliskan alasan penolakan.")]})
    if len(reason) > 300 or "\x00" in reason:
        raise RegistrationError({"reason": [_("Alasan paling banyak 300 karakter.")]})
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.PENDING:
        raise RegistrationError(_("Pendaftaran ini sudah diputuskan."))
    registration.status = Registration.Status.REJECTED
    registration.reason = reason
    registration.decided_by, registration.decided_at = actor, timezone.now()
    registration.save()
    AuditLog.record(actor=actor, action="registration.reject", obj=registration)


def registration_throttled(address: str | None) -> bool:
    """More than REGISTRATIONS_PER_HOUR registrations from one address in the last hour."""
    if not address:
        return False
    since = timezone.now() - timedelta(hours=1)
    recent = Registration.objects.filter(address_ip=address, created__gte=since).count()
    return recent >= settings.REGISTRATIONS_PER_HOUR


# --- participants from earlier missions -----------------------------------------------------


def participants_add(
    *, actor: User, mission: Mission, businesses: Iterable[Business], side: str
) -> int:
    """Add businesses to the mission in bulk (those already in it are left as they are)."""
    if side not in Participant.Side.values:
        raise RegistrationError({"side": [_("Pihak harus delegasi atau tuan rumah.")]})
    added = 0
    with transaction.atomic():
        taken = set(mission.participants.values_list("business_id", flat=True))
        for business in businesses:
            if business.pk in taken:
                continue
            participant_save(
                actor=actor,
                mission=mission,
                business=business,
                side=side,
                role=Participant.Role.BOTH,
                status=Participant.Status.INVITED,
            )
            taken.add(business.pk)
            added += 1
    return added
