"""The organiser's import: upload, preview with the column mapping, import, messages file."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from misidagang.accounts.types import AuthedRequest
from misidagang.downloads import XLSX, download
from misidagang.errors import refusal_on_form
from misidagang.missions.access import mission_for_managing
from misidagang.onboarding import importing
from misidagang.onboarding.forms import ColumnsForm, UploadForm
from misidagang.onboarding.models import SheetUpload

SHOWN_ROWS = 300  # rows listed on the preview page (the counts and errors cover them all)


@login_required
def upload(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        if f.size > importing.MAX_BYTES:
            form.add_error("file", _("Berkas terlalu besar (paling besar 20 MB)."))
        else:
            data = f.read()
            saved = SheetUpload.objects.create(
                mission=mission,
                side=form.cleaned_data["side"],
                actor=request.user,
                name=f.name.replace("\x00", "")[:200],
                data=data,
                digest=hashlib.sha256(data).hexdigest(),
            )
            return redirect("sheet_preview", mission.pk, saved.pk)
    recent = mission.sheet_uploads.defer("data")[:5]
    return render(
        request,
        "onboarding/upload.html",
        {"mission": mission, "form": form, "recent": recent},
        status=400 if request.method == "POST" else 200,
    )


def _columns(upload: SheetUpload) -> list[str] | None:
    return list(upload.columns) if upload.columns else None


@login_required
def preview(request: AuthedRequest, pk: int, upload_id: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    upload = get_object_or_404(SheetUpload, pk=upload_id, mission=mission)
    data = bytes(upload.data)
    args: dict[str, Any] = {
        "mission": mission,
        "side": upload.side,
        "data": data,
        "name": upload.name,
    }
    try:
        result = importing.import_preview(**args, columns=_columns(upload), actor=request.user)
    except importing.FileError as exc:
        form = UploadForm(initial={"side": upload.side})
        refusal_on_form(form, exc)
        return render(
            request, "onboarding/upload.html", {"mission": mission, "form": form}, status=400
        )
    columns_form = ColumnsForm(
        request.POST if request.POST.get("action") == "remap" else None,
        headers=result.headers,
        columns=result.columns,
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "remap" and columns_form.is_valid():
            upload.columns = columns_form.columns()
            upload.save(update_fields=["columns"])
            importing.remember_columns(request.user, result.headers, upload.columns)
            messages.success(request, _("Pemetaan kolom disimpan untuk lembaga Anda."))
            return redirect("sheet_preview", mission.pk, upload.pk)
        if action == "commit":
            try:
                done = importing.import_commit(**args, columns=_columns(upload), actor=request.user)
            except importing.ImportRefused as exc:
                result = exc.preview
            else:
                from django.utils import timezone

                upload.committed_at = timezone.now()
                upload.result = done.summary()
                upload.save(update_fields=["committed_at", "result"])
                messages.success(
                    request,
                    _(
                        "Impor selesai: %(created)d baru, %(updated)d diperbarui, "
                        "%(unchanged)d tidak berubah."
                    )
                    % done.summary(),
                )
                return redirect("onboarding", mission.pk)
    rows = result.rows
    shown = [r for r in rows if r.errors][:SHOWN_ROWS]
    shown += [r for r in rows if not r.errors][: max(0, SHOWN_ROWS - len(shown))]
    return render(
        request,
        "onboarding/preview.html",
        {
            "mission": mission,
            "upload": upload,
            "result": result,
            "summary": result.summary(),
            "shown": sorted(shown, key=lambda r: r.number),
            "hidden": len(rows) - len(shown),
            "columns_form": columns_form,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
def annotated(request: AuthedRequest, pk: int, upload_id: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    upload = get_object_or_404(SheetUpload, pk=upload_id, mission=mission)
    result = importing.import_preview(
        mission=mission,
        side=upload.side,
        data=bytes(upload.data),
        name=upload.name,
        columns=_columns(upload),
        actor=request.user,
    )
    stem = upload.name.rsplit(".", 1)[0][:80] or "impor"
    return download(importing.annotated_workbook(result), f"{stem}-periksa.xlsx", XLSX)
