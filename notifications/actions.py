"""Changes of a user's own notifications: read marks and the choices per kind."""

from __future__ import annotations

from django.utils import timezone

from mentoring.lib.actions import action
from notifications.models import Notification, Preference


@action
def notifications_mark_read(notifications, *, actor) -> int:
    """Mark the actor's unread notifications among `notifications` read; returns how many."""
    return Notification.objects.filter(
        pk__in=notifications.values("pk"), recipient=actor, read_at__isnull=True
    ).update(read_at=timezone.now())


@action
def preferences_save(user, choices: dict[str, tuple[bool, str]], *, actor) -> None:
    """Store the user's choice for every kind (in the app; by e-mail now, as a digest or not)."""
    for kind, (in_app, email) in choices.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"in_app": in_app, "email": email})
