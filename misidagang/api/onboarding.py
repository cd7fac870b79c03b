"""The signed-in user (`GET /me`) and the businesses import (`POST /missions/{id}/imports`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from misidagang.accounts.types import AuthedRequest
from misidagang.api.auth import AUTH
from misidagang.api.schemas import ErrorOut
from misidagang.missions.access import mission_for_managing
from misidagang.missions.models import Mission
from misidagang.onboarding import importing

router = Router(tags=["onboarding"])


class MeOut(Schema):
    username: str
    role: str
    business_id: int | None
    program_wide: bool
    missions: list[dict[str, Any]]


class ImportIssue(Schema):
    row: int
    field: str
    message: str


class ImportOut(Schema):
    rows: int
    created: int
    updated: int
    unchanged: int
    errors: list[ImportIssue]
    warnings: list[ImportIssue]


@router.get("/me", response=MeOut, auth=AUTH, summary="The signed-in user")
def me(request: AuthedRequest):
    """Username, role, business and the missions the user organises, staffs or takes part in
    (session or token)."""
    user = request.user
    found = (
        Mission.objects.filter(
            Q(organisers=user) | Q(clerks=user) | Q(participants__business_id=user.business_id or 0)
        )
        .distinct()
        .order_by("-starts_at")
    )
    organised = set(user.organised_missions.values_list("pk", flat=True))
    clerked = set(user.clerked_missions.values_list("pk", flat=True))
    missions = [
        {
            "id": m.pk,
            "name": m.name,
            "as": "organiser"
            if m.pk in organised
            else "clerk"
            if m.pk in clerked
            else "participant",
        }
        for m in found
    ]
    return {
        "username": user.get_username(),
        "role": user.role,
        "business_id": user.business_id,
        "program_wide": user.program_wide,
        "missions": missions,
    }


@router.post(
    "/missions/{mission_id}/imports",
    response={200: ImportOut, 422: ImportOut | ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Import businesses and participants from a sheet",
)
def import_sheet(
    request: AuthedRequest,
    mission_id: int,
    file: UploadedFile = File(...),  # noqa: B008
    side: str = Form(...),  # noqa: B008
    dry_run: bool = Form(False),  # noqa: B008
):
    """Multipart upload (`file`, `side` = delegation|host, `dry_run`). 200 with the counts when
    the file is (or would be) imported whole; 422 with every row's errors when any row is bad
    (nothing written), as `misidagang importbusinesses --json` prints them."""
    mission = mission_for_managing(request.user, mission_id)
    data = file.read(importing.MAX_BYTES + 1)
    args = {"mission": mission, "side": side, "data": data, "name": file.name or "upload.csv"}
    try:
        if dry_run:
            result = importing.import_preview(**args, actor=request.user)
        else:
            result = importing.import_commit(**args, actor=request.user)
    except importing.ImportRefused as exc:
        return 422, exc.preview.summary()
    summary = result.summary()
    return (422 if summary["errors"] else 200), summary
