"""A region's statistical form may show any indicator of the monitoring page: its shares, the
events' and training figures, the breakdowns by mentee category and by form of mentoring; one
school's figure in its sheet, the total of several as Σ numerators / Σ denominators."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pairs.models import Pair
from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair
from people.models import AcademicYear, Mentee, MentoringForm
from people.tests.factories import OrganizationFactory, StudentFactory
from reports.events import actions as event_actions
from reports.events.models import Event, TrainingGroup
from reports.events.tests.factories import make_event
from reports.monitoring import catalogue, exports, statistics
from reports.monitoring.models import StatisticalForm, StatisticalFormRow
from reports.monitoring.tests.test_exports import download, header_of, rows_of

pytestmark = pytest.mark.django_db
OVZ = Mentee.Category.SPECIAL_NEEDS


def class_hour(org, classes: dict[str, tuple[int, int]]) -> Event:
    """A held class hour of `classes`: class → (students enrolled, students present)."""
    for name, (enrolled, _) in classes.items():
        for _ in range(enrolled):
            StudentFactory(organization=org, school_class=name)
    event = make_event(org, kind=Event.Kind.CLASS_HOUR, classes=", ".join(classes))
    counts = {name: present for name, (_, present) in classes.items()}
    return event_actions.event_hold(event, actor=None, present=set(), class_counts=counts)


def ovz_pairs(org, n: int) -> None:
    for _ in range(n):
        mentee = consenting_mentee(org, student=True, category=OVZ)
        make_pair(org, [consenting_mentor(org)], [mentee], status=Pair.Status.ACTIVE)


def regional_form(*keys: str) -> StatisticalForm:
    form = StatisticalForm.objects.create(name="Форма региона")
    for position, key in enumerate(keys, start=1):
        row = StatisticalFormRow(form=form, position=position, number=str(position), indicator=key)
        row.full_clean()
        row.save()
    return form


@pytest.fixture
def year(world):
    return AcademicYear.objects.current()


@pytest.fixture
def schools(world, year):
    """School A: 9 of 10 students at the class hour, one ОВЗ pair; school B: 3 of 3, two ОВЗ pairs."""
    class_hour(world.org, {"5А": (4, 4), "6Б": (6, 5)})
    class_hour(world.other_org, {"7А": (3, 3)})
    ovz_pairs(world.org, 1)
    ovz_pairs(world.other_org, 2)


def test_a_custom_form_with_monitoring_rows_exports_each_school_and_the_weighted_total(
    world, year, schools, login, client
):
    form = regional_form("class_hour_share", f"category:{OVZ}:pairs")
    login(world.users["admin"])
    _, wb = download(client, "form", year=year.start_year, form=form.pk, org="all")
    share = "1. Доля обучающихся на тематических классных часах"
    pairs = f"2. Пар и групп с наставляемыми категории «{OVZ.label}»"
    assert header_of(wb["Сводка"]) == ["Организация", share, pairs]
    summary = {row[0]: row[1:] for row in rows_of(wb["Сводка"])}
    assert summary["Школа А"] == (0.9, 1) and summary["Школа Б"] == (1.0, 2)
    # 12 of 13 students, not the mean of 90 % and 100 %.
    assert summary["Итого"][0] == pytest.approx(12 / 13) and summary["Итого"][1] == 3
    sheet = wb["Школа Б"]
    assert [tuple(row) for row in rows_of(sheet)[:2]] == [(share, 1.0), (pairs, 2)]
    assert sheet["B3"].number_format == "0.0%" and sheet["B4"].number_format == "0"


def test_training_diagnostics_and_forms_of_mentoring_are_rows_too(world, year, schools):
    group = TrainingGroup.objects.create(
        organization=world.org, academic_year=year, title="Группа 1", required_sessions=2
    )
    TrainingGroup.objects.create(organization=world.org, academic_year=year, title="Группа 2")
    for _ in range(2):
        session = make_event(world.org, kind=Event.Kind.MENTOR_TRAINING)
        Event.objects.filter(pk=session.pk).update(training_group=group, status=Event.Status.HELD)
    pair_form = Pair.objects.get(organization=world.org).form  # of the school's one ОВЗ pair
    lines = regional_form(
        "training_sessions_per_group",
        "training_groups_done_share",
        f"form:{pair_form.pk}:mentees",
        "meetings",
    ).lines()
    sources = catalogue.compute([world.org.pk], year, timezone.localdate())
    values = catalogue.values(lines, sources[world.org.pk], catalogue.catalogue())
    assert values == [1.0, 0.5, 1, 0]  # 2 sessions in 2 groups; one group of two is through
    assert lines[2].label == f"Наставляемых в форме «{pair_form.name}»" and lines[0].kind == "ratio"


def test_the_editor_offers_every_monitoring_indicator(world, login):
    user = world.users["admin"]
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    page = login(user).get(reverse("admin:monitoring_statisticalform_add")).content.decode()
    for key in (
        "class_hour_share",
        "contest_representatives",
        "diagnosed_share",
        f"category:{OVZ}:satisfaction",
    ):
        assert f'value="{key}"' in page, key


def test_every_value_of_the_monitoring_page_is_an_indicator_of_the_catalogue():
    """Each figure a distinct number, so that a row's value says which figures it came from."""
    from dataclasses import fields

    from reports.monitoring import indicators

    m = indicators.Monitoring()
    numbers = iter(range(7, 1000, 13))
    for f in fields(m.figures):
        if f.name != "by_form":
            setattr(m.figures, f.name, next(numbers))
    for f in fields(m):
        if f.name not in ("figures", "category_lines", "form_lines"):
            setattr(m, f.name, next(numbers))
    source = catalogue.Source(monitoring=m)
    offered = [item.value(source) for item in catalogue.catalogue().values()]
    for label, value, *_ in indicators.rows(m):
        assert any(v == pytest.approx(value, abs=0.051) for v in offered if v is not None), label


def test_the_export_costs_the_same_queries_for_two_schools_and_for_five(world, year, schools):
    form_id = MentoringForm.objects.get(name="ученик – ученик").pk
    lines = regional_form(
        "class_hour_share", "diagnosed_share", f"category:{OVZ}:pairs", f"form:{form_id}:meetings", "mentors"
    ).lines()
    more = [OrganizationFactory() for _ in range(3)]
    for org in more:
        class_hour(org, {"1А": (2, 1)})
        ovz_pairs(org, 1)

    def queries(organizations) -> int:
        scope = exports.Scope(organizations, year)
        exports.form_workbook(scope, lines=lines).save(io.BytesIO())  # the kept figures stored
        with CaptureQueriesContext(connection) as captured:
            exports.form_workbook(scope, lines=lines).save(io.BytesIO())
        return len(captured)

    two = queries([world.org, world.other_org])
    assert queries([world.org, world.other_org, *more]) == two
    assert two <= 12


def test_the_statistics_page_shows_a_monitoring_row_of_the_chosen_form(world, year, schools, login, client):
    form = regional_form("class_hour_share")
    login(world.users["curator"])
    page = client.get(reverse("statistics:index"), {"form": form.pk}).content.decode()
    assert "1. Доля обучающихся на тематических классных часах" in page and "90\u00a0%" in page


def test_a_default_form_still_has_the_built_in_rows():
    assert StatisticalForm.objects.get(is_default=True).lines() == statistics.DEFAULT_LINES
