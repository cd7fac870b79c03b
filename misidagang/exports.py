"""Tables out: Excel (openpyxl) and CSV. Pure functions over plain rows. No Django.

A civil servant pivots these: one header row, no merged cells, numbers typed as numbers
(Rupiah as whole numbers with a thousands format), dates as text to their known precision.

Text is only ever text: a business name or a commodity typed as `=1+2` or `=HYPERLINK(…)` (any
business can report a deal) is written as a string cell in Excel and with a leading apostrophe
in CSV, so no spreadsheet runs it as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

RUPIAH_FORMAT = "#,##0"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    name: str  # sheet name, at most 31 characters
    headers: list[str]
    rows: list[list[object]]
    money: Sequence[int] = ()  # indexes of Rupiah columns


def to_xlsx(tables: Sequence[Table]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.name[:31])
        sheet.append(table.headers)
        for row in table.rows:
            sheet.append([_cell(v) for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    cell.data_type = "s"  # openpyxl would otherwise write it as a formula
        for col in table.money:
            letter = get_column_letter(col + 1)
            for cell in sheet[letter][1:]:
                cell.number_format = RUPIAH_FORMAT
        for i, header in enumerate(table.headers, start=1):
            longest = max([len(str(header))] + [len(str(r[i - 1] or "")) for r in table.rows[:200]])
            sheet.column_dimensions[get_column_letter(i)].width = min(max(10, longest + 2), 60)
        sheet.freeze_panes = "A2"
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)  # lazy translations and the like


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow(["" if v is None else _csv_cell(_cell(v)) for v in row])
    return out.getvalue()


def _csv_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
