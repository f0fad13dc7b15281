"""Reminders about surveys, written daily by `send_notifications` (registered in `SurveysConfig`)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.urls import reverse

from notifications import notify
from notifications.models import Kind
from reports.surveys.models import Campaign, Participation

ENDING_IN_DAYS = 3


def survey_ending(today: date) -> None:
    """A campaign that closes in 3 days → its addressees with an account who have not answered.
    Not a campaign answered by the codes of a public link: who has answered there is never known."""
    ending = Campaign.objects.accepting(today).filter(closes_on=today + timedelta(days=ENDING_IN_DAYS))
    campaigns = {c.pk: c for c in ending.filter(public_token="")}
    if not campaigns:
        return
    waiting: dict[int, list[int]] = defaultdict(list)
    for campaign_id, user_id in Participation.objects.filter(
        campaign_id__in=campaigns, answered=False, person__user__isnull=False
    ).values_list("campaign_id", "person__user_id"):
        waiting[campaign_id].append(user_id)
    for campaign_id, users in waiting.items():
        campaign = campaigns[campaign_id]
        notify(
            users,
            kind=Kind.SURVEY_ENDING,
            key=f"survey-ending:{campaign.uuid}",
            title=f"Анкетирование заканчивается {campaign.closes_on:%d.%m.%Y}: {campaign.title}",
            text="Вы ещё не ответили. Это займёт несколько минут.",
            link=reverse("surveys:campaign_answer", args=[campaign.uuid]),
        )
