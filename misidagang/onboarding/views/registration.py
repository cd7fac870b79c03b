"""A mission's public registration page (link and QR) and the organiser's decisions."""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from misidagang.accounts.types import AuthedRequest
from misidagang.errors import refusal_messages
from misidagang.missions.access import mission_for_managing
from misidagang.missions.models import Mission, Participant
from misidagang.onboarding import services
from misidagang.onboarding.forms import RegistrationForm, RejectForm
from misidagang.onboarding.importing import side_province
from misidagang.onboarding.models import Registration, RegistrationPage


def _address(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def register(request: HttpRequest, code: str) -> HttpResponse:
    page = get_object_or_404(RegistrationPage.objects.select_related("mission"), code=code)
    mission = page.mission
    if not page.is_open or mission.status == Mission.Status.CLOSED:
        return render(request, "onboarding/register_closed.html", {"mission": mission}, status=410)
    province = side_province(mission, page.side)
    form = RegistrationForm(request.POST or None, province=province)
    if request.method == "POST":
        if services.registration_throttled(_address(request)):
            return render(
                request, "onboarding/register_throttled.html", {"mission": mission}, status=429
            )
        if form.is_valid():
            data = form.cleaned_data
            data.pop("consent")
            Registration.objects.create(
                mission=mission,
                side=page.side,
                consent_at=timezone.now(),
                consent_text=str(form.fields["consent"].label),
                address_ip=_address(request),
                **data,
            )
            return render(request, "onboarding/register_done.html", {"mission": mission})
    return render(
        request,
        "onboarding/register.html",
        {"mission": mission, "form": form, "page": page},
        status=400 if request.method == "POST" else 200,
    )


def register_qr(request: HttpRequest, code: str) -> HttpResponse:
    page = get_object_or_404(RegistrationPage, code=code)
    import qrcode
    import qrcode.image.svg

    url = request.build_absolute_uri(reverse("register", args=[page.code]))
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    out = BytesIO()
    image.save(out)
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")


@login_required
def registrations(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    page = getattr(mission, "registration_page", None)
    if request.method == "POST":
        if page is None:
            page = RegistrationPage.objects.create(
                mission=mission, code=RegistrationPage.new_code()
            )
        side = request.POST.get("side", page.side)
        page.side = side if side in Participant.Side.values else page.side
        page.is_open = request.POST.get("open") == "1"
        page.save()
        messages.success(request, _("Halaman pendaftaran disimpan."))
        return redirect("registrations", mission.pk)
    status = request.GET.get("status", Registration.Status.PENDING)
    items = mission.registrations.select_related("regency", "business")
    if status in Registration.Status.values:
        items = items.filter(status=status)
    return render(
        request,
        "onboarding/registrations.html",
        {
            "mission": mission,
            "page": page,
            "items": items[:200],
            "status": status,
            "statuses": Registration.Status.choices,
            "public_url": request.build_absolute_uri(reverse("register", args=[page.code]))
            if page
            else "",
            "reject_form": RejectForm(),
        },
    )


@login_required
def poster(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    page = get_object_or_404(RegistrationPage, mission=mission)
    url = request.build_absolute_uri(reverse("register", args=[page.code]))
    return render(request, "onboarding/poster.html", {"mission": mission, "page": page, "url": url})


@login_required
@require_POST
def decide(request: AuthedRequest, pk: int, registration_id: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    registration = get_object_or_404(Registration, pk=registration_id, mission=mission)
    try:
        if request.POST.get("action") == "approve":
            business, url, wa = services.registration_approve(
                actor=request.user,
                registration=registration,
                base_url=request.build_absolute_uri("/"),
            )
            messages.success(
                request,
                _("%(business)s disetujui dan menjadi peserta.") % {"business": business},
            )
            if url:
                return render(
                    request,
                    "onboarding/invitations_sent.html",
                    {"mission": mission, "sent": [(business.invitations.first(), url, wa)]},
                )
        else:
            form = RejectForm(request.POST)
            if not form.is_valid():
                raise services.RegistrationError(
                    form.errors.get_json_data()
                    and _("Tuliskan alasan penolakan (paling banyak 300 karakter).")
                )
            services.registration_reject(
                actor=request.user, registration=registration, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Pendaftaran ditolak."))
    except services.RegistrationError as exc:
        refusal_messages(request, exc)
    return redirect("registrations", mission.pk)
