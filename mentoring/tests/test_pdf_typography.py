"""Typography of every PDF: «№» stays with its number, running text is hyphenated but names never
are, and download names never get a double dot after an initial."""

from __future__ import annotations

import pytest

from mentoring.lib import pdf
from mentoring.tests.pdf import join_lines, page_lines, pdf_text


def test_number_sign_is_joined_to_its_number_by_a_non_breaking_space():
    assert pdf.NUMBER_SIGN.sub("№\u00a0", "приказ № 12-од, школа №  7, № ______") == (
        "приказ №\u00a012-од, школа №\u00a07, №\u00a0______"
    )


@pytest.fixture
def narrow(settings, tmp_path):
    """Render `html` as a paragraph of documents/base.html `width` wide."""

    def render(html: str, width: str = "62mm") -> bytes:
        template = tmp_path / "narrow.html"
        template.write_text(
            '{% extends "documents/base.html" %}{% block style %}p { width: ' + width + "; }{% endblock %}"
            "{% block body %}<p>" + html + "</p>{% endblock %}",
            encoding="utf-8",
        )
        return pdf.render_pdf("narrow.html", {})

    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], str(tmp_path)]}]
    return render


def test_a_number_at_the_line_end_moves_with_the_sign(narrow):
    # A line that would break right after «№» in a narrow column: the number must come along.
    lines = page_lines(narrow("Текст приказа " * 3 + "№ 1234567-од"))
    assert not any(line.endswith("№") for line in lines), lines


TEXT = (
    "Наставничество педагогических работников общеобразовательных организаций осуществляется "
    "посредством персонализированных программ, утверждаемых распорядительным актом руководителя "
)


def test_running_text_is_hyphenated_and_reads_back_whole(narrow):
    content = narrow(TEXT * 2)
    lines = page_lines(content)
    hyphenated = [line for line in lines if line.endswith("\u2010")]
    assert hyphenated, lines
    assert pdf_text(content) == " ".join((TEXT * 2).split())


@pytest.mark.parametrize("width", ["48mm", "55mm", "70mm"])
def test_names_and_capitalized_words_are_never_hyphenated(narrow, width):
    names = (
        "Петровой-Водкиной Александре Вячеславовне, Константиновой Анастасии Владиславовне, "
        "Преображенскому Святославу Всеволодовичу, Ярославцевой Евдокии Феофилактовне"
    )
    content = narrow(f"{TEXT}{names}, {TEXT}", width=width)
    lines = page_lines(content)
    assert any(line.endswith("\u2010") for line in lines), lines  # the text around them is
    for line in lines:
        if line.endswith("\u2010"):
            last = line.split()[-1].lstrip("«(")
            assert last[:1].islower(), f"a capitalized word split: {line!r}"
    assert pdf_text(content) == " ".join(f"{TEXT}{names}, {TEXT}".split())


def test_the_test_helper_joins_hyphenated_words_and_keeps_written_hyphens():
    assert join_lines("наставни\u2010\nчество  педагог-\nорганизатор\nИванова") == (
        "наставничество педагог-организатор Иванова"
    )
    assert (
        join_lines("подпи\u00ad\nсание, пол\u00adномочия, 2025 -\n2026")
        == "подписание, полномочия, 2025 - 2026"
    )


def test_download_name_drops_the_double_dot_after_an_initial():
    assert pdf.download_name("Благодарственное письмо — Петрова Ю.К..pdf") == (
        "Благодарственное письмо — Петрова Ю.К.pdf"
    )
    assert pdf.download_name("Приказ от 01.09.2025 № 4-од.docx") == "Приказ от 01.09.2025 № 4-од.docx"
    response = pdf.pdf_response(b"%PDF", "Письмо — Ким О.С..pdf")
    assert "..pdf" not in response["Content-Disposition"]
