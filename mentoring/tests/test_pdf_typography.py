"""Typography of every PDF: «№» stays with its number, and download names never get a double dot
after an initial."""

from __future__ import annotations

import io

from pypdf import PdfReader

from mentoring.lib import pdf


def test_number_sign_is_joined_to_its_number_by_a_non_breaking_space():
    assert pdf.NUMBER_SIGN.sub("№\u00a0", "приказ № 12-од, школа №  7, № ______") == (
        "приказ №\u00a012-од, школа №\u00a07, №\u00a0______"
    )


def test_a_number_at_the_line_end_moves_with_the_sign(settings, tmp_path):
    # A line that would break right after «№» in a narrow column: the number must come along.
    from django.template import engines

    engine = engines["django"]
    html = "Текст приказа " * 3 + "№ 1234567-од"
    template = tmp_path / "narrow.html"
    template.write_text(
        '{% extends "documents/base.html" %}{% block style %}p { width: 62mm; }{% endblock %}'
        "{% block body %}<p>" + html + "</p>{% endblock %}",
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], str(tmp_path)]}]
    del engine
    content = pdf.render_pdf("narrow.html", {})
    lines = [line.strip() for line in PdfReader(io.BytesIO(content)).pages[0].extract_text().splitlines()]
    assert not any(line.endswith("№") for line in lines), lines


def test_download_name_drops_the_double_dot_after_an_initial():
    assert pdf.download_name("Благодарственное письмо — Петрова Ю.К..pdf") == (
        "Благодарственное письмо — Петрова Ю.К.pdf"
    )
    assert pdf.download_name("Приказ от 01.09.2025 № 4-од.docx") == "Приказ от 01.09.2025 № 4-од.docx"
    response = pdf.pdf_response(b"%PDF", "Письмо — Ким О.С..pdf")
    assert "..pdf" not in response["Content-Disposition"]
