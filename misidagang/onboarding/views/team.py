"""A business's people: the owner invites colleagues and removes them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from misidagang.accounts.models import User
from misidagang.accounts.types import AuthedRequest
from misidagang.directory.models import Business
from misidagang.errors import refusal_messages, refusal_on_form
from misidagang.onboarding import services
from misidagang.onboarding.forms import ColleagueForm
from misidagang.onboarding.models import Invitation


@login_required
def team(request: AuthedRequest, pk: int) -> HttpResponse:
    business = get_object_or_404(Business, pk=pk)
    if not services.is_owner(request.user, business):
        raise PermissionDenied
    form = ColleagueForm(request.POST or None)
    if request.method == "POST" and request.POST.get("remove"):
        colleague = get_object_or_404(User, pk=request.POST["remove"], business=business)
        try:
            services.colleague_remove(actor=request.user, business=business, user=colleague)
        except services.TeamError as exc:
            refusal_messages(request, exc)
        else:
            messages.success(request, _("%(name)s dikeluarkan.") % {"name": colleague.username})
        return redirect("team", business.pk)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, raw = services.invitation_create(
                actor=request.user,
                business=business,
                kind=Invitation.Kind.STAFF,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
            )
        except services.InvitationError as exc:
            refusal_on_form(form, exc)
        else:
            services.invitation_send(invitation, raw, base_url=request.build_absolute_uri("/"))
            messages.success(
                request,
                _("Undangan dikirim ke %(email)s.") % {"email": invitation.email},
            )
            return redirect("team", business.pk)
    people = [
        (u, services.is_staff_member(u))
        for u in User.objects.filter(business=business, is_active=True).order_by("date_joined")
    ]
    pending = Invitation.objects.filter(business=business, kind=Invitation.Kind.STAFF).pending()
    return render(
        request,
        "onboarding/team.html",
        {"business": business, "form": form, "people": people, "pending": pending},
        status=400 if request.method == "POST" else 200,
    )
