from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from misidagang.accounts.access import sees_personal_data
from misidagang.accounts.types import AuthedRequest
from misidagang.directory import commodities, services
from misidagang.directory.access import business_for_editing, can_create_business, can_edit_business
from misidagang.directory.forms import BusinessForm, DirectoryFilter, ListingFormSet
from misidagang.directory.models import Business, Regency


def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilter(request.GET or None)
    businesses = Business.objects.select_related("province", "regency").prefetch_related("listings")
    if form.is_valid():
        data = form.cleaned_data
        businesses = businesses.search(data["q"] or "")
        if data["province"]:
            businesses = businesses.filter(province=data["province"])
        if data["commodity"]:
            businesses = businesses.with_commodity(data["commodity"].strip(), data["role"] or None)
        elif data["role"]:
            businesses = businesses.filter(listings__kind=data["role"]).distinct()
    page = Paginator(businesses, 30).get_page(request.GET.get("page"))
    duplicates = Business.objects.filter(pk__in=[b.pk for b in page]).flag_duplicates()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/directory.html",
        {
            "form": form,
            "page": page,
            "duplicates": duplicates,
            "query": query.urlencode(),
            "can_create": can_create_business(request.user),
            # A housekeeping flag for the people who keep the directory, not for the public.
            "show_duplicates": can_create_business(request.user),
        },
    )


def business_detail(request: HttpRequest, pk: int) -> HttpResponse:
    business = get_object_or_404(Business.objects.select_related("province", "regency"), pk=pk)
    return render(
        request,
        "directory/business.html",
        {
            "business": business,
            "offers": business.offers,
            "needs": business.needs,
            "show_contacts": sees_personal_data(request.user),
            "can_edit": can_edit_business(request.user, business),
            "duplicates": Business.objects.possible_duplicates_of(business).select_related(
                "regency"
            )
            if can_create_business(request.user) or can_edit_business(request.user, business)
            else [],
            "participations": business.participations.select_related("mission").exclude(
                mission__status="draft"
            ),
            "meet_missions": _missions_to_meet(request.user, business),
        },
    )


def _missions_to_meet(user: object, business: Business) -> list[object]:
    """Open missions where the signed-in business could ask this one for a temu bisnis."""
    own = getattr(user, "business_id", None)
    if not own or own == business.pk:
        return []
    # Upward on purpose (tests/test_layers.py): a business's page offers a temu bisnis in the
    # missions both take part in; the directory's models stay free of missions.
    from misidagang.missions.models import Mission

    return list(
        Mission.objects.filter(
            is_historical=False,
            status__in=[Mission.Status.REGISTRATION, Mission.Status.RUNNING],
            participants__business=business,
        ).filter(participants__business_id=own)
    )


def _save_business(request: AuthedRequest, business: Business | None) -> HttpResponse:
    form = BusinessForm(request.POST or None, instance=business)
    formset = ListingFormSet(request.POST or None, instance=form.instance, prefix="listings")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        saved = services.business_save(
            actor=request.user,
            business=business,
            listings=services.listings_from_formset(formset),
            **form.cleaned_data,
        )
        messages.success(request, _("Profil usaha tersimpan."))
        return redirect(saved)
    return render(
        request,
        "directory/business_form.html",
        {"form": form, "formset": formset, "business": business},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def business_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    return _save_business(request, business_for_editing(request.user, pk))


@login_required
def business_create(request: AuthedRequest) -> HttpResponse:
    if not can_create_business(request.user):
        raise PermissionDenied
    return _save_business(request, None)


def commodity_search(request: HttpRequest) -> JsonResponse:
    q = request.GET.get("q", "")[:100]
    return JsonResponse({"results": [{"hs": c, "name": n} for c, n in commodities.search(q)]})


def regency_options(request: HttpRequest, province: str) -> HttpResponse:
    regencies = Regency.objects.filter(province_id=province[:2])
    return render(request, "directory/regency_options.html", {"regencies": regencies})
