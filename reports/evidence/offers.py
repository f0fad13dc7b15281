"""Offer what the application produced as evidence of the roadmap activities that expect it.

Each receiver runs inside the transaction of the action that sent the signal (signing an order,
holding an event…), so the offer is recorded together with the thing itself or not at all.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone

from people.models import AcademicYear
from reports.evidence.matching import expects
from roadmap import actions as roadmap_actions
from roadmap.models import Activity


def open_activities_expecting(organization_id: int, on: date, key: str) -> list[Activity]:
    """The open activities of the roadmap in force for the academic year of `on` that expect `key`."""
    candidates = (
        Activity.objects.in_force()
        .open()
        .filter(
            stage__roadmap__organization_id=organization_id,
            stage__roadmap__academic_year__start_year=AcademicYear.start_year_of(on),
        )
        .select_related("stage__roadmap")
    )
    return [activity for activity in candidates if expects(activity, key)]


def offer(organization_id: int, obj, key: str, *, label: str, url: str, on: date) -> None:
    activities = open_activities_expecting(organization_id, on, key)
    if activities:
        roadmap_actions.evidence_offer(activities, obj, label=label, url=url, happened_on=on)


def _day(moment) -> date:
    return timezone.localtime(moment).date() if moment else timezone.localdate()


def order_signed(sender, *, order, actor, **kwargs) -> None:
    label = f"Подписан приказ {order.display_number} «{order.title}»"
    offer(
        order.organization_id,
        order,
        f"order:{order.kind}",
        label=label,
        url=order.get_absolute_url(),
        on=order.date,
    )


def event_held(sender, *, event, actor, **kwargs) -> None:
    on = _day(event.starts_at)
    kind = event.get_kind_display()
    # «Классный час «Наставник рядом»» already says its kind.
    title = event.title if event.title.lower().startswith(kind.lower()) else f"{kind}: {event.title}"
    label = f"Проведено {on:%d.%m.%Y}: {title}"
    offer(
        event.organization_id, event, f"event:{event.kind}", label=label, url=event.get_absolute_url(), on=on
    )


def campaign_closed(sender, *, campaign, actor, **kwargs) -> None:
    # Closed after its last day (as the schedules close theirs), a campaign was done by that day:
    # the date decides which occurrence of a recurring activity it counts for.
    on = min(_day(campaign.closed_at), campaign.closes_on)
    label = f"Завершено анкетирование «{campaign.title}» {on:%d.%m.%Y}"
    key = f"survey:{campaign.questionnaire.kind}"
    offer(campaign.organization_id, campaign, key, label=label, url=campaign.get_absolute_url(), on=on)


def news_published(sender, *, item, actor, **kwargs) -> None:
    on = _day(item.published_at)
    label = f"Опубликована новость «{item.title}» {on:%d.%m.%Y}"
    url = reverse("publication:news_edit", args=[item.uuid])
    offer(item.organization_id, item, "news", label=label, url=url, on=on)


def regulation_approved(sender, *, regulation, actor, **kwargs) -> None:
    on = regulation.approved_on
    on = min(on, timezone.localdate())
    label = f"Утверждено «{regulation.title}» приказом от {regulation.order_date:%d.%m.%Y} № {regulation.order_number}"
    offer(
        regulation.organization_id,
        regulation,
        "regulation",
        label=label,
        url=regulation.get_absolute_url(),
        on=on,
    )
