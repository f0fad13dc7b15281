"""send_deadline_reminders and the dashboard panel."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from people.models import AcademicYear
from roadmap.models import Activity
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, RoadmapFactory, StageFactory


def _activity(stage, end, **kwargs) -> Activity:
    return ActivityFactory(stage=stage, deadline_text="", start=end - timedelta(days=3), end=end, **kwargs)


def test_reminders_go_to_responsible_staff_about_upcoming_and_overdue_once(world):
    from notifications.models import Kind, Notification

    today = timezone.localdate()
    stage = StageFactory(roadmap=ApprovedRoadmapFactory(organization=world.org))
    mentor = world.person_of("mentor")
    world.users["mentor"].email = "mentor@example.ru"
    world.users["mentor"].save()
    soon = _activity(stage, today + timedelta(days=5), title="Анкетирование наставников")
    late = _activity(stage, today - timedelta(days=2), title="Приказ о парах")
    far = _activity(stage, today + timedelta(days=30), title="Итоговая конференция")
    done = _activity(stage, today - timedelta(days=2), title="Готово", status="done", completed_on=today)
    for activity in (soon, late, far, done):
        activity.responsible.add(mentor, world.staff)  # world.staff has no account
    draft_stage = StageFactory(roadmap=RoadmapFactory(organization=world.org))
    _activity(draft_stage, today + timedelta(days=1), title="Черновик").responsible.add(mentor)
    out = StringIO()
    call_command("send_deadline_reminders", stdout=out)
    notes = Notification.objects.filter(recipient=world.users["mentor"])
    assert sorted(notes.values_list("kind", flat=True)) == [Kind.DEADLINE_OVERDUE, Kind.DEADLINE_SOON]
    assert "Анкетирование наставников" in notes.get(kind=Kind.DEADLINE_SOON).title
    assert "Приказ о парах" in notes.get(kind=Kind.DEADLINE_OVERDUE).title
    assert len(mail.outbox) == 2
    assert {m.to[0] for m in mail.outbox} == {"mentor@example.ru"}
    assert (
        "Мероприятий с напоминаниями: 2; ответственных без учётной записи: 2; писем отправлено: 2"
        in out.getvalue()
    )
    # The second run, and send_notifications after it, tell nobody again.
    call_command("send_deadline_reminders", stdout=StringIO())
    call_command("send_notifications", stdout=StringIO())
    assert notes.count() == 2 and len(mail.outbox) == 2


def test_send_notifications_writes_the_deadline_reminders_too(world):
    from notifications.models import Kind, Notification

    stage = StageFactory(roadmap=ApprovedRoadmapFactory(organization=world.org))
    late = _activity(stage, timezone.localdate() - timedelta(days=1), title="Просроченное")
    late.responsible.add(world.person_of("curator"))
    call_command("send_notifications", stdout=StringIO())
    assert Notification.objects.get(kind=Kind.DEADLINE_OVERDUE).recipient == world.users["curator"]


def test_a_moved_deadline_is_told_again(world):
    from notifications.models import Kind, Notification

    today = timezone.localdate()
    stage = StageFactory(roadmap=ApprovedRoadmapFactory(organization=world.org))
    activity = _activity(stage, today + timedelta(days=2), title="Семинар")
    activity.responsible.add(world.person_of("mentor"))
    call_command("send_deadline_reminders", stdout=StringIO())
    activity.end = activity.due = today + timedelta(days=6)  # moved, as the edit form moves it
    activity.save()
    call_command("send_deadline_reminders", stdout=StringIO())
    assert Notification.objects.filter(kind=Kind.DEADLINE_SOON).count() == 2


def test_dashboard_shows_overdue_and_upcoming(world, login):
    today = timezone.localdate()
    year = AcademicYear.objects.current()
    stage = StageFactory(roadmap=ApprovedRoadmapFactory(organization=world.org, academic_year=year))
    _activity(stage, today - timedelta(days=1), title="Просроченное мероприятие")
    _activity(stage, today + timedelta(days=3), title="Скорое мероприятие")
    page = login(world.users["curator"]).get(reverse("dashboard")).content.decode()
    assert "Просроченное мероприятие" in page and "Скорое мероприятие" in page
    assert "просрочено 1" in page


def test_dashboard_without_approved_roadmap_says_so(world, login):
    page = login(world.users["director"]).get(reverse("dashboard")).content.decode()
    assert "Утверждённой дорожной карты на этот учебный год нет" in page


def test_mentor_dashboard_lists_only_their_deadlines_and_says_so(world, login):
    today = timezone.localdate()
    year = AcademicYear.objects.current()
    stage = StageFactory(roadmap=ApprovedRoadmapFactory(organization=world.org, academic_year=year))
    _activity(stage, today - timedelta(days=1), title="Чужое просроченное")
    mine = _activity(stage, today + timedelta(days=3), title="Моё мероприятие")
    mentor = world.users["mentor"]
    mine.responsible.add(world.person_of("mentor"))
    page = login(mentor).get(reverse("dashboard")).content.decode()
    assert "просрочено 1" in page
    assert "Чужое просроченное" not in page
    assert "Среди мероприятий, за которые вы отвечаете, просроченных нет." in page
    # Nothing overdue of one's own: the heading is not in the warning colour.
    assert '<h3 class="h6">Просрочено из ваших мероприятий</h3>' in page and "text-danger" not in page
    assert "Ваши сроки на ближайшие 7 дней" in page and "Моё мероприятие" in page
    mine.responsible.clear()
    (late := _activity(stage, today - timedelta(days=2), title="Моё просроченное")).responsible.add(
        world.person_of("mentor")
    )
    page = login(mentor).get(reverse("dashboard")).content.decode()
    assert '<h3 class="h6 text-danger">Просрочено из ваших мероприятий</h3>' in page and late.title in page
