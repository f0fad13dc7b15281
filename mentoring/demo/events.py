"""Demo events of the demo school: a held pedagogical council with its protocol."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from mentoring.lib import academic_year as years
from people.models import Organization, Person, User
from reports.events import actions
from reports.events.models import Event, Protocol

AGENDA = [
    {
        "title": "О реализации целевой модели наставничества в текущем учебном году",
        "heard": "Куратора программы наставничества о составе банков наставников и наставляемых "
        "и о сформированных наставнических парах.",
        "spoke": "Учителя, наставники молодых специалистов, о первых встречах пар.",
        "decided": "Принять информацию к сведению. Продолжить работу наставнических пар по "
        "персонализированным программам.",
    },
    {
        "title": "О дорожной карте реализации программы наставничества",
        "heard": "Заместителя директора по УВР о мероприятиях дорожной карты и сроках их выполнения.",
        "spoke": "",
        "decided": "Принять дорожную карту реализации программы наставничества на учебный год.",
    },
]


def seed_demo(org: Organization, rng: random.Random) -> None:
    """Idempotent: the council is seeded once per school."""
    if Protocol.objects.filter(organization=org, kind=Event.Kind.TEACHERS_COUNCIL).exists():
        return
    director = Person.objects.filter(organization=org, user__username="director").first()
    curator = Person.objects.get(organization=org, user=User.objects.get(username="curator"))
    staff = list(Person.objects.filter(organization=org, kind=Person.Kind.STAFF).order_by("pk")[:12])
    start = years.start_year_of(timezone.localdate())
    day = min(date(start, 9, 5), timezone.localdate() - timedelta(days=1))
    event = actions.event_create(
        org,
        actor=None,
        kind=Event.Kind.TEACHERS_COUNCIL,
        title="Педагогический совет «Наставничество как ресурс профессионального роста»",
        starts_at=timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=15)),
        place="актовый зал",
        organizer=curator,
        people=staff,
    )
    absent = rng.choice(staff[1:]) if len(staff) > 1 else None
    actions.event_hold(event, actor=None, present={p.pk for p in staff if p != absent})
    actions.protocol_create(
        event, actor=None, date=day, chair=director or curator, secretary=curator, agenda=AGENDA
    )
