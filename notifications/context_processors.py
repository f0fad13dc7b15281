"""The bell in the header: the unread count, one query, only when the page shows it."""

from __future__ import annotations

from notifications.models import Notification


def unread(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        # The template calls this; the count is kept on the request, so a page that shows the bell
        # twice (or renders several templates) still asks once.
        if not hasattr(request, "_notifications_unread"):
            request._notifications_unread = Notification.objects.unread_for(user).count()
        return request._notifications_unread

    return {"notifications_unread": count}
