"""`{% meetings_panel %}`: the temu-bisnis section of the mission page, per role."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count, Q

from misidagang.meetings import access
from misidagang.meetings.models import Meeting, MeetingRequest
from misidagang.missions.access import manages, staffs

register = template.Library()


@register.inclusion_tag("meetings/_panel.html", takes_context=True)
def meetings_panel(context: dict[str, Any]) -> dict[str, Any]:
    mission, user = context["mission"], context.get("user")
    if mission.is_historical:
        return {"show": False}
    staff = staffs(user, mission)
    own = access.own_participant(user, mission)
    requests = MeetingRequest.objects.filter(mission=mission)
    if own is not None and not staff:
        requests = requests.involving(own)
    counts = requests.aggregate(
        pending=Count("id", filter=Q(status="pending")),
        incoming=Count("id", filter=Q(status="pending", counterpart=own))
        if own
        else Count("id", filter=Q(pk=None)),
        accepted=Count("id", filter=Q(status="accepted")),
    )
    meetings = Meeting.objects.filter(mission=mission).live()
    return {
        "show": True,
        "mission": mission,
        "staff": staff,
        "manager": manages(user, mission),
        "own": own,
        "counts": counts,
        "scheduled": meetings.count(),
        "mine": meetings.involving(own).count() if own else 0,
    }
