"""PostgreSQL keeps reports_ledgersummary exact: a row trigger on deals_deal moves each deal's
contribution in the same transaction as the deal write (insert, update, delete), and a
statement trigger empties the summary on TRUNCATE. Existing deals are summed once here."""

from django.db import migrations

KEY = "(mission_id, direction, hs, commodity)"
UPSERT = """
    INSERT INTO reports_ledgersummary (mission_id, direction, hs, commodity, deals, value_idr,
                                       realised_idr)
    VALUES ({r}.mission_id, {r}.direction, {r}.hs, {r}.commodity, {s}1, {s}{r}.value_idr,
            {s}{r}.realised_idr)
    ON CONFLICT {key} DO UPDATE SET
        deals = reports_ledgersummary.deals + EXCLUDED.deals,
        value_idr = reports_ledgersummary.value_idr + EXCLUDED.value_idr,
        realised_idr = reports_ledgersummary.realised_idr + EXCLUDED.realised_idr;"""

FORWARD = f"""
CREATE OR REPLACE FUNCTION reports_ledger_summary_row() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.confirmed_at IS NOT NULL
            AND OLD.voided_at IS NULL THEN
        {UPSERT.format(r="OLD", s="-", key=KEY)}
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.confirmed_at IS NOT NULL
            AND NEW.voided_at IS NULL THEN
        {UPSERT.format(r="NEW", s="", key=KEY)}
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION reports_ledger_summary_truncate() RETURNS trigger AS $$
BEGIN
    DELETE FROM reports_ledgersummary;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS reports_ledger_summary_row ON deals_deal;
CREATE TRIGGER reports_ledger_summary_row AFTER INSERT OR UPDATE OR DELETE ON deals_deal
    FOR EACH ROW EXECUTE FUNCTION reports_ledger_summary_row();
DROP TRIGGER IF EXISTS reports_ledger_summary_truncate ON deals_deal;
CREATE TRIGGER reports_ledger_summary_truncate AFTER TRUNCATE ON deals_deal
    FOR EACH STATEMENT EXECUTE FUNCTION reports_ledger_summary_truncate();

DELETE FROM reports_ledgersummary;
INSERT INTO reports_ledgersummary (mission_id, direction, hs, commodity, deals, value_idr,
                                   realised_idr)
SELECT mission_id, direction, hs, commodity, count(*), sum(value_idr), sum(realised_idr)
FROM deals_deal WHERE confirmed_at IS NOT NULL AND voided_at IS NULL
GROUP BY mission_id, direction, hs, commodity;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS reports_ledger_summary_row ON deals_deal;
DROP TRIGGER IF EXISTS reports_ledger_summary_truncate ON deals_deal;
DROP FUNCTION IF EXISTS reports_ledger_summary_row();
DROP FUNCTION IF EXISTS reports_ledger_summary_truncate();
"""


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("deals", "0001_initial"),
    ]
    operations = [migrations.RunPython(forward, backward)]
