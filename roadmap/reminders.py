"""Deadline reminders by e-mail to the responsible staff."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import timezone

from roadmap.models import Activity


def collect(today: date | None = None) -> dict:
    """person → {"upcoming": [...], "overdue": [...]} over the roadmaps in force."""
    today = today or timezone.localdate()
    per_person: dict = defaultdict(lambda: {"upcoming": [], "overdue": []})
    base = (
        Activity.objects.in_force()
        .prefetch_related("responsible__user")
        .select_related("stage__roadmap__organization")
    )
    for kind, queryset in (("upcoming", base.upcoming(today)), ("overdue", base.overdue(today))):
        for activity in queryset.order_by("due"):
            for person in activity.responsible.all():
                per_person[person][kind].append(activity)
    return per_person


def _address(person) -> str:
    return person.email or (person.user.email if person.user_id and person.user else "")


def _body(person, items: dict) -> str:
    lines = [f"Здравствуйте, {person.first_name} {person.middle_name}".strip() + "!", ""]
    if items["overdue"]:
        lines.append("Просрочены мероприятия дорожной карты наставничества:")
        lines += [
            f"  {a.number} {a.title[:150]} — срок «{a.deadline_text}», до {a.due:%d.%m.%Y}"
            for a in items["overdue"]
        ]
        lines.append("")
    if items["upcoming"]:
        lines.append("В ближайшие 7 дней наступает срок:")
        lines += [f"  {a.number} {a.title[:150]} — до {a.due:%d.%m.%Y}" for a in items["upcoming"]]
        lines.append("")
    lines.append("Отметьте выполнение в разделе «Дорожная карта → Мои мероприятия».")
    return "\n".join(lines)


def send_reminders(today: date | None = None) -> tuple[int, int]:
    messages, skipped = [], 0
    for person, items in collect(today).items():
        address = _address(person)
        if not address:
            skipped += 1
            continue
        subject = "Сроки мероприятий дорожной карты"
        if items["overdue"]:
            subject += f": просрочено {len(items['overdue'])}"
        messages.append((subject, _body(person, items), settings.DEFAULT_FROM_EMAIL, [address]))
    if messages:
        send_mass_mail(messages, fail_silently=False)
    return len(messages), skipped
