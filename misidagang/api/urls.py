from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from misidagang.api import (
    agreements,
    deals,
    directory,
    matching,
    meetings,
    missions,
    onboarding,
    reports,
)
from misidagang.errors import Refused

api = NinjaAPI(
    title="misidagang API",
    version="1",
    description="Trade missions: missions, directory, participants. "
    "Authenticate with `Authorization: Bearer <token>` (`misidagang createtoken USERNAME`).",
    urls_namespace="api",
)
api.add_router("/", missions.router)
api.add_router("/", directory.router)
api.add_router("/", meetings.router)
api.add_router("/", matching.router)
api.add_router("/", deals.router)
api.add_router("/", agreements.router)
api.add_router("/", reports.router)
api.add_router("/", onboarding.router)


# A service refusing an action (bad input, a rule) raises a `Refused`; every endpoint answers it
# the same way, so the mapping lives here once, not in each view.
@api.exception_handler(Refused)
def refused(request: HttpRequest, exc: Refused) -> HttpResponse:
    return api.create_response(request, exc.answer(), status=422)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Anda tidak berhak melakukan ini.")}, status=403
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": _("Tidak ditemukan.")}, status=404)
