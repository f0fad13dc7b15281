from __future__ import annotations

from mentoring.tests.matrix import SIGNED_IN, Case, roles, url


def _curators_notification(world) -> str:
    """A notification of the world's curator: the only user who may mark it read."""
    if "notification" not in world.extra:
        from notifications import notify
        from notifications.models import Kind, Notification

        notify([world.users["curator"]], kind=Kind.ORDER_SIGNATURE, key="matrix", title="Матрица")
        world.extra["notification"] = Notification.objects.get(key="matrix")
    return world.extra["notification"].uuid


# Notifications are personal: every signed-in user has the pages, each for their own.
CASES = {
    "notifications:list": Case(url("notifications:list"), roles(allowed=SIGNED_IN)),
    "notifications:preferences": Case(url("notifications:preferences"), roles(allowed=SIGNED_IN)),
    "notifications:read_all": Case(
        url("notifications:read_all"), roles(302, allowed=SIGNED_IN), method="post"
    ),
    # Someone else's notification does not exist for the user, whatever their role.
    "notifications:read": Case(
        url("notifications:read", _curators_notification),
        {
            "anonymous": 302,
            "admin": 404,
            "director": 404,
            "curator": 302,
            "mentor": 404,
            "mentee": 404,
            "coordinator": 404,
        },
        method="post",
    ),
}
