"""Recurring campaigns: the periods of a schedule and the periodic run that opens and closes them.

A period is a quarter («четверть») or a month of the academic year, cut exactly as the roadmap
cuts the occurrences of an activity due «1 раз в четверть» or «ежемесячно»
(`roadmap.deadlines.occurrence_windows` over 1 September – 31 August): so the campaign of a period
closes inside the window of that period's occurrence and is offered as its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from mentoring.lib import academic_year as years
from mentoring.lib.actions import ActionRefused
from roadmap import deadlines

QUARTERLY, MONTHLY = "quarterly", "monthly"
ROMAN = ("I", "II", "III", "IV")
MONTHS = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str


def periods_of_year(frequency: str, start_year: int) -> list[Period]:
    """The quarters or the months of the academic year `start_year`/+1, in order."""
    first, last = years.bounds(start_year)
    recurrence = deadlines.QUARTERLY if frequency == QUARTERLY else deadlines.MONTHLY
    windows = deadlines.occurrence_windows(recurrence, first, last, "", start_year)
    if frequency == QUARTERLY:
        return [
            Period(start, end, f"{ROMAN[n]} четверть {years.label(start_year)}")
            for n, (start, end) in enumerate(windows)
        ]
    return [Period(start, end, f"{MONTHS[start.month - 1]} {start.year}") for start, end in windows]


def period_of(frequency: str, day: date) -> Period:
    """The period `day` falls in."""
    return next(p for p in periods_of_year(frequency, years.start_year_of(day)) if p.start <= day <= p.end)


def period_after(frequency: str, day: date) -> Period:
    """The first period starting after `day`."""
    return period_of(frequency, period_of(frequency, day).end + timedelta(days=1))


def first_period_from(frequency: str, day: date) -> Period:
    """The period starting on `day`, else the next one: what a schedule made on `day` opens first."""
    current = period_of(frequency, day)
    return current if current.start == day else period_after(frequency, day)


def closes_on(schedule, period: Period) -> date:
    """The campaign of a period takes answers for `days_open` days, never past the period's end."""
    return min(period.start + timedelta(days=schedule.days_open - 1), period.end)


def next_run(schedule, today: date) -> date | None:
    """When the schedule next opens a campaign: today if the current period's is due and not yet
    opened, else the start of the next period; None for a stopped schedule."""
    if not schedule.active:
        return None
    opened = {c.period_start for c in schedule.campaigns.all()}
    current = period_of(schedule.frequency, today)
    if (
        current.start >= schedule.starts_on
        and current.start not in opened
        and today <= closes_on(schedule, current)
    ):
        return today
    period = period_after(schedule.frequency, today)
    while period.start < schedule.starts_on or period.start in opened:
        period = period_after(schedule.frequency, period.start)
    return period.start


def run_schedules(today: date) -> dict:
    """Open the campaign of the current period of every active schedule whose period has begun
    (once: unique per schedule and period), and close the scheduled campaigns whose days are
    over — the closing offers them as evidence to the roadmap. Safe to run any number of times."""
    from reports.surveys import actions
    from reports.surveys.models import Campaign, CampaignSchedule

    opened = failed = closed = 0
    for schedule in CampaignSchedule.objects.filter(active=True).select_related("source"):
        period = period_of(schedule.frequency, today)
        if period.start < schedule.starts_on or today > closes_on(schedule, period):
            continue
        if Campaign.objects.filter(schedule=schedule, period_start=period.start).exists():
            continue
        try:
            if actions.schedule_open_period(schedule, period, actor=None, today=today) is not None:
                opened += 1
        except ActionRefused as refusal:
            failed += 1
            CampaignSchedule.objects.filter(pk=schedule.pk).update(
                last_error=" ".join(refusal.messages)[:300]
            )
    for campaign in Campaign.objects.filter(
        schedule__isnull=False, status=Campaign.Status.OPEN, closes_on__lt=today
    ):
        actions.campaign_close(campaign, actor=None)
        closed += 1
    return {"opened": opened, "failed": failed, "closed": closed}
