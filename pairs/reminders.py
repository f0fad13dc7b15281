"""Reminders about meetings, written daily by `send_notifications` (registered in `PairsConfig`)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Prefetch
from django.urls import reverse

from notifications import notify
from notifications.models import Kind
from pairs.models import Feedback, Meeting
from people.models import Person

# Feedback is asked for from the second day after the meeting; older meetings are not chased.
FEEDBACK_AFTER_DAYS = 2
FEEDBACK_CHASED_DAYS = 14


def _when(meeting: Meeting) -> str:
    return f"{meeting.date:%d.%m.%Y}" + (f" в {meeting.time:%H:%M}" if meeting.time else "")


def meeting_tomorrow(today: date) -> None:
    """A meeting planned for tomorrow → its attendees with an account."""
    meetings = (
        Meeting.objects.filter(status=Meeting.Status.PLANNED, date=today + timedelta(days=1))
        .select_related("pair")
        .prefetch_related(Prefetch("attendees", queryset=Person.objects.only("id", "user_id")))
    )
    for meeting in meetings:
        where = meeting.place or ("видеовстреча" if meeting.video_link else "")
        notify(
            [p.user_id for p in meeting.attendees.all() if p.user_id],
            kind=Kind.MEETING_TOMORROW,
            key=f"meeting-tomorrow:{meeting.uuid}",
            title=f"Завтра встреча: {_when(meeting)}",
            text=f"«{meeting.topic}»" + (f", {where}" if where else "") + ".",
            link=meeting.pair.get_absolute_url(),
        )


def feedback_due(today: date) -> None:
    """A meeting held 2–14 days ago → each attendee with an account who has not given feedback."""
    meetings = Meeting.objects.filter(
        status=Meeting.Status.HELD,
        date__lte=today - timedelta(days=FEEDBACK_AFTER_DAYS),
        date__gte=today - timedelta(days=FEEDBACK_CHASED_DAYS),
    ).prefetch_related(
        Prefetch("attendees", queryset=Person.objects.only("id", "user_id")),
        Prefetch("feedbacks", queryset=Feedback.objects.only("id", "meeting_id", "person_id")),
    )
    for meeting in meetings:
        gave = {f.person_id for f in meeting.feedbacks.all()}
        notify(
            [p.user_id for p in meeting.attendees.all() if p.user_id and p.pk not in gave],
            kind=Kind.FEEDBACK_DUE,
            key=f"feedback-due:{meeting.uuid}",
            title=f"Оставьте обратную связь о встрече {meeting.date:%d.%m.%Y}",
            text=f"«{meeting.topic}». Несколько оценок и пара строк помогут куратору.",
            link=reverse("pairs:feedback_new", args=[meeting.uuid]),
        )
