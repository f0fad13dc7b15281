"""Document wording comes from the templates in `templates/documents/wording/`: a methodologist who
edits one changes the Положение, the orders and the analytical note without touching code."""

from __future__ import annotations

import pytest

from mentoring.lib.wording import render_wording, sections, take_fields
from people.tests.factories import OrganizationFactory
from reports.monitoring import indicators, notes, statistics
from reports.orders.tests.factories import launch_order
from reports.publication import standard as regulation_text


@pytest.fixture
def edit_wording(settings, tmp_path):
    """Put an edited copy of a wording template in front of the shipped one."""
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]

    def edit(name: str, text: str) -> None:
        path = tmp_path / "documents" / "wording" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    return edit


def test_the_format_joins_wrapped_lines_keeps_list_items_and_escapes_nothing(edit_wording):
    edit_wording(
        "sample.txt",
        "{# a comment #}\n"
        "## Первый раздел\n"
        "{% if yes %}\n"
        "Длинная фраза о\n"
        "«{{ name }}».\n"
        "{% endif %}\n"
        "Список:\n"
        "— один;\n"
        "— два.\n"
        "\n\n"
        "Второй абзац\n"
        "deadline: завтра\n"
        "## Второй раздел\n"
        "Текст\n",
    )
    text = render_wording("documents/wording/sample.txt", {"yes": True, "name": 'ООО "Ромашка" & <Ко>'})
    assert sections(text) == [
        (
            "Первый раздел",
            [
                'Длинная фраза о «ООО "Ромашка" & <Ко>». Список:\n— один;\n— два.',
                "Второй абзац\ndeadline: завтра",
            ],
        ),
        ("Второй раздел", ["Текст"]),
    ]
    assert take_fields("Второй абзац\ndeadline: завтра") == ("Второй абзац", {"deadline": "завтра"})


@pytest.mark.django_db
def test_the_standard_text_is_read_from_its_template(edit_wording):
    edit_wording(
        "regulation.txt",
        "## Раздел\nПервый абзац о {{ organization.short_name }}.\n\nВторой{% if staff %} для педагогов{% endif %}.\n",
    )
    org = OrganizationFactory(short_name="МБОУ «СОШ № 3»")
    assert regulation_text.standard_sections(org, "staff") == [
        {"title": "Раздел", "text": "1.1. Первый абзац о МБОУ «СОШ № 3».\n1.2. Второй для педагогов."}
    ]
    assert regulation_text.standard_sections(org, "students")[0]["text"].endswith("1.2. Второй.")


@pytest.mark.django_db
def test_a_drafted_order_takes_its_wording_from_the_template_of_its_kind(edit_wording):
    edit_wording(
        "orders/launch.txt",
        "## title\nО новом порядке\n## preamble\nВ целях {{ organization.short_name }}\n"
        "## points\nНазначить куратором {{ curator }}.\nexecutor: {{ executor }}\ndeadline: сразу\n",
    )
    order = launch_order(OrganizationFactory(short_name="МБОУ «СОШ № 3»"))
    assert (order.title, order.preamble) == ("О новом порядке", "В целях МБОУ «СОШ № 3»")
    assert order.points == [
        {
            "text": "Назначить куратором Иванову Марию Петровну, заместителя директора по УВР.",
            "executor": "Иванова М.П.",
            "deadline": "сразу",
        }
    ]


def test_the_analytical_note_takes_its_sentences_from_the_templates(edit_wording):
    edit_wording("analytical_note/findings.txt", "{% load note_tags %}Наставников: {{ f.mentors }}.\n")
    edit_wording(
        "analytical_note/conclusions.txt",
        "## conclusions\n{% if overdue %}Просрочено: {{ overdue }}.{% endif %}\n## otherwise\nВсё хорошо.\n",
    )
    m = indicators.Monitoring(figures=statistics.Figures(mentors=3), activities_due=2, activities_on_time=1)
    assert notes.findings(m) == ["Наставников: 3."]
    assert notes.conclusions(m, []) == ["Просрочено: 1."]
    assert notes.conclusions(indicators.Monitoring(), []) == ["Всё хорошо."]
