from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from misidagang.accounts.models import ApiToken


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; tokens come from `misidagang createtoken USERNAME`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
        return user


AUTH = [BearerToken(), django_auth]


def caller(request: HttpRequest) -> Any:
    """The signed-in user of a public endpoint, by token or session (or anonymous)."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = ApiToken.user_for(header[7:].strip())
        if user is not None:
            return user
    return request.user
