from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from people.models import Organization, Person
from people.tests.factories import PersonFactory
from reports.events import actions
from reports.events.models import Event, Protocol

AGENDA = [
    {
        "title": "О реализации программы наставничества",
        "heard": "Куратора программы о ходе реализации.",
        "spoke": "Учитель математики о работе пары.",
        "decided": "Принять информацию к сведению.",
    },
    {
        "title": "О дорожной карте на учебный год",
        "heard": "Заместителя директора.",
        "spoke": "",
        "decided": "Принять дорожную карту.",
    },
]


def at(day: date, hour: int = 15) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def make_event(
    org: Organization,
    *,
    kind: str = Event.Kind.TEACHERS_COUNCIL,
    people: list[Person] = (),
    classes: str = "",
    day: date | None = None,
    organizer: Person | None = None,
) -> Event:
    organizer = organizer or PersonFactory(organization=org, last_name="Орлова", first_name="Ольга")
    return actions.event_create(
        org,
        actor=None,
        kind=kind,
        title="Педагогический совет по наставничеству",
        starts_at=at(day or timezone.localdate() - timedelta(days=1)),
        place="актовый зал",
        organizer=organizer,
        people=list(people),
        classes=classes,
    )


def held_event(org: Organization, *, kind: str = Event.Kind.TEACHERS_COUNCIL, people=(), **fields) -> Event:
    people = list(people) or [PersonFactory(organization=org, last_name="Сидорова")]
    event = make_event(org, kind=kind, people=people, **fields)
    return actions.event_hold(event, actor=None, present={p.pk for p in people})


def make_protocol(event: Event, **fields) -> Protocol:
    chair = fields.pop("chair", event.organizer)
    return actions.protocol_create(
        event,
        actor=None,
        date=fields.pop("date", timezone.localtime(event.starts_at).date()),
        chair=chair,
        secretary=fields.pop("secretary", chair),
        agenda=fields.pop("agenda", AGENDA),
    )
