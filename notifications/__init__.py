"""In-app and e-mail notifications: `notify(recipients, kind=…, key=…, title=…, text=…, link=…)`.

The app sits just above `people` so that every section app may call `notify()` from its actions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from people.models import Person, User


def notify(
    recipients: Iterable[User | int],
    *,
    kind: str,
    key: str,
    title: str,
    text: str = "",
    link: str = "",
) -> int:
    """Write one notification per recipient for the event `key`, in the current transaction.

    Called from an action, it commits or rolls back with the change it tells about. A recipient
    already notified of `key` is skipped (the unique constraint; `ignore_conflicts`), so repeating
    an event, or a job run twice, notifies nobody twice. Inactive accounts get nothing. Returns the
    number of recipients considered (not those newly written: PostgreSQL does not say).
    """
    from notifications.models import Email, Notification, Preference
    from people.models import User

    ids = {r if isinstance(r, int) else r.pk for r in recipients if r is not None}
    if not ids:
        return 0
    users = list(User.objects.filter(pk__in=ids, is_active=True).only("id", "email"))
    choices = {p.user_id: p for p in Preference.objects.filter(user_id__in=[u.pk for u in users], kind=kind)}
    rows = []
    for user in users:
        choice = choices.get(user.pk)
        in_app = choice.in_app if choice else True
        email = choice.email if choice else Email.NOW
        if not user.email:
            email = Email.NONE
        if not in_app and email == Email.NONE:
            continue
        rows.append(
            Notification(
                recipient_id=user.pk,
                kind=kind,
                key=key[:200],
                title=title[:300],
                text=text,
                link=link[:500],
                in_app=in_app,
                email=email,
            )
        )
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def users_of(people: Iterable[Person]) -> list[int]:
    """The accounts of these participants (those who have one)."""
    return [p.user_id for p in people if p.user_id]
