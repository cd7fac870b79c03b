"""The participants' onboarding list (invited / opened / joined / profile complete), sending
invitations, and the invitee's page behind the personal link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from misidagang.accounts.types import AuthedRequest
from misidagang.errors import refusal_messages, refusal_on_form
from misidagang.missions.access import mission_for_managing
from misidagang.missions.models import Participant
from misidagang.onboarding import services
from misidagang.onboarding.forms import AcceptForm
from misidagang.onboarding.models import Invitation

STATE_LABELS = {
    "none": gettext_lazy("Belum diundang"),
    "invited": gettext_lazy("Diundang"),
    "opened": gettext_lazy("Tautan dibuka"),
    "expired": gettext_lazy("Undangan kedaluwarsa"),
    "revoked": gettext_lazy("Undangan dicabut"),
    "joined": gettext_lazy("Sudah bergabung"),
    "complete": gettext_lazy("Profil lengkap"),
}


@login_required
def overview(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    participants = list(
        mission.participants.select_related("business__regency").prefetch_related(
            "business__listings"
        )
    )
    states = services.onboarding_states(p.business for p in participants)
    counts = {s: 0 for s in STATE_LABELS}
    for s in states.values():
        counts[s] += 1
    wanted = request.GET.get("state", "")
    side = request.GET.get("side", "")
    rows = [
        (p, states[p.business_id])
        for p in participants
        if (not wanted or states[p.business_id] == wanted) and (not side or p.side == side)
    ]
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    pending = {
        i.business_id: i
        for i in Invitation.objects.filter(
            business_id__in=[p.business_id for p, _s in page], kind=Invitation.Kind.OWNER
        )
        .pending()
        .order_by("created")
    }
    return render(
        request,
        "onboarding/overview.html",
        {
            "mission": mission,
            "page": page,
            "query": query.urlencode(),
            "labels": STATE_LABELS,
            "counts": counts,
            "state": wanted,
            "side": side,
            "sides": Participant.Side.choices,
            "pending": pending,
            "registration_page": getattr(mission, "registration_page", None),
        },
    )


@login_required
@require_POST
def invite(request: AuthedRequest, pk: int) -> HttpResponse:
    """Invite the selected participants, or all that have no login yet."""
    mission = mission_for_managing(request.user, pk)
    participants = mission.participants.select_related("business")
    if request.POST.get("all"):
        states = services.onboarding_states(
            p.business for p in participants.prefetch_related("business__listings")
        )
        chosen = [
            p.business for p in participants if states[p.business_id] not in ("joined", "complete")
        ]
    else:
        ids = [int(i) for i in request.POST.getlist("business") if i.isdigit()]
        chosen = [p.business for p in participants.filter(business_id__in=ids)]
    if not chosen:
        messages.info(request, _("Tidak ada peserta yang perlu diundang."))
        return redirect("onboarding", mission.pk)
    sent, skipped = services.invitations_send(
        actor=request.user,
        mission=mission,
        businesses=chosen,
        base_url=request.build_absolute_uri("/"),
    )
    for message in skipped:
        messages.warning(request, message)
    return render(request, "onboarding/invitations_sent.html", {"mission": mission, "sent": sent})


@login_required
@require_POST
def revoke(request: AuthedRequest, pk: int, invitation_id: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    invitation = get_object_or_404(
        Invitation, pk=invitation_id, business__participations__mission=mission
    )
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except services.InvitationError as exc:
        refusal_messages(request, exc)
    else:
        messages.success(request, _("Undangan dicabut."))
    return redirect("onboarding", mission.pk)


def accept(request: HttpRequest, token: str) -> HttpResponse:
    """The personal link: set a password, then on to the business's profile, signed in."""
    invitation = services.invitation_for_token(token)
    problem = services.invitation_problem(invitation)
    if problem or invitation is None:
        return render(
            request, "onboarding/invitation_invalid.html", {"problem": problem}, status=410
        )
    services.invitation_open(invitation)
    form = AcceptForm(
        request.POST or None, initial={"username": services.suggested_username(invitation)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationError as exc:
            refusal_on_form(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Selamat datang! Lengkapi produk yang dijual dan kebutuhan usaha Anda."),
            )
            return redirect("business_edit", invitation.business_id)
    return render(
        request,
        "onboarding/invitation.html",
        {"invitation": invitation, "form": form},
        status=400 if request.method == "POST" else 200,
    )
