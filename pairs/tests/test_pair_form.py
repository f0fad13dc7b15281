"""The new pair form proposes dates it accepts itself, whatever the season."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from pairs.forms import PairForm
from pairs.tests.factories import consenting_mentee, consenting_mentor, teacher_form, traditional

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today", [date(2025, 7, 15), date(2025, 6, 1), date(2025, 10, 1)])
def test_the_default_dates_validate(world, monkeypatch, today):
    monkeypatch.setattr(timezone, "localdate", lambda *args: today)
    mentor, mentee = consenting_mentor(world.org), consenting_mentee(world.org)
    blank = PairForm(organization=world.org)
    start, end = blank.fields["planned_start"].initial, blank.fields["planned_end"].initial
    assert start == today and end > start

    form = PairForm(
        {
            "mentors": [str(mentor.uuid)],
            "mentees": [str(mentee.uuid)],
            "form": teacher_form().pk,
            "type": traditional().pk,
            "planned_start": start.isoformat(),
            "planned_end": end.isoformat(),
        },
        organization=world.org,
    )
    assert form.is_valid(), form.errors


def test_in_july_the_pair_is_planned_until_the_end_of_the_coming_school_year(world, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2025, 7, 15))
    assert PairForm(organization=world.org).fields["planned_end"].initial == date(2026, 5, 31)


def test_mentor_choices_show_full_names(world):
    mentor = consenting_mentor(world.org, person__last_name="Лучшева", person__position="учитель химии")
    html = str(PairForm(organization=world.org)["mentors"])
    assert f"{mentor.person.full_name} (учитель химии)" in html
