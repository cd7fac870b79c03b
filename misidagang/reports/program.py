"""The program report: every mission of the program, past (reported figures from the news)
and recorded in our ledger (confirmed, non-voided deals), per year, partner province and
commodity, cumulative since the first mission. Sums are done by the database."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, Q, Sum

from misidagang.deals.models import Deal, Direction
from misidagang.missions.models import Mission, Participant
from misidagang.reports.commodities import group_by_heading
from misidagang.reports.models import LedgerSummary

HISTORY, LEDGER = "riwayat", "buku"


@dataclass
class MissionRow:
    id: int
    name: str
    year: int
    date: str  # ISO, to the known precision: "2019", "2019-10" or "2019-10-24"
    city: str
    province_code: str
    province: str
    source: str  # HISTORY (reported in the news) or LEDGER (our deal ledger)
    committed_idr: int
    realised_idr: int | None  # unknown for past missions
    sell_idr: int | None
    buy_idr: int | None
    invest_idr: int | None
    transactions: int | None
    commodities: list[str] = field(default_factory=list)
    reported: bool = True  # False when a past mission's total was never published


def _date(m: Mission) -> str:
    local = m.local(m.starts_at)
    return {"year": f"{local:%Y}", "month": f"{local:%Y-%m}"}.get(
        m.date_precision, f"{local:%Y-%m-%d}"
    )


def _ledger() -> tuple[Any, Any]:
    """(rows, count expression): the database-kept summary on PostgreSQL, the deals elsewhere."""
    if connection.vendor == "postgresql":
        return LedgerSummary.objects.filter(deals__gt=0), Sum("deals")
    return Deal.objects.counted(), Count("id")


def held_missions() -> Any:
    """Missions of the program: past ones, and our own once they run or have deals."""
    with_deals = _ledger()[0].values("mission_id")
    return (
        Mission.objects.exclude(status=Mission.Status.DRAFT)
        .filter(
            Q(is_historical=True)
            | Q(status__in=[Mission.Status.RUNNING, Mission.Status.CLOSED])
            | Q(pk__in=with_deals)
        )
        .select_related("host_province")
        .order_by("starts_at", "pk")
    )


def ledger_by_mission(mission_ids: list[int]) -> dict[int, dict[str, int]]:
    """One GROUP BY over the counted deals of these missions."""
    ledger, count = _ledger()
    rows = (
        ledger.filter(mission_id__in=mission_ids)
        .values("mission_id")
        .annotate(
            total=Sum("value_idr"),
            realised=Sum("realised_idr"),
            n=count,
            jual=Sum("value_idr", filter=Q(direction=Direction.JUAL)),
            beli=Sum("value_idr", filter=Q(direction=Direction.BELI)),
            investasi=Sum("value_idr", filter=Q(direction=Direction.INVESTASI)),
        )
        .order_by()
    )
    return {r["mission_id"]: {k: int(v or 0) for k, v in r.items()} for r in rows}


def ledger_commodities(mission_ids: list[int], limit: int = 40) -> list[dict[str, Any]]:
    """Ledger value per HS heading (named from the catalogue), or per commodity text when
    no HS was given."""
    ledger, count = _ledger()
    rows = (
        ledger.filter(mission_id__in=mission_ids)
        .values("hs", "commodity")
        .annotate(total=Sum("value_idr"), n=count, realised=Sum("realised_idr"))
        .order_by()
    )
    return group_by_heading(rows)[:limit]


def mission_rows() -> list[MissionRow]:
    missions = list(held_missions())
    ledger = ledger_by_mission([m.pk for m in missions if not m.is_historical])
    rows = []
    for m in missions:
        base = dict(
            id=m.pk,
            name=m.name,
            year=m.local(m.starts_at).year,
            date=_date(m),
            city=m.city_label,
            province_code=m.host_province_id,
            province=m.host_province.name,
        )
        if m.is_historical:
            rows.append(
                MissionRow(
                    **base,
                    source=HISTORY,
                    committed_idr=m.reported_total_idr or 0,
                    realised_idr=None,
                    sell_idr=m.reported_sell_idr,
                    buy_idr=m.reported_buy_idr,
                    invest_idr=m.reported_invest_idr,
                    transactions=m.reported_transactions,
                    commodities=[c.strip() for c in m.top_commodities.split(";") if c.strip()],
                    reported=m.reported_total_idr is not None,
                )
            )
        else:
            t = ledger.get(m.pk, {})
            rows.append(
                MissionRow(
                    **base,
                    source=LEDGER,
                    committed_idr=t.get("total", 0),
                    realised_idr=t.get("realised", 0),
                    sell_idr=t.get("jual", 0),
                    buy_idr=t.get("beli", 0),
                    invest_idr=t.get("investasi", 0),
                    transactions=t.get("n", 0),
                )
            )
    return rows


def _group(rows: list[MissionRow], key: Any) -> dict[Any, dict[str, Any]]:
    out: dict[Any, dict[str, Any]] = {}
    for r in rows:
        g = out.setdefault(
            key(r), {"missions": 0, "total_idr": 0, "realised_idr": 0, "ledger_committed_idr": 0}
        )
        g["missions"] += 1
        g["total_idr"] += r.committed_idr
        if r.source == LEDGER:
            g["ledger_committed_idr"] += r.committed_idr
            g["realised_idr"] += r.realised_idr or 0
    return out


def program_report() -> dict[str, Any]:
    rows = mission_rows()
    by_year = [{"year": y, **g} for y, g in sorted(_group(rows, lambda r: r.year).items())]
    running = 0
    for y in by_year:
        running += y["total_idr"]
        y["cumulative_idr"] = running
    provinces = _group(rows, lambda r: (r.province_code, r.province))
    by_province = sorted(
        ({"code": c, "province": n, **g} for (c, n), g in provinces.items()),
        key=lambda p: (-p["total_idr"], p["province"]),
    )
    mentions: dict[str, int] = defaultdict(int)
    for r in rows:
        for c in {c.lower() for c in r.commodities}:
            mentions[c] += 1
    history_commodities = sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))
    ledger_ids = [r.id for r in rows if r.source == LEDGER]
    ledger_rows = [r for r in rows if r.source == LEDGER]
    ledger_committed = sum(r.committed_idr for r in ledger_rows)
    ledger_realised = sum(r.realised_idr or 0 for r in ledger_rows)
    return {
        "missions": len(rows),
        "total_idr": sum(r.committed_idr for r in rows),
        "history": {
            "missions": len(rows) - len(ledger_rows),
            "total_idr": sum(r.committed_idr for r in rows if r.source == HISTORY),
            "unreported": sum(1 for r in rows if not r.reported),
        },
        "ledger": {
            "missions": len(ledger_rows),
            "committed_idr": ledger_committed,
            "realised_idr": ledger_realised,
            "realisation_rate": (ledger_realised / ledger_committed) if ledger_committed else None,
        },
        "first_year": rows[0].year if rows else None,
        "by_year": by_year,
        "by_province": by_province,
        "history_commodities": [{"commodity": c, "missions": n} for c, n in history_commodities],
        "ledger_commodities": ledger_commodities(ledger_ids) if ledger_ids else [],
        "rows": rows,
    }


def program_totals() -> dict[str, int]:
    """The home page's headline: missions held and their value (reported figures for past
    missions, the ledger for missions run here), and delegation
    businesses taken along."""
    rows = mission_rows()
    held = Mission.objects.exclude(status=Mission.Status.DRAFT)
    reported = held.filter(is_historical=True).aggregate(n=Sum("reported_delegation"))["n"] or 0
    joined = Participant.objects.filter(
        mission__in=held.filter(is_historical=False), side=Participant.Side.DELEGATION
    ).count()
    return {
        "missions": len(rows),
        "total_idr": sum(r.committed_idr for r in rows),
        "delegation_businesses": reported + joined,
    }
