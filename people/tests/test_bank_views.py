"""Bank and registry lists: filters, sorting, search, constant query count, export, entry and status."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from jobs.testing import export
from people.models import AcademicYear, BankStatusChange, Competency, Mentee, Mentor, MentoringForm
from people.tests.factories import (
    ConsentFactory,
    MenteeFactory,
    MentorFactory,
    PersonFactory,
    StudentFactory,
)


@pytest.fixture
def curator(world, login):
    return login(world.users["curator"])


def _names(response):
    return [getattr(row, "person", row).last_name for row in response.context["page"].object_list]


def _mentors(world, n, **kwargs):
    form = MentoringForm.objects.first()
    competency = Competency.objects.first()
    result = []
    for _ in range(n):
        mentor = MentorFactory(person=PersonFactory(organization=world.org), **kwargs)
        mentor.preferred_forms.add(form)
        mentor.competencies.add(competency)
        ConsentFactory(person=mentor.person)
        result.append(mentor)
    return result


def _mentees(world, n):
    competency = Competency.objects.first()
    for _ in range(n):
        mentee = MenteeFactory(person=StudentFactory(organization=world.org), category="learning")
        mentee.requests.add(competency)


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = export(client, url) if "/export/" in url else client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "name,make",
    [
        ("people:mentor_list", _mentors),
        ("people:mentee_list", _mentees),
        ("people:mentor_export", _mentors),
        ("people:mentee_export", _mentees),
        ("people:person_list", _mentees),
    ],
)
def test_query_count_does_not_grow_with_rows(world, curator, name, make):
    make(world, 2)
    small = _count_queries(curator, reverse(name))
    make(world, 12)
    assert _count_queries(curator, reverse(name)) == small


def test_mentor_list_filters_by_status_and_consent(world, curator):
    active = _mentors(world, 1, status=Mentor.Status.ACTIVE)[0]
    no_consent = MentorFactory(person=PersonFactory(organization=world.org, last_name="Беззаботная"))
    url = reverse("people:mentor_list")
    assert _names(curator.get(url, {"status": "active"})) == [active.person.last_name]
    assert _names(curator.get(url, {"consent": "missing"})) == ["Беззаботная"]
    assert no_consent.person.last_name not in _names(curator.get(url, {"consent": "valid"}))


def test_mentor_list_filters_by_form_subject_year_and_searches_by_name(world, curator):
    mentor = _mentors(world, 1)[0]
    mentor.person.last_name = "Громова"
    mentor.person.save()
    other = MentorFactory(
        person=PersonFactory(organization=world.org, last_name="Лебедева"), subjects="Химия"
    )
    url = reverse("people:mentor_list")
    form = MentoringForm.objects.first()
    assert _names(curator.get(url, {"form": form.pk})) == ["Громова"]
    assert _names(curator.get(url, {"subject": "хими"})) == ["Лебедева"]
    assert _names(curator.get(url, {"q": "гром"})) == ["Громова"]
    older = AcademicYear.objects.create(start_year=other.academic_year.start_year - 1)
    other.academic_year = older
    other.save()
    assert _names(curator.get(url, {"year": older.start_year})) == ["Лебедева"]
    assert _names(curator.get(url, {"ordering": "-name"})) == ["Лебедева", "Громова"]


def test_mentee_list_filters_by_class_and_category(world, curator):
    MenteeFactory(
        person=StudentFactory(organization=world.org, last_name="Семёнов", school_class="5А"), category="ovz"
    )
    MenteeFactory(
        person=StudentFactory(organization=world.org, last_name="Фролов", school_class="6Б"), category="tjs"
    )
    url = reverse("people:mentee_list")
    assert _names(curator.get(url, {"school_class": "5а"})) == ["Семёнов"]
    assert _names(curator.get(url, {"category": "tjs"})) == ["Фролов"]


def test_registry_filters_by_kind_and_consent_state(world, curator):
    ConsentFactory(person=world.staff)
    response = curator.get(reverse("people:person_list"), {"kind": "staff", "consent": "valid"})
    assert _names(response) == ["Сидорова"]


def test_lists_do_not_show_another_school(world, login):
    MentorFactory(person=PersonFactory(organization=world.other_org, last_name="Чужая"))
    response = login(world.users["curator"]).get(reverse("people:mentor_list"))
    assert "Чужая" not in _names(response)


def test_export_neutralises_formulas(world, curator):
    MentorFactory(person=PersonFactory(organization=world.org, last_name="=HYPERLINK(1)"), resources="x")
    response = export(curator, reverse("people:mentor_export"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = next(row[0] for row in sheet.iter_rows(min_row=3) if str(row[0].value).startswith("="))
    assert cell.data_type == "s" and cell.quotePrefix


def test_curator_puts_a_person_into_the_mentor_bank(world, curator):
    competency = Competency.objects.first()
    response = curator.post(
        reverse("people:mentor_create"),
        {
            "person": world.staff.pk,
            "competencies": [competency.pk],
            "qualification_category": "first",
            "capacity": 2,
            "motivation": "Хочу помогать",
        },
    )
    assert response.status_code == 302
    mentor = Mentor.objects.get(person=world.staff)
    assert mentor.status == "candidate"
    assert mentor.questionnaire["motivation"] == "Хочу помогать"
    assert list(mentor.competencies.all()) == [competency]


def test_person_of_another_school_cannot_be_chosen(world, curator):
    response = curator.post(
        reverse("people:mentee_create"), {"person": world.other_person.pk, "category": "new"}
    )
    assert response.status_code == 200
    assert not Mentee.objects.exists()


def test_status_change_to_active_without_consent_is_refused_with_a_message(world, curator):
    mentor = MentorFactory(person=world.staff, status=Mentor.Status.TRAINED)
    response = curator.post(
        reverse("people:mentor_status", args=[mentor.uuid]), {"status": "active"}, follow=True
    )
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.TRAINED
    assert "Нет действующего согласия" in response.content.decode()


def test_status_change_is_logged_with_the_curator(world, curator):
    mentor = MentorFactory(person=world.staff, status=Mentor.Status.TRAINED)
    ConsentFactory(person=world.staff)
    curator.post(
        reverse("people:mentor_status", args=[mentor.uuid]), {"status": "active", "comment": "приказ"}
    )
    entry = BankStatusChange.objects.get(mentor=mentor)
    assert (entry.new_status, entry.changed_by) == ("active", world.users["curator"])


def test_support_action_is_logged(world, curator):
    mentee = MenteeFactory(person=world.staff, status=Mentee.Status.UNPAIRED)
    curator.post(
        reverse("people:mentee_support_add", args=[mentee.uuid]),
        {"date": "2024-10-01", "action": "Консультация"},
    )
    assert mentee.support_actions.get().author == world.users["curator"]


def test_training_with_zero_hours_is_refused(world, curator):
    mentor = MentorFactory(person=world.staff)
    curator.post(
        reverse("people:mentor_training_add", args=[mentor.uuid]),
        {"date": "2024-10-01", "topic": "x", "hours": "0"},
    )
    assert not mentor.trainings.exists()


def test_curator_of_other_school_cannot_change_a_status(world, login):
    mentor = MentorFactory(person=world.staff)
    response = login(world.other_curator).post(
        reverse("people:mentor_status", args=[mentor.uuid]), {"status": "inactive"}
    )
    assert response.status_code == 404


def test_dashboard_panel_counts_the_banks(world, curator):
    _mentors(world, 2, status=Mentor.Status.ACTIVE)
    MentorFactory(person=PersonFactory(organization=world.org), status=Mentor.Status.CANDIDATE)
    from people.dashboard import bank_figures

    figures = bank_figures(world.org)
    assert figures["mentors"] == {"total": 3, "active": 2, "candidates": 1}
    assert figures["without_consent"] == 1
    assert "активных наставников из 3" in curator.get(reverse("dashboard")).content.decode()


def test_registry_finds_people_whose_consent_was_withdrawn(world, curator):
    from people.actions import consent_withdraw

    ConsentFactory(person=world.staff)
    consent_withdraw(world.staff, actor=world.users["curator"])
    response = curator.get(reverse("people:person_list"), {"consent": "withdrawn"})
    assert [p.pk for p in response.context["page"].object_list] == [world.staff.pk]
    mentor_page = curator.get(reverse("people:mentor_list"), {"consent": "withdrawn"})
    assert list(mentor_page.context["page"].object_list) == []


def test_export_keeps_the_filters_of_the_list(world, curator):
    active = _mentors(world, 1, status=Mentor.Status.ACTIVE)[0]
    _mentors(world, 2, status=Mentor.Status.CANDIDATE)
    response = export(curator, reverse("people:mentor_export"), {"status": "active"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert names == [active.person.full_name]


def test_mentor_cannot_start_a_bank_export(world, login):
    client = login(world.users["mentor"])
    assert client.post(reverse("people:mentor_export")).status_code == 403
    assert client.get(reverse("people:mentor_export")).status_code == 405


def test_filter_form_is_built_afresh_for_each_page(world, curator):
    """The filter's form class is kept between requests; its fields and choices are not: a form
    added to the reference list shows at once, and one page's values do not stay in the next."""
    url = reverse("people:mentor_list")
    curator.get(url, {"subject": "Химия", "status": "active"})
    MentoringForm.objects.create(name="Наставник – стажёр", mentor_kind="staff", mentee_kind="staff")
    page = curator.get(url).content.decode()
    assert "Наставник – стажёр</option>" in page
    assert "Химия" not in page and '<option value="active" selected>' not in page
