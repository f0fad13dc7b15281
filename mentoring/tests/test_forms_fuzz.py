"""Arbitrary input in the main forms never breaks: the form is invalid with messages, or valid and
then saved by the same code the views use (no database error hiding behind a valid form)."""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pairs import actions as pair_actions
from pairs.forms import MeetingForm, PairEditForm, ProgramForm
from pairs.models import Pair, Program
from pairs.tests.factories import world_pair
from people.forms import PersonForm
from roadmap import actions as roadmap_actions
from roadmap.forms import ActivityForm
from roadmap.models import Activity
from roadmap.tests.factories import ActivityFactory, RoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Text of every kind (control characters and NUL included) or values that are nearly right.
TEXT = st.text(max_size=60)
DATE = st.one_of(TEXT, st.dates().map(str), st.sampled_from(["2024-02-30", "31.12.2024", "9999-12-31", ""]))
NUMBER = st.one_of(TEXT, st.integers(-(10**12), 10**12).map(str), st.sampled_from(["4", "600", "601", "1e3"]))


def _rolled_back(save) -> None:
    with transaction.atomic():
        save()
        transaction.set_rollback(True)


def _errors_are_messages(form) -> None:
    assert form.errors
    assert all(isinstance(m, str) and m for errors in form.errors.values() for m in errors)


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "kind": st.one_of(TEXT, st.sampled_from(["staff", "student", "external"])),
            "last_name": TEXT,
            "first_name": TEXT,
            "middle_name": TEXT,
            "gender": st.one_of(TEXT, st.sampled_from(["m", "f"])),
            "birth_date": DATE,
            "position": TEXT,
            "school_class": st.one_of(TEXT, st.sampled_from(["7Б", "11 а", "12Я"])),
            "experience_years": NUMBER,
            "email": TEXT,
            "phone": TEXT,
        }
    )
)
def test_person_form(world, data):
    form = PersonForm(data)
    if form.is_valid():
        form.instance.organization = world.org
        _rolled_back(form.save)
    else:
        _errors_are_messages(form)


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "number": TEXT,
            "title": TEXT,
            "content": TEXT,
            "deadline_text": st.one_of(TEXT, st.sampled_from(["до 15.09.2024", "сентябрь – май", "31.02"])),
            "responsible_roles": TEXT,
            "expected_result": TEXT,
            "kpi": TEXT,
            "kpi_target": NUMBER,
        }
    )
)
def test_activity_form(world, data):
    if "activity" not in world.extra:
        world.extra["activity"] = ActivityFactory(
            stage=StageFactory(roadmap=RoadmapFactory(organization=world.org))
        )
    activity = Activity.objects.select_related("stage__roadmap").get(pk=world.extra["activity"].pk)
    form = ActivityForm(data | {"version": activity.version}, instance=activity, organization=world.org)
    if form.is_valid():
        _rolled_back(
            lambda: roadmap_actions.activity_update(activity, form=form, version=activity.version, actor=None)
        )
    else:
        _errors_are_messages(form)


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "planned_start": DATE,
            "planned_end": DATE,
            "mentor_consent_on": DATE,
            "form": NUMBER,
            "type": NUMBER,
        }
    )
)
def test_pair_edit_form(world, data):
    pair = Pair.objects.get(pk=world_pair(world).pk)
    form = PairEditForm(data | {"version": pair.version}, instance=pair)
    if form.is_valid():
        _rolled_back(lambda: pair_actions.pair_update(pair, form=form, version=pair.version, actor=None))
    else:
        _errors_are_messages(form)


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "kind": st.one_of(TEXT, st.sampled_from(["personal", "iom"])),
            "deficits": TEXT,
            "goals": TEXT,
            "tasks": TEXT,
            "period_start": DATE,
            "period_end": DATE,
        }
    )
)
def test_program_form(world, data):
    program = Program.objects.get(pair=world_pair(world))
    form = ProgramForm(data | {"version": program.version}, instance=program)
    if form.is_valid():
        _rolled_back(form.save)
    else:
        _errors_are_messages(form)


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "kind": st.one_of(TEXT, st.sampled_from(["regular", "final", "first"])),
            "date": DATE,
            "duration_minutes": NUMBER,
            "format": st.one_of(TEXT, st.sampled_from(["in_person", "remote"])),
            "topic": TEXT,
            "summary": TEXT,
            "next_steps": TEXT,
        }
    ),
    everyone=st.booleans(),
)
def test_meeting_form(world, data, everyone):
    pair = Pair.objects.for_list().get(pk=world_pair(world).pk)
    attendees = [str(p.uuid) for p in pair.participant_people()] if everyone else ["not-a-uuid"]
    form = MeetingForm(data | {"attendees": attendees}, pair=pair)
    if form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "attendees"}
        _rolled_back(
            lambda: pair_actions.meeting_log(
                pair, data=fields, attendees=form.cleaned_data["attendees"], actor=None
            )
        )
    else:
        _errors_are_messages(form)
