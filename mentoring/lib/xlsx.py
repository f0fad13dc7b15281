"""Excel exports: openpyxl in write-only mode, streamed from a temporary file.

Every sheet has a title row (organization and date), a bold frozen header with an autofilter and
column widths; dates and numbers stay dates and numbers. Text that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) is written as an explicit text cell
with the quote prefix, so it shows as typed and never executes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

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
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in text).strip() or "Лист"
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
        self.ws = workbook.create_sheet(title)
        self.columns = list(columns)
        for i, column in enumerate(self.columns, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = column.width
        # Row 1: caption; row 2: header; data from row 3. Freeze below the header.
        self.ws.freeze_panes = "A3"
        last = get_column_letter(max(1, len(self.columns)))
        self.rows = 0
        self.ws.auto_filter.ref = f"A2:{last}2"
        self._last_letter = last
        caption_cell = WriteOnlyCell(self.ws, value=caption)
        caption_cell.font = self.title_font
        self.ws.append([caption_cell])
        header = []
        for column in self.columns:
            cell = WriteOnlyCell(self.ws, value=column.title)
            cell.font = self.header_font
            cell.fill = self.header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            header.append(cell)
        self.ws.append(header)

    def append(self, values: Sequence[object]) -> None:
        cells = []
        for column, value in zip(self.columns, values, strict=False):
            if isinstance(value, datetime):
                value = timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
            cell = WriteOnlyCell(self.ws, value=value)
            if is_dangerous(value):
                cell.data_type = "s"
                cell.quotePrefix = True
            elif column.number_format and value is not None:
                cell.number_format = column.number_format
            elif isinstance(value, date) and not isinstance(value, datetime):
                cell.number_format = "DD.MM.YYYY"
            elif isinstance(value, datetime):
                cell.number_format = "DD.MM.YYYY HH:MM"
            cells.append(cell)
        self.ws.append(cells)
        self.rows += 1

    def extend(self, rows: Iterable[Sequence[object]]) -> None:
        for row in rows:
            self.append(row)

    def close(self) -> None:
        self.ws.auto_filter.ref = f"A2:{self._last_letter}{self.rows + 2}"


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def caption_for(organization_name: str, title: str) -> str:
    return f"{title} — {organization_name}, сформировано {timezone.localdate():%d.%m.%Y}"


def xlsx_response(workbook: Workbook, filename_stem: str) -> FileResponse:
    """Save to a temporary file (memory stays flat) and stream it with a Russian file name."""
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    filename = f"{filename_stem} {timezone.localdate():%d.%m.%Y}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
