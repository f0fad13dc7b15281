"""Excel exports: openpyxl in write-only mode, streamed from a temporary file.

Every sheet has a title row (organization and date), a bold frozen header with an autofilter and
column widths; dates and numbers stay dates and numbers, and a share is a fraction (0.75) shown
with a percent format ("0%", "0.0%"), never a number of per cent. Totals rows come after the data,
in bold, outside the autofilter's range: filtering or sorting the data never moves them. Text that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) is written as an explicit text cell
with the quote prefix, so it shows as typed and never executes. Control characters, which the
file format cannot store, are dropped from every text.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from mentoring.lib.text import strip_control_characters

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_SHEET_TITLE = 31


@dataclass(frozen=True)
class Column:
    title: str
    width: float = 16
    number_format: str | None = None  # e.g. "DD.MM.YYYY", "0.0%", "0"


def is_dangerous(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def sheet_title(text: str, taken: set[str] | None = None) -> str:
    """A valid, unique worksheet title (31 characters, no []:*?/\\)."""
    clean = (
        "".join("_" if ch in "[]:*?/\\" else ch for ch in strip_control_characters(text)).strip() or "Лист"
    )
    title = clean[:MAX_SHEET_TITLE]
    if taken is not None:
        n = 2
        while title in taken:
            suffix = f" ({n})"
            title = clean[: MAX_SHEET_TITLE - len(suffix)] + suffix
            n += 1
        taken.add(title)
    return title


class SheetWriter:
    """One worksheet of a write-only workbook: title, header, then rows as they come."""

    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DCE6F1")
    title_font = Font(bold=True, size=12)

    def __init__(self, workbook: Workbook, title: str, columns: Sequence[Column], *, caption: str):
        self.ws = workbook.create_sheet(strip_control_characters(title))
        self.columns = list(columns)
        self._styled: dict[tuple[int, str], WriteOnlyCell] = {}
        for i, column in enumerate(self.columns, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = column.width
        # Row 1: caption; row 2: header; data from row 3. Freeze below the header.
        self.ws.freeze_panes = "A3"
        last = get_column_letter(max(1, len(self.columns)))
        self.rows = 0
        self.totals = 0
        self.ws.auto_filter.ref = f"A2:{last}2"
        self._last_letter = last
        caption_cell = WriteOnlyCell(self.ws, value=strip_control_characters(caption))
        caption_cell.font = self.title_font
        self.ws.append([caption_cell])
        header = []
        for column in self.columns:
            cell = WriteOnlyCell(self.ws, value=strip_control_characters(column.title))
            cell.font = self.header_font
            cell.fill = self.header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            header.append(cell)
        self.ws.append(header)

    def append(self, values: Sequence[object]) -> None:
        if self.totals:
            raise ValueError("a data row after the totals: the totals must stay below the filtered range")
        self.ws.append(self._row(values))
        self.rows += 1

    def append_total(self, values: Sequence[object]) -> None:
        """A totals row («Итого»), in bold, below the data and outside the autofilter's range."""
        row = []
        for value in self._row(values):
            styled = isinstance(value, Cell)  # a cell with a number format or the quote prefix
            cell = WriteOnlyCell(self.ws, value=value.value if styled else value)
            if styled:
                cell.number_format = value.number_format
                cell.quotePrefix = value.quotePrefix
                cell.data_type = value.data_type
            cell.font = self.header_font
            row.append(cell)
        self.ws.append(row)
        self.totals += 1

    def _row(self, values: Sequence[object]) -> list:
        # Plain text and numbers go in as values (openpyxl reuses one cell for them); only what
        # needs a format or the quote prefix goes in as a styled cell, one per column, reused row
        # after row: openpyxl writes a row out as soon as it is appended.
        row = []
        for index, (column, value) in enumerate(zip(self.columns, values, strict=False)):
            if type(value) is str:
                value = strip_control_characters(value)
            if value is None or (type(value) is str and not value.startswith(FORMULA_PREFIXES)):
                if value is not None and column.number_format:
                    value = self._cell(index, column.number_format, value)
                row.append(value)
                continue
            if isinstance(value, datetime) and timezone.is_aware(value):
                value = timezone.localtime(value).replace(tzinfo=None)
            if is_dangerous(value):
                cell = self._cell(index, "text", value)
                cell.data_type = "s"
            elif column.number_format:
                cell = self._cell(index, column.number_format, value)
            elif isinstance(value, datetime):
                cell = self._cell(index, "DD.MM.YYYY HH:MM", value)
            elif isinstance(value, date):
                cell = self._cell(index, "DD.MM.YYYY", value)
            else:
                cell = value
            row.append(cell)
        return row

    def _cell(self, index: int, style: str, value: object) -> WriteOnlyCell:
        """The styled cell of column `index` (a number format, or "text" for the quote prefix)."""
        cell = self._styled.get((index, style))
        if cell is None:
            cell = WriteOnlyCell(self.ws)
            if style == "text":
                cell.quotePrefix = True
            else:
                cell.number_format = style
            self._styled[(index, style)] = cell
        cell.value = value
        return cell

    def extend(self, rows: Iterable[Sequence[object]]) -> None:
        for row in rows:
            self.append(row)

    def close(self) -> None:
        # The data rows only: the header is row 2, the data rows 3 … rows + 2, then the totals.
        self.ws.auto_filter.ref = f"A2:{self._last_letter}{self.rows + 2}"


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def caption_for(organization_name: str, title: str) -> str:
    return f"{title} — {organization_name}, сформировано {timezone.localdate():%d.%m.%Y}"


def xlsx_file(workbook: Workbook, filename_stem: str) -> tuple[str, IO[bytes]]:
    """(Russian file name, the workbook saved to a temporary file): memory stays flat."""
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return f"{filename_stem} {timezone.localdate():%d.%m.%Y}.xlsx", handle


def xlsx_response(workbook: Workbook, filename_stem: str) -> FileResponse:
    """Save to a temporary file and stream it with a Russian file name."""
    filename, handle = xlsx_file(workbook, filename_stem)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
