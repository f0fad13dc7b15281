"""Scheduled reminders: `write_reminders(today)` writes, through `notify()`, what is due today.

Each source is a function `source(today)` that calls `notify()`; the section apps register theirs
from their `ready()` (`register_reminder_source`), so this app imports nothing above `people`.
Every key names the object the reminder is about, so a second run on the same day (or the next
day, for the same object) writes nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction

from notifications import notify
from notifications.models import Kind

ReminderSource = Callable[[date], None]

_sources: list[ReminderSource] = []

CONSENT_WARNING_DAYS = 30


def register_reminder_source(source: ReminderSource) -> None:
    if source not in _sources:
        _sources.append(source)


def consent_expiring(today: date) -> None:
    """A consent that ends in 30 days → the curators of the person's organization."""
    from people.models import Consent, User
    from people.roles import CURATOR

    ends_on = today + timedelta(days=CONSENT_WARNING_DAYS)
    consents = Consent.objects.filter(valid_until=ends_on, withdrawn_on__isnull=True).select_related("person")
    for consent in consents:
        person = consent.person
        notify(
            User.objects.filter(
                memberships__organization_id=person.organization_id, memberships__role=CURATOR
            )
            .values_list("pk", flat=True)
            .distinct(),
            kind=Kind.CONSENT_EXPIRING,
            key=f"consent-expiring:{consent.pk}",
            title=f"Согласие истекает {ends_on:%d.%m.%Y}: {person.full_name}",
            text=f"«{consent.get_kind_display()}» действует до {ends_on:%d.%m.%Y}. Возьмите новое согласие.",
            link=person.get_absolute_url(),
        )


register_reminder_source(consent_expiring)


def write_reminders(today: date) -> None:
    """Write every reminder due on `today`, each source in its own transaction."""
    for source in _sources:
        with transaction.atomic():
            source(today)
