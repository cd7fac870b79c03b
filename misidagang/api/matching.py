from __future__ import annotations

from ninja import Router, Schema

from misidagang.accounts.types import AuthedRequest
from misidagang.api.auth import AUTH
from misidagang.matching import services
from misidagang.matching.views import participant_for
from misidagang.missions.access import mission_for_staff, mission_for_viewing

router = Router(tags=["matching"])


class CandidateOut(Schema):
    participant_id: int
    business_id: int
    name: str
    offer_id: int | None
    offer: str | None
    score: float
    reasons: list[str]


class NeedOut(Schema):
    need_id: int
    need: str
    hs: str
    candidates: list[CandidateOut]


class RefreshOut(Schema):
    needs: int
    with_good_partner: int
    solve_ms: int
    computed_at: str


@router.get(
    "/missions/{mission_id}/participants/{participant_id}/recommendations",
    response=list[NeedOut],
    auth=AUTH,
    summary="Recommended partners for each need of a participant, best first",
)
def participant_recommendations(request: AuthedRequest, mission_id: int, participant_id: int):
    mission = mission_for_viewing(request.user, mission_id)
    participant = participant_for(request.user, mission, str(participant_id))
    if participant.pk != participant_id:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    view = services.participant_view(mission, participant)
    return [
        {
            "need_id": n.listing.pk,
            "need": n.listing.text,
            "hs": n.listing.hs,
            "candidates": [
                {
                    "participant_id": c.participant.pk,
                    "business_id": c.participant.business_id,
                    "name": c.participant.business.display_name,
                    "offer_id": c.listing.pk if c.listing else None,
                    "offer": c.listing.text if c.listing else None,
                    "score": round(c.score, 4),
                    "reasons": c.reasons,
                }
                for c in n.candidates
            ],
        }
        for n in view["needs"]
    ]


@router.post(
    "/missions/{mission_id}/recommendations/refresh",
    response=RefreshOut,
    auth=AUTH,
    summary="Recompute the mission's recommendations now",
)
def refresh(request: AuthedRequest, mission_id: int):
    mission = mission_for_staff(request.user, mission_id)
    rec = services.mission_recommendations(mission, force=True)
    cov = services.coverage(mission)
    return {
        "needs": cov["needs"],
        "with_good_partner": cov["met"],
        "solve_ms": rec.solve_ms,
        "computed_at": rec.computed_at.isoformat(),
    }
