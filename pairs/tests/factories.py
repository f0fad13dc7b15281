from __future__ import annotations

from datetime import date, time, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from pairs import actions
from pairs.models import Meeting, Pair, Program
from people.models import AcademicYear, Consent, Mentee, Mentor, MentoringForm, MentoringType, Person
from people.tests.factories import PersonFactory, StudentFactory


def give_consent(person: Person, **fields) -> Consent:
    defaults = dict(
        person=person,
        kind=Consent.Kind.PROCESSING,
        signed_on=timezone.localdate() - timedelta(days=30),
        purposes="наставничество",
        data_list="ФИО",
        actions="обработка",
    )
    return Consent.objects.create(**{**defaults, **fields})


class MentorFactory(DjangoModelFactory):
    class Meta:
        model = Mentor

    person = factory.SubFactory(PersonFactory, experience_years=15)
    organization = factory.LazyAttribute(lambda o: o.person.organization)
    academic_year = factory.LazyFunction(AcademicYear.objects.current)
    status = Mentor.Status.ACTIVE
    capacity = 2


class MenteeFactory(DjangoModelFactory):
    class Meta:
        model = Mentee

    person = factory.SubFactory(PersonFactory, experience_years=1)
    organization = factory.LazyAttribute(lambda o: o.person.organization)
    academic_year = factory.LazyFunction(AcademicYear.objects.current)
    category = Mentee.Category.YOUNG_SPECIALIST
    status = Mentee.Status.WAITING
    waiting_since = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))


def consenting_mentor(org, **fields) -> Mentor:
    person_fields = {k[8:]: fields.pop(k) for k in list(fields) if k.startswith("person__")}
    mentor = MentorFactory(
        person=PersonFactory(organization=org, experience_years=15, **person_fields), **fields
    )
    give_consent(mentor.person)
    return mentor


def consenting_mentee(org, student: bool = False, **fields) -> Mentee:
    person = (
        StudentFactory(organization=org) if student else PersonFactory(organization=org, experience_years=1)
    )
    mentee = MenteeFactory(person=person, **fields)
    give_consent(mentee.person)
    return mentee


def teacher_form() -> MentoringForm:
    return MentoringForm.objects.get(name="учитель – учитель")


def traditional() -> MentoringType:
    return MentoringType.objects.filter(is_group=False).order_by("position").first()


def group_type() -> MentoringType:
    return MentoringType.objects.filter(is_group=True).order_by("position").first()


def make_pair(org, mentors, mentees, *, status: str = Pair.Status.PROJECT, actor=None, **fields) -> Pair:
    mentors, mentees = list(mentors), list(mentees)
    pair = actions.pair_create(
        organization=org,
        form=fields.pop("form", teacher_form()),
        type=fields.pop("type", group_type() if len(mentees) > 1 else traditional()),
        mentors=mentors,
        mentees=mentees,
        planned_start=date.today(),
        planned_end=date.today() + timedelta(days=200),
        mentor_consent_on=fields.pop("mentor_consent_on", date.today()),
        actor=actor,
        **fields,
    )
    if status in (Pair.Status.ACTIVE, Pair.Status.COMPLETED, Pair.Status.TERMINATED):
        actions.pair_activate(pair, actor=actor)
    if status == Pair.Status.TERMINATED:
        actions.pair_terminate(pair, reason="переезд", actor=actor)
    pair.refresh_from_db()
    return pair


def log_meeting(
    pair: Pair, kind: str = Meeting.Kind.FIRST, on: date | None = None, attendees=None
) -> Meeting:
    pair = Pair.objects.for_list().get(pk=pair.pk)
    return actions.meeting_log(
        pair,
        data=dict(kind=kind, date=on or date.today(), topic=f"Встреча: {kind}", duration_minutes=45),
        attendees=attendees if attendees is not None else pair.participant_people(),
        actor=None,
    )


def plan_meeting(
    pair: Pair, on: date | None = None, at: time = time(15, 30), kind: str = Meeting.Kind.REGULAR
) -> Meeting:
    """A meeting planned a week ahead (or `on`), in person in room 204."""
    pair = Pair.objects.for_list().get(pk=pair.pk)
    return actions.meeting_plan(
        pair,
        data=dict(
            kind=kind,
            date=on or date.today() + timedelta(days=7),
            time=at,
            place="каб. 204",
            topic="Разбор урока",
            agenda="Посещение урока, анализ",
            duration_minutes=45,
        ),
        attendees=pair.participant_people(),
        actor=None,
    )


def world_planned_meeting(world) -> Meeting:
    """A planned meeting of the world's pair, a week ahead."""
    if "planned_meeting" not in world.extra:
        world.extra["planned_meeting"] = plan_meeting(world_pair(world))
    return world.extra["planned_meeting"]


def world_pair(world) -> Pair:
    """An active pair in school A: the world's mentor user mentors the world's mentee user."""
    if "pair" not in world.extra:
        mentor = MentorFactory(person=world.person_of("mentor"))
        mentee = MenteeFactory(person=world.person_of("mentee"))
        give_consent(mentor.person)
        give_consent(mentee.person)
        pair = make_pair(world.org, [mentor], [mentee], status=Pair.Status.ACTIVE)
        actions.program_create_from_template(pair, "young_teacher", actor=None)
        world.extra["pair"] = pair
        world.extra["meeting"] = log_meeting(pair)
        world.extra["mentee"] = mentee
    return world.extra["pair"]


def approve_program(pair: Pair) -> Program:
    """The pair's programme approved (by an order of 01.09 of the pair's start year)."""
    program = Program.objects.get(pair=pair)
    return actions.program_approve_by_order(
        program, order_number="12", order_date=date(pair.planned_start.year, 9, 1), actor=None
    )


def world_meeting(world) -> Meeting:
    world_pair(world)
    return world.extra["meeting"]


def world_waiting_mentee(world) -> Mentee:
    if "waiting" not in world.extra:
        world.extra["waiting"] = consenting_mentee(world.org)
    return world.extra["waiting"]
