"""The indicators of roadmap KPIs that the application can compute from its own data, registered
with the roadmap (`roadmap.kpi.register_indicator`). Each takes the roadmap and counts within its
organization and academic year, in one query."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from pairs.models import KPI_COMPLETION, Program
from reports.events.models import Event, EventClass, EventParticipant, TrainingGroup
from reports.monitoring.statistics import pairs_in_year
from reports.surveys.models import Participation, Questionnaire
from roadmap.kpi import COUNT, PERCENT, register_indicator
from roadmap.models import Activity


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _held(roadmap, kind: str):
    year = roadmap.academic_year
    return Event.objects.filter(
        organization_id=roadmap.organization_id,
        kind=kind,
        status=Event.Status.HELD,
        starts_at__date__gte=year.starts_on,
        starts_at__date__lte=year.ends_on,
    )


def programmes_done(roadmap) -> Decimal | None:
    """Share of the year's programmes (with a plan) whose plan is done at least at 90 %."""
    rows = (
        Program.objects.filter(pair__in=pairs_in_year([roadmap.organization_id], roadmap.academic_year))
        .annotate(total=Count("items"), done=Count("items", filter=Q(items__done_on__isnull=False)))
        .filter(total__gt=0)
        .values_list("total", "done")
    )
    rows = list(rows)
    return _percent(sum(1 for total, done in rows if done * 100 >= KPI_COMPLETION * total), len(rows))


def class_hour_attendance(roadmap) -> Decimal | None:
    """Share of the students of the invited classes present at the year's held class hours."""
    totals = EventClass.objects.filter(
        event__in=_held(roadmap, Event.Kind.CLASS_HOUR), present__isnull=False
    ).aggregate(present=Sum("present"), enrolled=Sum("enrolled"))
    return _percent(totals["present"] or 0, totals["enrolled"] or 0)


def training_sessions(roadmap) -> Decimal | None:
    """Sessions held per group of mentor training: the fewest any of the year's groups had (the
    KPI holds for every group); without groups, the year's training sessions altogether."""
    held = Q(sessions__status=Event.Status.HELD)
    per_group = list(
        TrainingGroup.objects.filter(
            organization_id=roadmap.organization_id, academic_year=roadmap.academic_year
        )
        .annotate(n=Count("sessions", filter=held))
        .values_list("n", flat=True)
    )
    if per_group:
        return Decimal(min(per_group))
    count = _held(roadmap, Event.Kind.MENTOR_TRAINING).count()
    return Decimal(count) if count else None


def contest_representatives(roadmap) -> Decimal | None:
    """People of the school present at the year's held contests."""
    count = (
        EventParticipant.objects.filter(event__in=_held(roadmap, Event.Kind.CONTEST), present=True)
        .values("person")
        .distinct()
        .count()
    )
    return Decimal(count) if count else None


def participants_diagnosed(roadmap) -> Decimal | None:
    """Share of those asked in the year's diagnostic surveys who answered."""
    totals = Participation.objects.filter(
        campaign__organization_id=roadmap.organization_id,
        campaign__academic_year=roadmap.academic_year,
        campaign__questionnaire__kind=Questionnaire.Kind.DIAGNOSTIC,
    ).aggregate(asked=Count("id"), answered=Count("id", filter=Q(answered=True)))
    return _percent(totals["answered"], totals["asked"])


def roadmap_done(roadmap) -> Decimal | None:
    """Share of the roadmap's activities done (cancelled ones count as not to be done)."""
    totals = Activity.objects.filter(stage__roadmap=roadmap).aggregate(
        total=Count("id", filter=~Q(status=Activity.Status.CANCELLED)),
        done=Count("id", filter=Q(status=Activity.Status.DONE)),
    )
    return _percent(totals["done"], totals["total"])


def register() -> None:
    register_indicator(
        "roadmap_done",
        "доля выполненных мероприятий дорожной карты",
        PERCENT,
        r"позици\w* дорожн|мероприяти\w* дорожн",
        roadmap_done,
    )
    register_indicator(
        "programmes_done",
        "доля программ, реализованных не менее чем на 90 %",
        PERCENT,
        r"программ\w* (\w+ )?реализован|реализаци\w* (\w+ )?программ",
        programmes_done,
    )
    register_indicator(
        "class_hour_attendance",
        "доля обучающихся на классных часах (по посещаемости)",
        PERCENT,
        r"классн\w* час",
        class_hour_attendance,
    )
    register_indicator(
        "training_sessions",
        "занятий в группе обучения наставников (наименьшее по группам)",
        COUNT,
        r"заняти|сесси",
        training_sessions,
    )
    register_indicator(
        "contest_representatives",
        "представителей ОО на конкурсах (по посещаемости)",
        COUNT,
        r"представител|конкурс",
        contest_representatives,
    )
    register_indicator(
        "participants_diagnosed",
        "доля участников, прошедших диагностику",
        PERCENT,
        r"диагности",
        participants_diagnosed,
    )
