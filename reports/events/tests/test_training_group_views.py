"""The pages of mentor training groups: the list, the group with its programme and attendance,
creating and changing a group, planning a session and completing the training."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pairs.tests.factories import consenting_mentor
from people.models import AcademicYear, Mentor, MentorTraining
from people.tests.factories import MentorFactory
from reports.events import actions
from reports.events.models import Event, TrainingGroup
from reports.events.tests.factories import at

pytestmark = pytest.mark.django_db


def _mentor_of_world(world) -> Mentor:
    person = world.person_of("mentor")
    return Mentor.objects.filter(person=person).first() or MentorFactory(person=person)


@pytest.fixture
def group(world):
    mentors = [_mentor_of_world(world), consenting_mentor(world.org, person__last_name="Белова")]
    Mentor.objects.filter(pk__in=[m.pk for m in mentors]).update(status=Mentor.Status.INTERVIEWED)
    return actions.training_group_create(
        world.org,
        actor=None,
        title="Школа наставника",
        academic_year=AcademicYear.objects.current(),
        mentors=mentors,
        required_sessions=2,
    )


def _held(group, world, days_ago: int, present) -> Event:
    event = actions.training_session_plan(
        group,
        actor=None,
        title=f"Занятие {days_ago}",
        starts_at=at(timezone.localdate() - timedelta(days=days_ago)),
        organizer=world.staff,
    )
    return actions.event_hold(event, actor=None, present={m.person_id for m in present})


def test_the_curator_creates_a_group_from_the_mentor_bank(world, login):
    mentors = [consenting_mentor(world.org) for _ in range(2)]
    year = AcademicYear.objects.current()
    response = login(world.users["curator"]).post(
        reverse("events:training_group_create"),
        {
            "title": "Школа молодого наставника",
            "academic_year": year.pk,
            "mentors": [m.pk for m in mentors],
            "required_sessions": 3,
        },
    )
    group = TrainingGroup.objects.get()
    assert response.status_code == 302 and response["Location"] == group.get_absolute_url()
    assert group.organization == world.org and group.required_sessions == 3
    assert set(group.mentors.all()) == set(mentors)


def test_a_group_without_mentors_is_refused_in_russian(world, login):
    response = login(world.users["curator"]).post(
        reverse("events:training_group_create"),
        {"title": "Группа", "academic_year": AcademicYear.objects.current().pk, "required_sessions": 3},
    )
    assert response.status_code == 200
    assert "Обязательное поле" in response.content.decode()
    assert not TrainingGroup.objects.exists()


def test_an_inactive_mentor_is_not_offered(world, login):
    inactive = consenting_mentor(world.org, status=Mentor.Status.INACTIVE, person__last_name="Неактивнова")
    response = login(world.users["curator"]).get(reverse("events:training_group_create"))
    assert inactive.person.last_name not in response.content.decode()


def test_editing_changes_the_mentors_invited_to_planned_sessions(world, group, login):
    planned = actions.training_session_plan(
        group,
        actor=None,
        title="Будущее",
        starts_at=at(timezone.localdate() + timedelta(days=7)),
        organizer=world.staff,
    )
    newcomer = consenting_mentor(world.org, person__last_name="Новикова")
    keep = _mentor_of_world(world)
    response = login(world.users["curator"]).post(
        reverse("events:training_group_edit", args=[group.uuid]),
        {
            "title": "Школа наставника — 2",
            "academic_year": group.academic_year_id,
            "mentors": [keep.pk, newcomer.pk],
            "required_sessions": 4,
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.title == "Школа наставника — 2" and group.required_sessions == 4
    invited = set(planned.participants.values_list("person_id", flat=True))
    assert invited == {keep.person_id, newcomer.person_id}


def test_planning_a_session_invites_the_group(world, group, login):
    day = timezone.localdate() + timedelta(days=3)
    response = login(world.users["curator"]).post(
        reverse("events:training_session_plan", args=[group.uuid]),
        {
            "title": "Роль наставника",
            "day": day.isoformat(),
            "at": "15:30",
            "place": "каб. 12",
            "organizer": world.staff.pk,
        },
    )
    assert response.status_code == 302
    event = group.sessions.get()
    assert event.kind == Event.Kind.MENTOR_TRAINING and event.is_planned
    assert set(event.participants.values_list("person_id", flat=True)) == set(
        group.mentors.values_list("person_id", flat=True)
    )
    assert timezone.localtime(event.starts_at).strftime("%d.%m %H:%M") == day.strftime("%d.%m") + " 15:30"


def test_the_group_page_counts_attendance_per_mentor(world, group, login):
    me, other = _mentor_of_world(world), group.mentors.exclude(person__user=world.users["mentor"]).get()
    _held(group, world, 20, [me, other])
    _held(group, world, 10, [me])
    page = login(world.users["director"]).get(group.get_absolute_url()).content.decode()
    assert "занятий посещено 2 из 2" in page and "занятий посещено 1 из 2" in page
    assert "Завершить обучение" not in page  # the director reads


def test_a_mentor_sees_only_their_own_row(world, group, login):
    _held(group, world, 20, group.mentors.all())
    page = login(world.users["mentor"]).get(group.get_absolute_url()).content.decode()
    assert "Белова" not in page and "занятий посещено 1 из 2" in page
    assert "Запланировать занятие" not in page


def test_a_mentor_lists_only_their_groups(world, group, login):
    actions.training_group_create(
        world.org,
        actor=None,
        title="Чужая группа",
        academic_year=group.academic_year,
        mentors=[consenting_mentor(world.org)],
    )
    page = login(world.users["mentor"]).get(reverse("events:training_group_list")).content.decode()
    assert "Школа наставника" in page and "Чужая группа" not in page
    page = login(world.users["curator"]).get(reverse("events:training_group_list")).content.decode()
    assert "Чужая группа" in page


def test_completing_records_the_training_and_names_the_mentors(world, group, login):
    me, other = _mentor_of_world(world), group.mentors.exclude(person__user=world.users["mentor"]).get()
    _held(group, world, 20, [me, other])
    _held(group, world, 10, [me])
    response = login(world.users["curator"]).post(
        reverse("events:training_group_complete", args=[group.uuid]), follow=True
    )
    page = response.content.decode()
    assert f"Обучение записано в карточки: {me.person.short_name}." in page
    assert list(MentorTraining.objects.values_list("mentor", flat=True)) == [me.pk]
    assert "обучение записано" in page


def test_completing_too_early_is_refused_and_changes_nothing(world, group, login):
    _held(group, world, 10, group.mentors.all())
    response = login(world.users["curator"]).post(
        reverse("events:training_group_complete", args=[group.uuid]), follow=True
    )
    assert "Проведено занятий: 1 из 2. Завершить обучение нельзя." in response.content.decode()
    group.refresh_from_db()
    assert group.completed_on is None and not MentorTraining.objects.exists()


def test_another_schools_group_is_404(world, group, client):
    client.force_login(world.other_curator, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(group.get_absolute_url()).status_code == 404
    assert client.post(reverse("events:training_group_complete", args=[group.uuid])).status_code == 404


def test_the_list_takes_a_fixed_number_of_queries(world, login, django_assert_max_num_queries):
    year = AcademicYear.objects.current()
    for n in range(6):
        group = actions.training_group_create(
            world.org,
            actor=None,
            title=f"Группа {n}",
            academic_year=year,
            mentors=[consenting_mentor(world.org) for _ in range(2)],
        )
        _held(group, world, 5 + n, group.mentors.all())
    client = login(world.users["curator"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("events:training_group_list"))
    assert response.content.decode().count("/events/training/") >= 6


def test_the_group_page_takes_a_fixed_number_of_queries(world, group, login, django_assert_max_num_queries):
    for _ in range(4):
        group.mentors.add(consenting_mentor(world.org))
    for days in (30, 20, 10, 5):
        _held(group, world, days, group.mentors.all())
    client = login(world.users["curator"])
    with django_assert_max_num_queries(10):
        response = client.get(group.get_absolute_url())
    assert response.content.decode().count("занятий посещено 4 из 2") == 6


def test_the_mentors_card_links_their_groups(world, group, login):
    me = _mentor_of_world(world)
    page = login(world.users["curator"]).get(reverse("people:person_detail", args=[me.person.uuid]))
    assert group.get_absolute_url() in page.content.decode()


def test_the_session_form_proposes_the_curator_as_organizer(world, group, login):
    curator = world.person_of("curator")
    page = login(world.users["curator"]).get(reverse("events:training_session_plan", args=[group.uuid]))
    assert f'<option value="{curator.pk}" selected>' in page.content.decode()
