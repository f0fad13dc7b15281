"""Delivering the outbox by e-mail (`manage.py send_notifications`)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from notifications.models import Email, Notification

BATCH = 500


def _absolute(link: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{link}" if link.startswith("/") else link


def _body(notes: list[Notification]) -> str:
    parts = []
    for note in notes:
        lines = [note.title]
        if note.text:
            lines.append(note.text)
        if note.link:
            lines.append(_absolute(note.link))
        parts.append("\n".join(lines))
    footer = (
        "\n\n—\nЭто письмо отправила система «Наставничество». Какие уведомления присылать письмом, "
        f"можно выбрать в «Настройках уведомлений»: {_absolute('/notifications/settings/')}"
    )
    return "\n\n".join(parts) + footer


def _start_of_today() -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


def send_pending(now: datetime | None = None) -> dict[str, int]:
    """Send what is due: every «now» notification, and one digest for each user who chose the
    digest and has not had one today. Returns the counts of e-mails and digests sent."""
    now = now or timezone.now()
    emails = digests = 0
    connection = get_connection()
    # An account that has lost its address or been disabled since the event gets no letter.
    Notification.objects.email_pending().filter(recipient__email="").update(email=Email.NONE)
    Notification.objects.email_pending().filter(recipient__is_active=False).update(email=Email.NONE)
    with transaction.atomic():
        pending = list(
            Notification.objects.email_pending()
            .filter(email=Email.NOW)
            .select_related("recipient")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("created_at", "pk")[:BATCH]
        )
        messages = [
            EmailMessage(note.title, _body([note]), settings.DEFAULT_FROM_EMAIL, [note.recipient.email])
            for note in pending
        ]
        if messages:
            connection.send_messages(messages)
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
            emails = len(messages)

    with transaction.atomic():
        had_digest_today = Notification.objects.filter(
            email=Email.DIGEST, emailed_at__gte=_start_of_today()
        ).values("recipient_id")
        pending = list(
            Notification.objects.email_pending()
            .filter(email=Email.DIGEST)
            .exclude(recipient_id__in=had_digest_today)
            .select_related("recipient")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("recipient_id", "created_at", "pk")
        )
        by_user: dict[int, list[Notification]] = defaultdict(list)
        for note in pending:
            by_user[note.recipient_id].append(note)
        messages = [
            EmailMessage(
                f"Уведомления за день: {len(notes)}",
                _body(notes),
                settings.DEFAULT_FROM_EMAIL,
                [notes[0].recipient.email],
            )
            for notes in by_user.values()
        ]
        if messages:
            connection.send_messages(messages)
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
            digests = len(messages)
    return {"emails": emails, "digests": digests}
