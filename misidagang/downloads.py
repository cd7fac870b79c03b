"""A file for the browser to save: Excel and CSV exports, templates, checked sheets. Ground
floor: imports nothing of ours."""

from __future__ import annotations

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def download(body: bytes | str, name: str, content_type: str) -> HttpResponse:
    """Text gets a BOM first, so spreadsheet programs read its UTF-8 correctly."""
    if isinstance(body, str):
        body = "\ufeff" + body
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
