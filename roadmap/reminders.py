"""Deadline reminders to the responsible staff, written to the outbox by `send_notifications`
(registered in `RoadmapConfig`): an activity whose deadline comes within seven days, and one
whose deadline has passed unfinished, in the roadmaps in force.

Each reminder is keyed by the activity and its deadline, so it is written once however often
the reminders run; a deadline moved later is a new event and is told again.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from notifications import notify
from notifications.models import Kind
from people.models import Person
from roadmap.models import Activity


def _activities(queryset):
    return queryset.select_related("stage__roadmap").prefetch_related(
        Prefetch("responsible", queryset=Person.objects.only("id", "user_id"))
    )


def deadline_reminders(today: date) -> dict[str, int]:
    """Write the reminders due on `today`; return how many activities were told about and how
    many of their responsible people have no account to be told through."""
    link = reverse("roadmap:my_activities")
    told = without_account = 0
    base = Activity.objects.in_force()
    for kind, queryset in (("soon", base.upcoming(today)), ("overdue", base.overdue(today))):
        for activity in _activities(queryset.order_by("due", "id")):
            people = list(activity.responsible.all())
            users = [p.user_id for p in people if p.user_id]
            without_account += len(people) - len(users)
            if not users:
                continue
            title = activity.title if len(activity.title) <= 150 else activity.title[:149] + "…"
            what = f"Мероприятие {activity.number}".rstrip() + " дорожной карты"
            written = f" (срок «{activity.deadline_text}»)" if activity.deadline_text else ""
            if kind == "soon":
                notify(
                    users,
                    kind=Kind.DEADLINE_SOON,
                    key=f"activity-soon:{activity.uuid}:{activity.due:%Y-%m-%d}",
                    title=f"Срок мероприятия {activity.due:%d.%m.%Y}: {title}",
                    text=f"{what} — до {activity.due:%d.%m.%Y}{written}. "
                    "Отметьте выполнение в «Мои мероприятия».",
                    link=link,
                )
            else:
                notify(
                    users,
                    kind=Kind.DEADLINE_OVERDUE,
                    key=f"activity-overdue:{activity.uuid}:{activity.due:%Y-%m-%d}",
                    title=f"Просрочено мероприятие: {title}",
                    text=f"{what} должно было завершиться {activity.due:%d.%m.%Y}{written}. "
                    "Отметьте выполнение или сообщите куратору.",
                    link=link,
                )
            told += 1
    return {"activities": told, "without_account": without_account}


def roadmap_deadlines(today: date) -> None:
    """The reminder source `send_notifications` runs every time."""
    deadline_reminders(today)


def run_today() -> dict[str, int]:
    return deadline_reminders(timezone.localdate())
