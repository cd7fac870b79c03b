"""The in-app list (bell, notifications page, mark read), preferences, opting out from a link,
the WhatsApp Cloud API webhook and the organisers' log per mission."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from misidagang.accounts.types import AuthedRequest
from misidagang.errors import refusal_messages
from misidagang.missions.access import mission_for_managing
from misidagang.notify import kinds, services
from misidagang.notify import render as writing
from misidagang.notify.models import Channel, Notification, Status
from misidagang.notify.transports import whatsapp_on

STOP_WORDS = {"stop", "berhenti", "unsubscribe", "batal"}
START_WORDS = {"start", "mulai"}


@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    rows = Notification.objects.inbox(request.user).order_by("-created", "-pk")
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    items = [(row, writing.write(row, html=False).subject) for row in page]
    return render(request, "notify/inbox.html", {"page": page, "items": items})


@login_required
def open_one(request: AuthedRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Notification.objects.inbox(request.user), pk=pk)
    if request.method == "POST":
        services.notifications_read(user=request.user, pk=row.pk)
    url = row.context.get("url", "")
    if url and url_has_allowed_host_and_scheme(url, None):
        return redirect(url)
    return redirect("notify_inbox")


@login_required
@require_POST
def read_all(request: AuthedRequest) -> HttpResponse:
    services.notifications_read(user=request.user)
    return redirect("notify_inbox")


@login_required
def preferences(request: AuthedRequest) -> HttpResponse:
    user = request.user
    number = kinds.user_whatsapp(user)
    if request.method == "POST":
        enabled = {
            tuple(v.split("|", 1))
            for v in request.POST.getlist("on")
            if "|" in v  # "kind|channel"
        }
        services.preferences_save(
            user=user,
            enabled={(k, c) for k, c in enabled},
            language=request.POST.get("language"),
        )
        if number:
            wants = request.POST.get("whatsapp") == "1"
            consent = services.consent_of(Channel.WHATSAPP, number)
            if wants != bool(consent and consent.opted_in):
                services.consent_set(
                    channel=Channel.WHATSAPP,
                    address=number,
                    opted_in=wants,
                    source=f"preferences:user {user.pk}",
                )
        messages.success(request, _("Pilihan notifikasi disimpan."))
        return redirect("notify_preferences")
    off = services.preferences_of(user)
    consent = services.consent_of(Channel.WHATSAPP, number) if number else None
    profile = getattr(user, "notify_profile", None) if hasattr(user, "notify_profile") else None
    rows = [
        {
            "kind": k,
            "cells": [
                {"channel": c, "on": (k.name, c) not in off, "value": f"{k.name}|{c}"}
                for c in Channel.values
                if c in k.channels
            ],
        }
        for k in kinds.registered()
    ]
    return render(
        request,
        "notify/preferences.html",
        {
            "rows": rows,
            "channels": Channel.choices,
            "number": number,
            "consent": consent,
            "language": profile.language if profile else request.LANGUAGE_CODE,
            "whatsapp_on": whatsapp_on(),
        },
    )


def stop(request: HttpRequest, token: str) -> HttpResponse:
    """Opt out from a link in any message (a GET only shows the question: link previews and
    mail scanners follow links)."""
    try:
        data = signing.loads(token, salt=writing.STOP_SALT)
        channel, address = data["c"], data["a"]
    except (signing.BadSignature, KeyError, TypeError):
        raise Http404 from None
    if channel not in (Channel.EMAIL, Channel.WHATSAPP):
        raise Http404
    done = False
    if request.method == "POST":
        services.consent_set(channel=channel, address=address, opted_in=False, source="link")
        done = True
    shown = address if channel == Channel.EMAIL else "+" + address[:4] + "…" + address[-3:]
    return render(
        request,
        "notify/stop.html",
        {"channel": Channel(channel).label, "address": shown, "done": done},
    )


# --- WhatsApp Cloud API webhook ---------------------------------------------------------------


def signature_ok(body: bytes, header: str) -> bool:
    """X-Hub-Signature-256: "sha256=" + HMAC-SHA256 of the raw body with the app secret."""
    secret = settings.WHATSAPP_APP_SECRET
    if not secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


@csrf_exempt
def whatsapp_webhook(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":  # the subscription handshake
        token = settings.WHATSAPP_VERIFY_TOKEN
        if (
            token
            and request.GET.get("hub.mode") == "subscribe"
            and hmac.compare_digest(request.GET.get("hub.verify_token", ""), token)
        ):
            return HttpResponse(request.GET.get("hub.challenge", ""), content_type="text/plain")
        return HttpResponseForbidden()
    if request.method != "POST":
        return HttpResponse(status=405)
    if not signature_ok(request.body, request.headers.get("X-Hub-Signature-256", "")):
        return HttpResponseForbidden()
    try:
        payload = json.loads(request.body)
    except ValueError:
        return HttpResponseBadRequest()
    for entry in payload.get("entry", []) if isinstance(payload, dict) else []:
        for change in entry.get("changes", []):
            value = change.get("value", {})
            for st in value.get("statuses", []):
                at = datetime.fromtimestamp(int(st.get("timestamp", 0) or 0), tz=UTC)
                errors = st.get("errors") or [{}]
                services.delivery_report(
                    provider_id=str(st.get("id", "")),
                    status=str(st.get("status", "")),
                    at=at,
                    error=str(errors[0].get("title") or errors[0].get("message") or ""),
                )
            for msg in value.get("messages", []):
                words = (
                    (msg.get("text") or {}).get("body")
                    or (msg.get("button") or {}).get("text")
                    or ""
                )
                word = words.strip().lower()
                number = "".join(ch for ch in str(msg.get("from", "")) if ch.isdigit())
                if number and word in STOP_WORDS | START_WORDS:
                    services.consent_set(
                        channel=Channel.WHATSAPP,
                        address=number,
                        opted_in=word in START_WORDS,
                        source=f"whatsapp reply {word.upper()}",
                    )
    return HttpResponse("ok", content_type="text/plain")


# --- the organisers' log ----------------------------------------------------------------------


def wa_link(row: Notification) -> str:
    return f"https://wa.me/{row.address}?text=" + quote(writing.write(row, html=False).text)


@login_required
def mission_log(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    rows = Notification.objects.filter(mission=mission).exclude(channel=Channel.INAPP)
    filters = {
        "status": request.GET.get("status", ""),
        "channel": request.GET.get("channel", ""),
        "kind": request.GET.get("kind", ""),
    }
    if filters["status"] in Status.values:
        rows = rows.filter(status=filters["status"])
    if filters["channel"] in Channel.values:
        rows = rows.filter(channel=filters["channel"])
    if filters["kind"] in kinds.REGISTRY:
        rows = rows.filter(kind=filters["kind"])
    counts = dict(
        Notification.objects.filter(mission=mission)
        .exclude(channel=Channel.INAPP)
        .values_list("status")
        .annotate(n=Count("id"))
    )
    page = Paginator(rows.order_by("-created", "-pk"), 50).get_page(request.GET.get("page"))
    items = [
        {"row": row, "wa": wa_link(row) if row.status == Status.MANUAL else ""} for row in page
    ]
    return render(
        request,
        "notify/mission_log.html",
        {
            "mission": mission,
            "page": page,
            "items": items,
            "filters": filters,
            "statuses": Status.choices,
            "channels": [c for c in Channel.choices if c[0] != Channel.INAPP],
            "kinds": kinds.registered(),
            "counts": [(label, counts.get(value, 0)) for value, label in Status.choices],
            "query": urlencode({k: v for k, v in filters.items() if v}),
            "whatsapp_on": whatsapp_on(),
        },
    )


@login_required
@require_POST
def resend(request: AuthedRequest, pk: int, row_id: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    row = get_object_or_404(Notification, pk=row_id, mission=mission)
    try:
        services.notification_resend(row=row, actor=request.user)
        messages.success(request, _("Notifikasi diantrekan untuk dikirim ulang."))
    except services.NotifyError as exc:
        refusal_messages(request, exc)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, None):
        back = ""
    return redirect(back or reverse("notify_mission_log", args=[mission.pk]))
