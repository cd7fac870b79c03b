"""`{% deals_panel mission user %}`: the deals section of the mission page."""

from __future__ import annotations

from typing import Any

from django import template

from misidagang.accounts.models import Role
from misidagang.deals import access as perms
from misidagang.deals.models import Deal
from misidagang.deals.tally import mission_tally
from misidagang.missions.access import staffs, watches

register = template.Library()


@register.inclusion_tag("deals/_panel.html")
def deals_panel(mission: Any, user: Any) -> dict[str, Any]:
    staff = staffs(user, mission)
    reporter = perms.reporting_business(user, mission) is not None
    partner = perms.partner_kind(user) is not None
    signed_business = perms.is_user(user) and user.role == Role.BUSINESS
    deals = Deal.objects.filter(mission=mission)
    return {
        # A past mission known only from reports keeps its reported figure on the page.
        "hidden": mission.is_historical and not deals.exists(),
        "mission": mission,
        "tally": mission_tally(mission),
        "pending": deals.pending().count() if staff else 0,
        "staff": staff,
        "reporter": reporter,
        "partner": partner,
        "can_list": staff or signed_business or partner or watches(user, mission),
    }
