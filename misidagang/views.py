"""Small views of the whole project."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
