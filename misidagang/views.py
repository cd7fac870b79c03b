"""Small views of the whole project."""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from misidagang.money import AmountError, parse_idr


def amount_echo(request: HttpRequest) -> HttpResponse:
    """htmx: a typed amount read back in digits and words before it is saved, or why it cannot
    be read (the same `parse_idr` every Rupiah field saves with). Public: it reads only the
    text it is sent (a follow-up answer may come from a link, signed out)."""
    typed = [str(v) for v in request.GET.values()]  # one field: htmx sends the input alone
    text = str(request.GET.get("value") or next(iter(typed), "")).strip()[:100]
    amount, error = None, None
    if text:
        try:
            amount = parse_idr(text)
        except AmountError as exc:
            error = exc.message
    return render(request, "_amount.html", {"text": text, "amount": amount, "error": error})


@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> FileResponse:
    """Browsers ask for /favicon.ico whatever the page says (the live screen on a projector too)."""
    path = finders.find("img/favicon.ico")
    if not path:
        raise Http404
    return FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115


def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: name and icons, so a phone can add misidagang to its home screen."""
    icons = [
        {"src": static(f"img/icon-{n}.png"), "sizes": f"{n}x{n}", "type": "image/png"}
        for n in (192, 512)
    ]
    icons.append({"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"})
    body = {
        "name": f"{settings.SITE_NAME} · misidagang",
        "short_name": settings.SITE_NAME,
        "description": _("Misi dagang antarprovinsi: temu bisnis, transaksi, dan total langsung."),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b6e4f",
        "lang": request.LANGUAGE_CODE,
        "icons": icons,
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response
