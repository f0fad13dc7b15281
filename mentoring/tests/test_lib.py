"""The shared document and spreadsheet helpers."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader

from mentoring.lib import xlsx
from mentoring.lib.pdf import render_pdf
from mentoring.tests.pdf import page_texts


def _build(rows):
    wb = xlsx.new_workbook()
    sheet = xlsx.SheetWriter(
        wb,
        "Реестр",
        [xlsx.Column("ФИО", 30), xlsx.Column("Дата", 12), xlsx.Column("Стаж", 8, "0")],
        caption="Реестр — Школа, сформировано",
    )
    sheet.extend(rows)
    sheet.close()
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return load_workbook(buffer)["Реестр"]


def test_formulas_are_neutralised_and_types_kept():
    ws = _build([['=HYPERLINK("http://evil")', date(2024, 9, 1), 3], ["+7 900", None, None], ["@x", None, 0]])
    assert ws["A1"].value.startswith("Реестр")
    assert ws["A2"].value == "ФИО" and ws["A2"].font.bold
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:C5"
    cell = ws["A3"]
    assert cell.data_type == "s" and cell.quotePrefix and cell.value == '=HYPERLINK("http://evil")'
    assert ws["A4"].data_type == "s" and ws["A4"].quotePrefix
    assert ws["B3"].is_date and ws["B3"].value.date() == date(2024, 9, 1)
    assert ws["C3"].data_type == "n" and ws["C3"].value == 3


def test_sheet_titles_are_valid_and_unique():
    taken: set[str] = set()
    first = xlsx.sheet_title("МОУ СШ № 3 / Тракторозаводский район Волгограда", taken)
    second = xlsx.sheet_title("МОУ СШ № 3 / Тракторозаводский район Волгограда", taken)
    assert len(first) <= 31 and "/" not in first
    assert first != second and len(second) <= 31


def test_pdf_renders_cyrillic_with_embedded_font(tmp_path, settings):
    engine = {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    settings.TEMPLATES = [engine]
    (tmp_path / "t.html").write_text(
        '{% extends "documents/base.html" %}{% block body %}<p>Приказываю: назначить Иванову Марию Петровну</p>{% endblock %}',
        encoding="utf-8",
    )
    pdf = render_pdf("t.html", {})
    reader = PdfReader(io.BytesIO(pdf))
    assert "назначить Иванову Марию Петровну" in page_texts(pdf)[0]
    fonts = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    # A subset prefix ("ABCDEF+") means the shipped font is embedded, not referenced.
    assert any(f.endswith("+Doc-Serif") for f in fonts)


def test_totals_stand_below_the_autofilter_in_bold():
    wb = xlsx.new_workbook()
    sheet = xlsx.SheetWriter(
        wb, "Сводка", [xlsx.Column("Этап", 30), xlsx.Column("Выполнено", 10, "0%")], caption="Сводка"
    )
    sheet.extend([["1", 0.25], ["2", 0.75]])
    sheet.append_total(["Итого", 0.5])
    sheet.close()
    buffer = io.BytesIO()
    wb.save(buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue()))["Сводка"]
    assert ws.auto_filter.ref == "A2:B4"
    assert ws["A5"].value == "Итого" and ws["A5"].font.bold
    assert ws["B5"].value == 0.5 and ws["B5"].number_format == "0%" and ws["B5"].font.bold
    assert ws["B3"].value == 0.25 and ws["B3"].number_format == "0%"


def test_a_data_row_after_the_totals_is_refused():
    import pytest

    wb = xlsx.new_workbook()
    sheet = xlsx.SheetWriter(wb, "Сводка", [xlsx.Column("Этап", 30)], caption="Сводка")
    sheet.append_total(["Итого"])
    with pytest.raises(ValueError):
        sheet.append(["1"])
    sheet.close()
    wb.save(io.BytesIO())  # the write-only sheet is finished, not left open


def test_a_sentence_ending_in_initials_gets_no_second_period():
    from mentoring.lib.text import sentence

    assert sentence("Действует пара: Петров И. С.") == "Действует пара: Петров И. С."
    assert sentence("Действует пара: Петров И.С.  ") == "Действует пара: Петров И.С."
    assert sentence("Срок — до 1 сентября") == "Срок — до 1 сентября."
    assert sentence("Готово!") == "Готово!" and sentence("") == ""
