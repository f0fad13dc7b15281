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


def test_reminders_go_to_responsible_staff_about_upcoming_and_overdue(world):
    today = timezone.localdate()
    stage = StageFactory(roadmap=ApprovedRoadmapFactory(organization=world.org))
    staff = world.staff
    staff.email = "sidorova@example.ru"
    staff.save()
    soon = _activity(stage, today + timedelta(days=5), title="Анкетирование наставников")
    late = _activity(stage, today - timedelta(days=2), title="Приказ о парах")
    far = _activity(stage, today + timedelta(days=30), title="Итоговая конференция")
    done = _activity(stage, today - timedelta(days=2), title="Готово", status="done", completed_on=today)
    for activity in (soon, late, far, done):
        activity.responsible.add(staff)
    draft_stage = StageFactory(roadmap=RoadmapFactory(organization=world.org))
    _activity(draft_stage, today + timedelta(days=1), title="Черновик").responsible.add(staff)
    out = StringIO()
    call_command("send_deadline_reminders", stdout=out)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sidorova@example.ru"]
    assert "просрочено 1" in message.subject
    assert "Анкетирование наставников" in message.body and "Приказ о парах" in message.body
    assert "Итоговая конференция" not in message.body and "Готово" not in message.body
    assert "Черновик" not in message.body
    assert "Отправлено писем: 1" in out.getvalue()


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
    assert "Ваши сроки на ближайшие 7 дней" in page and "Моё мероприятие" in page
