from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router

from misidagang.accounts.access import sees_personal_data
from misidagang.accounts.types import AuthedRequest
from misidagang.api import serializers
from misidagang.api.auth import AUTH, caller
from misidagang.api.schemas import BusinessOut, BusinessPatch, ErrorOut
from misidagang.directory import services
from misidagang.directory.access import business_for_editing
from misidagang.directory.forms import BusinessForm
from misidagang.directory.models import Business, Listing

router = Router(tags=["directory"])


def _businesses():
    return Business.objects.select_related("province", "regency").prefetch_related(
        Prefetch("listings", queryset=Listing.objects.order_by("id"))
    )


@router.get("/businesses", response=list[BusinessOut], summary="Search the directory")
def list_businesses(
    request: HttpRequest,
    q: str = "",
    province: str | None = None,
    commodity: str | None = None,
    role: str | None = None,
    limit: int = 50,
    offset: int = 0,
):
    """Public. Contacts are included only for signed-in organisers, clerks, businesses and
    partners."""
    businesses = _businesses().search(q)
    if province:
        businesses = businesses.filter(province_id=province)
    if commodity:
        businesses = businesses.with_commodity(commodity, role)
    limit = max(1, min(limit, 200))
    contact = sees_personal_data(caller(request))
    return [
        serializers.business(b, with_contact=contact) for b in businesses[offset : offset + limit]
    ]


@router.get("/businesses/{business_id}", response=BusinessOut)
def get_business(request: HttpRequest, business_id: int):
    b = get_object_or_404(_businesses(), pk=business_id)
    return serializers.business(b, with_contact=sees_personal_data(caller(request)))


@router.patch("/businesses/{business_id}", response={200: BusinessOut, 422: ErrorOut}, auth=AUTH)
def patch_business(request: AuthedRequest, business_id: int, payload: BusinessPatch):
    business = business_for_editing(request.user, business_id)
    current = BusinessForm(instance=business).initial
    data = {
        **{k: ("" if v is None else v) for k, v in current.items()},
        **payload.dict(exclude_unset=True),
    }
    form = BusinessForm(data, instance=business)
    if not form.is_valid():
        return 422, {"detail": _("Data usaha tidak valid."), "errors": form.errors}
    services.business_save(actor=request.user, business=business, **form.cleaned_data)
    b = _businesses().get(pk=business.pk)
    return serializers.business(b, with_contact=True)
