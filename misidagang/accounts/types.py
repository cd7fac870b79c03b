"""Typed requests for views that only signed-in users reach.

django-stubs types `request.user` as `User | AnonymousUser`. Behind `login_required` or an API
endpoint with `auth=AUTH` the user is signed in, so such views take an `AuthedRequest`."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from misidagang.accounts.models import User


class HtmxRequest(HttpRequest):
    """Any request: `HtmxMiddleware` sets `request.htmx` on every one."""

    htmx: HtmxDetails


class AuthedRequest(HtmxRequest):
    """A request from a signed-in user (`login_required` views, `auth=AUTH` endpoints)."""

    user: User  # narrows HttpRequest.user; no ignore needed with django-stubs 5.2
