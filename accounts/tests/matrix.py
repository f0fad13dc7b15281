from __future__ import annotations

from mentoring.tests.matrix import STAFF_READERS, Case, roles, url

MANAGERS = ("admin", "curator")
PUBLIC = {
    role: 200 for role in ("anonymous", "admin", "director", "curator", "mentor", "mentee", "coordinator")
}


def _token(world) -> str:
    """An open e-mail invitation of a mentor of the school (its token, made once per world)."""
    if "invitation_token" not in world.extra:
        from accounts.actions import accounts_create
        from people.tests.factories import MentorFactory, PersonFactory

        person = PersonFactory(organization=world.org, email="new@example.ru")
        MentorFactory(person=person)
        accounts_create([person], actor=world.users["curator"], channel="email")
        from accounts.models import Invitation

        invitation = Invitation.objects.get(person=person)
        # The digest is all the database keeps: swap in a token the test knows.
        from accounts.models import digest

        invitation.token_digest = digest("matrix-token")
        invitation.save(update_fields=["token_digest"])
        world.extra["invitation_token"] = "matrix-token"
    return world.extra["invitation_token"]


CASES = {
    "accounts:invitation_list": Case(url("accounts:invitation_list"), roles(allowed=STAFF_READERS)),
    # An empty choice is refused with a message and a redirect back to the list.
    "accounts:invite": Case(
        url("accounts:invite"),
        roles(302, allowed=MANAGERS),
        method="post",
        data=lambda w: {"channel": "email"},
    ),
    # законный представитель (issue 19)
    "accounts:representative_list": Case(url("accounts:representative_list"), roles(allowed=STAFF_READERS)),
    "accounts:invite_representatives": Case(
        url("accounts:invite_representatives"),
        roles(302, allowed=MANAGERS),
        method="post",
        data=lambda w: {"channel": "slip"},
    ),
    "accounts:activate_code": Case(url("accounts:activate_code"), PUBLIC),
    "accounts:activate_token": Case(url("accounts:activate_token", _token), PUBLIC),
}
