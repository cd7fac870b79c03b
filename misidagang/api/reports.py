"""Published reports. Public: figures only, no personal data."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from misidagang.reports.program import program_report

router = Router(tags=["reports"])


class YearOut(Schema):
    year: int
    missions: int
    total_idr: int
    cumulative_idr: int
    ledger_committed_idr: int
    realised_idr: int


class ProvinceOut(Schema):
    code: str
    province: str
    missions: int
    total_idr: int
    realised_idr: int


class HistoryCommodityOut(Schema):
    commodity: str
    missions: int


class LedgerCommodityOut(Schema):
    commodity: str
    hs: str
    deals: int
    total_idr: int
    realised_idr: int


class MissionRowOut(Schema):
    id: int
    name: str
    year: int
    date: str
    city: str
    province_code: str
    source: str
    reported: bool
    total_idr: int | None
    realised_idr: int | None
    sell_idr: int | None
    buy_idr: int | None
    invest_idr: int | None
    transactions: int | None


class PartOut(Schema):
    missions: int
    total_idr: int


class LedgerPartOut(Schema):
    missions: int
    committed_idr: int
    realised_idr: int


class ProgramOut(Schema):
    missions: int
    total_idr: int
    realised_idr: int
    history: PartOut
    ledger: LedgerPartOut
    by_year: list[YearOut]
    by_province: list[ProvinceOut]
    history_commodities: list[HistoryCommodityOut]
    ledger_commodities: list[LedgerCommodityOut]
    missions_list: list[MissionRowOut]


@router.get("/reports/program", response=ProgramOut, summary="The program report")
def program(request: HttpRequest):
    """Every mission of the program: past missions with their reported figures (`source`
    "riwayat") and ledger missions with confirmed, non-voided deals (`source` "buku")."""
    r = program_report()
    return {
        **r,
        "realised_idr": r["ledger"]["realised_idr"],
        "missions_list": [
            {**row.__dict__, "total_idr": row.committed_idr if row.reported else None}
            for row in r["rows"]
        ],
    }
