"""Demo and benchmark data, all in this package: people first, then each section in turn.

Each module has `seed_demo(org, rng)` (the demo school, idempotent) and may have
`seed_organizations(orgs, rng)` (bulk data for generated organizations). Product code never
imports this package.
"""

from __future__ import annotations

import random

from django.db import transaction

from mentoring.demo import events, orders, pairs, roadmap
from mentoring.demo import people as people_demo

# In this order: pairs need the roadmap's year, orders name the pairs (surveys come with the pairs).
LATER_STEPS = [roadmap, pairs, orders, events]


def _app_seeders(name: str):
    for module in LATER_STEPS:
        function = getattr(module, name, None)
        if function is not None:
            yield function


def seed_demo(seed: int = 2024) -> None:
    rng = random.Random(seed)
    with transaction.atomic():
        org = people_demo.seed_demo(rng)
        for seeder in _app_seeders("seed_demo"):
            seeder(org, rng)
        _ensure_demo_parent(org)


def _ensure_demo_parent(org) -> None:
    """The demo login «parent» (issue 19): the законный представитель of a student mentee in an
    active pair, who has activated their invitation (password «demo»)."""
    from django.utils import timezone

    from accounts.models import Invitation
    from pairs.models import Pair
    from people.models import LegalRepresentative, Membership, User

    if User.objects.filter(username="parent").exists():
        return
    rep = (
        LegalRepresentative.objects.filter(
            student__organization=org,
            student__anonymized_at__isnull=True,
            student__mentee__pair_links__pair__status=Pair.Status.ACTIVE,
            user__isnull=False,
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if rep is None:
        return
    user = rep.user
    user.username = "parent"
    user.set_password(people_demo.DEMO_PASSWORD)
    user.save()
    Membership.objects.get_or_create(user=user, organization=org, role=Membership.Role.REPRESENTATIVE)
    Invitation.objects.filter(representative=rep, used_at__isnull=True).update(used_at=timezone.now())


def _history_triggers() -> list[str]:
    import pghistory.trigger
    import pgtrigger

    return [
        f"{model._meta.label}:{trigger.name}"
        for model, trigger in pgtrigger.registered()
        if isinstance(trigger, pghistory.trigger.Event)
    ]


def seed_organizations(count: int, seed: int = 2024) -> int:
    """Generated schools for load measurements. Their bulk inserts skip the history triggers: an
    event row for every inserted row would double the writes of data nobody edited (the demo
    school keeps its history, and anything changed later is tracked as usual)."""
    import pgtrigger

    from mentoring.demo.bulk import bulk_load

    rng = random.Random(seed + count)
    # COPY with the tables' user triggers disabled for the load; the kept figures marked stale after.
    with transaction.atomic(), pgtrigger.ignore(*_history_triggers()), bulk_load():
        orgs = people_demo.seed_organizations(count, rng)
        for seeder in _app_seeders("seed_organizations"):
            seeder(orgs, rng)
    return len(orgs)
