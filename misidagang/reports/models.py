"""A summary of the deal ledger kept exact by PostgreSQL itself (see migration 0001): one row
per mission × direction × HS × commodity with the counted deals (confirmed, not voided).
On SQLite the reports aggregate the deals directly and this table stays empty."""

from __future__ import annotations

from django.db import models


class LedgerSummary(models.Model):
    mission = models.ForeignKey(
        "missions.Mission", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    direction = models.CharField(max_length=10)
    hs = models.CharField(max_length=8)
    commodity = models.CharField(max_length=200)
    deals = models.BigIntegerField(default=0)
    value_idr = models.BigIntegerField(default=0)
    realised_idr = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "direction", "hs", "commodity"], name="ledger_summary_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mission_id} {self.direction} {self.hs} {self.commodity}"
