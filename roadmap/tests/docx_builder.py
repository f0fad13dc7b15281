"""Small Word files for tests, built with python-docx."""

from __future__ import annotations

import io

import docx


def build_docx(
    rows: list[list[str]], *, before: list[str] = (), merge_full_width: tuple[int, ...] = ()
) -> bytes:
    """A document with paragraphs `before` and one table; rows listed in `merge_full_width` are
    merged into one cell spanning the table (a section heading row)."""
    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for i, row in enumerate(rows):
        if i in merge_full_width:
            cell = table.cell(i, 0).merge(table.cell(i, width - 1))
            cell.text = row[0]
            continue
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_docx_without_table(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
