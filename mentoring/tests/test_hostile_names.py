"""Names such as `<script>alert(1)</script>` and `=HYPERLINK(…)` are harmless everywhere they are
shown: escaped in pages, plain text in PDFs, inert text cells in Excel."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jobs.testing import export
from mentoring.tests.pdf import pdf_text
from pairs import actions
from pairs.models import Meeting
from pairs.tests.factories import give_consent, log_meeting, make_pair
from people.tests.factories import MenteeFactory, MentorFactory, PersonFactory
from reports.orders.tests.test_order_pdf import flat
from roadmap.tests.factories import ActivityFactory, RoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","y")'


@pytest.fixture
def hostile_pair(world):
    mentor = MentorFactory(
        person=PersonFactory(organization=world.org, last_name=SCRIPT), organization=world.org
    )
    mentee = MenteeFactory(
        person=PersonFactory(organization=world.org, last_name=FORMULA), organization=world.org
    )
    give_consent(mentor.person)
    give_consent(mentee.person)
    pair = make_pair(world.org, [mentor], [mentee])
    program = actions.program_create_from_template(pair, "young_teacher", actor=None)
    program.goals = SCRIPT
    program.save()
    return pair


def _assert_escaped(html: str) -> None:
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pages_escape_the_names(world, login, hostile_pair):
    client = login(world.users["curator"])
    mentor_person = hostile_pair.pair_mentors.get().mentor.person
    for url in (
        hostile_pair.get_absolute_url(),
        reverse("pairs:pair_list"),
        reverse("pairs:program_edit", args=[hostile_pair.uuid]),
        reverse("pairs:pair_edit", args=[hostile_pair.uuid]),
        mentor_person.get_absolute_url(),
        reverse("people:person_list") + "?q=script",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_escaped(response.content.decode())
    assert FORMULA.replace('"', "&quot;") in client.get(hostile_pair.get_absolute_url()).content.decode()


def test_activity_titles_are_escaped_on_the_roadmap(world, login):
    roadmap = RoadmapFactory(organization=world.org)
    ActivityFactory(stage=StageFactory(roadmap=roadmap), title=SCRIPT, content=FORMULA)
    response = login(world.users["curator"]).get(roadmap.get_absolute_url())
    _assert_escaped(response.content.decode())


def test_pdfs_print_the_names_as_text(world, login, hostile_pair):
    response = login(world.users["curator"]).get(reverse("pairs:program_pdf", args=[hostile_pair.uuid]))
    text = flat(pdf_text(response.content))
    assert "<script>alert(1)</script>" in text  # the characters, printed, not markup
    assert FORMULA in text


def test_roadmap_pdf_prints_a_hostile_title_as_text(world, login):
    roadmap = RoadmapFactory(organization=world.org)
    ActivityFactory(stage=StageFactory(roadmap=roadmap), title=SCRIPT)
    response = export(login(world.users["curator"]), reverse("roadmap:roadmap_pdf", args=[roadmap.uuid]))
    assert SCRIPT in flat(pdf_text(response.content))


def test_excel_exports_keep_formulas_as_inert_text(world, login, hostile_pair):
    roadmap = RoadmapFactory(organization=world.org)
    ActivityFactory(stage=StageFactory(roadmap=roadmap), title=FORMULA)
    client = login(world.users["curator"])
    actions.pair_activate(hostile_pair, actor=None)
    Meeting.objects.filter(pk=log_meeting(hostile_pair).pk).update(topic=FORMULA, summary=SCRIPT)
    for url in (
        reverse("roadmap:roadmap_xlsx", args=[roadmap.uuid]),
        reverse("pairs:meetings_xlsx", args=[hostile_pair.uuid]),
    ):
        response = export(client, url) if "roadmap" in url else client.get(url)
        workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value]
        formulas = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]
        assert formulas, url
        assert all(c.data_type == "s" and c.quotePrefix for c in formulas), url
