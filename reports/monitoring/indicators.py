"""The programme's monitoring indicators for an academic year, per organization.

Built on the statistical form (`reports.monitoring.statistics.compute`): what it already counts is read from
there, not counted again. Added here: meetings per pair, roadmap activities done on time, the
shares of the organization's young teachers and students who take part (with their denominators),
the results of the year's surveys, the share of students at the held class hours and the people
at contests (from the events' attendance). Every group of figures is one grouped query over all the
requested organizations, so the page costs the same for one school and for fifty.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from mentoring.lib import numbers
from pairs.models import Meeting
from people.models import AcademicYear, Organization, Person
from reports.events.models import Event, EventClass, EventParticipant, TrainingGroup
from reports.monitoring import breakdowns, statistics
from reports.monitoring.statistics import (
    YOUNG_TEACHER_AGE,
    YOUNG_TEACHER_EXPERIENCE,
    age_between,
    years_before,
)
from reports.surveys.models import Answer, Campaign, Participation, Question, Questionnaire, SurveyCode
from roadmap.models import Activity, Roadmap, counted

SATISFIED_10 = 8  # «удовлетворён»: 8–10 of 10, 4–5 of 5
SATISFACTION_KINDS = [Questionnaire.Kind.SATISFACTION_END]


@dataclass
class Monitoring:
    figures: statistics.Figures = field(default_factory=statistics.Figures)
    meetings: int = 0
    activities_due: int = 0
    activities_on_time: int = 0
    staff_under_35: int = 0
    staff_under_3_years: int = 0
    students_10_18: int = 0
    students_15_18: int = 0
    campaigns: int = 0
    invited: int = 0
    answered: int = 0
    satisfaction_answers: int = 0
    satisfaction_sum10: int = 0  # scale answers on a 10-point scale (a 1–5 answer counts double)
    satisfied: int = 0
    # Held class hours of the year: students present and students counted (a class's counted
    # attendance and invited students marked present or absent; an unmarked class counts for none).
    class_hour_present: int = 0
    class_hour_students: int = 0
    contest_representatives: int = 0  # people present at the year's held contests, each once
    # Mentor training groups of the year: groups, their held sessions, groups that held the sessions
    # their programme requires; diagnostic surveys of the year: addressees and those who answered.
    training_groups: int = 0
    training_sessions: int = 0
    training_groups_done: int = 0
    diagnostic_asked: int = 0
    diagnostic_answered: int = 0
    # The breakdowns (`breakdowns.Line`): by mentee category (keyed by its value) and by form of
    # mentoring (keyed by its id); only the lines that have mentees, pairs or meetings.
    category_lines: dict[str, breakdowns.Line] = field(default_factory=dict)
    form_lines: dict[int, breakdowns.Line] = field(default_factory=dict)

    def add(self, other: Monitoring) -> None:
        self.figures.add(other.figures)
        for f in fields(self):
            if f.name in ("category_lines", "form_lines"):
                breakdowns.merge(getattr(self, f.name), getattr(other, f.name))
            elif f.name != "figures":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def pairs_working(self) -> int:
        """Pairs that have started: working now, completed or stopped."""
        f = self.figures
        return f.pairs_active + f.pairs_completed + f.pairs_terminated

    @property
    def meetings_per_pair(self) -> float | None:
        return round(self.meetings / self.pairs_working, 1) if self.pairs_working else None

    @property
    def survey_satisfaction(self) -> float | None:
        """Mean of the satisfaction questionnaires' scale answers, on a 10-point scale."""
        if not self.satisfaction_answers:
            return None
        return round(self.satisfaction_sum10 / self.satisfaction_answers, 2)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 1) if whole else None


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# (label, value, kind, numerator, denominator): kind is "int", "share", "score" or "ratio".
def rows(m: Monitoring) -> list[tuple[str, object, str, int | None, int | None]]:
    f = m.figures
    return [
        ("Наставников в программе", f.mentors, "int", None, None),
        ("Наставляемых в программе", f.mentees, "int", None, None),
        ("Пар и групп всего", f.pairs_total, "int", None, None),
        ("Действует", f.pairs_active, "int", None, None),
        ("Завершено", f.pairs_completed, "int", None, None),
        ("Прекращено досрочно", f.pairs_terminated, "int", None, None),
        ("Встреч за учебный год", m.meetings, "int", None, None),
        ("Встреч на одну пару (группу), начавшую работу", m.meetings_per_pair, "ratio", None, None),
        ("Польза встреч, средняя оценка (1–10)", f.usefulness, "score", None, None),
        ("Комфорт, средняя оценка (1–10)", f.comfort, "score", None, None),
        ("Ясность следующих шагов, средняя оценка (1–10)", f.clarity, "score", None, None),
        (
            f"Программ, реализованных не менее чем на {statistics.KPI_COMPLETION} %",
            f.programs_kpi_share,
            "share",
            f.programs_kpi,
            f.programs,
        ),
        (
            "Удовлетворённость по анкетам завершения программы (из 10)",
            m.survey_satisfaction,
            "score",
            None,
            None,
        ),
        (
            "Доля удовлетворённых оценок (8–10 из 10, 4–5 из 5)",
            _share(m.satisfied, m.satisfaction_answers),
            "share",
            m.satisfied,
            m.satisfaction_answers,
        ),
        (
            "Мероприятий дорожной карты выполнено в срок",
            _share(m.activities_on_time, m.activities_due),
            "share",
            m.activities_on_time,
            m.activities_due,
        ),
        (
            f"Педагогов до {YOUNG_TEACHER_AGE} лет участвуют в программе",
            _share(f.teachers_under_35, m.staff_under_35),
            "share",
            f.teachers_under_35,
            m.staff_under_35,
        ),
        (
            f"Педагогов со стажем менее {YOUNG_TEACHER_EXPERIENCE} лет участвуют",
            _share(f.teachers_under_3_years, m.staff_under_3_years),
            "share",
            f.teachers_under_3_years,
            m.staff_under_3_years,
        ),
        (
            "Обучающихся 10–18 лет — наставляемые",
            _share(f.students_mentees_10_18, m.students_10_18),
            "share",
            f.students_mentees_10_18,
            m.students_10_18,
        ),
        (
            "Обучающихся 15–18 лет — наставники",
            _share(f.students_mentors_15_18, m.students_15_18),
            "share",
            f.students_mentors_15_18,
            m.students_15_18,
        ),
        (
            "Обучающихся на тематических классных часах",
            _share(m.class_hour_present, m.class_hour_students),
            "share",
            m.class_hour_present,
            m.class_hour_students,
        ),
        ("Представителей организации на конкурсах", m.contest_representatives, "int", None, None),
        ("Групп обучения наставников", m.training_groups, "int", None, None),
        (
            "Занятий на одну группу обучения наставников",
            _ratio(m.training_sessions, m.training_groups),
            "ratio",
            m.training_sessions,
            m.training_groups,
        ),
        (
            "Групп обучения наставников, прошедших программу",
            _share(m.training_groups_done, m.training_groups),
            "share",
            m.training_groups_done,
            m.training_groups,
        ),
        (
            "Участников, прошедших диагностику",
            _share(m.diagnostic_answered, m.diagnostic_asked),
            "share",
            m.diagnostic_answered,
            m.diagnostic_asked,
        ),
        ("Анкетирований проведено", m.campaigns, "int", None, None),
        ("Ответили на анкеты", _share(m.answered, m.invited), "share", m.answered, m.invited),
    ]


def cell(value, kind: str) -> str:
    """A value as `monitoring/_value.html` shows it, formatted once in Python: the side-by-side
    table of 500 organizations has ~10,000 cells, too many for a template include each."""
    if value is None:
        return "—"
    if kind == "share":
        return numbers.share(value)
    if kind == "score":
        return numbers.score(value)
    if kind == "ratio":
        return numbers.ratio(value)
    return str(value)


def cells(m: Monitoring) -> list[str]:
    return [cell(value, kind) for _, value, kind, _, _ in rows(m)]


def reference_day(year: AcademicYear, today: date) -> date:
    """Deadlines are judged on this day: today within the year, the year's last day after it."""
    return min(today, year.ends_on)


def _per_org(queryset, org_path: str, aggregate) -> Coalesce:
    """A correlated subquery: `aggregate` over the rows of `queryset` of the outer organization."""
    rows = (
        queryset.filter(**{org_path: OuterRef("pk")})
        .order_by()
        .values(org_path)
        .annotate(value=aggregate)
        .values("value")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def compute(org_ids, year: AcademicYear, today: date) -> dict[int, Monitoring]:
    """Monitoring per organization id (every requested organization has an entry).

    The statistical form's figures come from `statistics.compute`; the figures added here are
    correlated subqueries of a single query over the organizations.
    """
    org_ids = list(org_ids)
    figures = statistics.compute(org_ids, year)
    result = {org_id: Monitoring(figures=figures[org_id]) for org_id in org_ids}
    pairs = statistics.pairs_in_year(org_ids, year)
    # Only meetings that took place count: a planned, cancelled or missed one is no work done.
    meetings = Meeting.objects.held().filter(pair__in=pairs, date__gte=year.starts_on, date__lte=year.ends_on)

    # Activities of the roadmap in force for the year whose window has ended (or that are done).
    day = reference_day(year, today)
    activities = Activity.objects.filter(
        stage__roadmap__academic_year=year, stage__roadmap__status=Roadmap.Status.APPROVED
    ).filter(counted())
    # `due`: the end of the first occurrence not done (a quarterly activity is due each quarter).
    due = Q(status=Activity.Status.DONE) | Q(due__lt=day)
    on_time = Q(status=Activity.Status.DONE) & (Q(end__isnull=True) | Q(completed_on__lte=F("end")))

    # The denominators: the organization's teachers and students, ages on 1 September.
    start = year.starts_on
    people = Person.objects.not_anonymized()
    staff = Q(kind=Person.Kind.STAFF)
    student = Q(kind=Person.Kind.STUDENT)

    # Surveys of the year: campaigns launched (each has addressees), addressees and answers.
    campaigns = Campaign.objects.filter(academic_year=year).exclude(status=Campaign.Status.DRAFT)
    participations = Participation.objects.filter(campaign__in=campaigns)
    used_codes = SurveyCode.objects.filter(campaign__in=campaigns, used=True)
    ten_point = Case(
        When(question__kind=Question.Kind.SCALE5, then=F("value") * 2),
        default=F("value"),
        output_field=IntegerField(),
    )
    satisfied = Q(question__kind=Question.Kind.SCALE10, value__gte=SATISFIED_10) | Q(
        question__kind=Question.Kind.SCALE5, value__gte=SATISFIED_10 // 2
    )
    answers = Answer.objects.filter(
        response__campaign__in=campaigns.filter(questionnaire__kind__in=SATISFACTION_KINDS),
        question__kind__in=list(Question.SCALES),
    )
    # Events of the year that took place: class hours (attendance counted per class or marked per
    # invited student) and contests (the people who were there).
    held = Event.objects.filter(
        status=Event.Status.HELD, starts_at__date__gte=year.starts_on, starts_at__date__lte=year.ends_on
    )
    class_hours = held.filter(kind=Event.Kind.CLASS_HOUR)
    counted_classes = EventClass.objects.filter(event__in=class_hours, present__isnull=False)
    marked_students = EventParticipant.objects.filter(
        event__in=class_hours, present__isnull=False, person__kind=Person.Kind.STUDENT
    )
    at_contests = EventParticipant.objects.filter(
        event__in=held.filter(kind=Event.Kind.CONTEST), present=True
    )

    org = "organization_id"
    rows = (
        Organization.objects.filter(pk__in=org_ids)
        .values("pk")
        .annotate(
            meetings=_per_org(meetings, "pair__organization_id", Count("id")),
            activities_due=_per_org(activities, "stage__roadmap__organization_id", Count("id", filter=due)),
            activities_on_time=_per_org(
                activities, "stage__roadmap__organization_id", Count("id", filter=on_time)
            ),
            staff_under_35=_per_org(
                people,
                org,
                Count("id", filter=staff & Q(birth_date__gt=years_before(start, YOUNG_TEACHER_AGE))),
            ),
            staff_under_3_years=_per_org(
                people, org, Count("id", filter=staff & Q(experience_years__lt=YOUNG_TEACHER_EXPERIENCE))
            ),
            students_10_18=_per_org(
                people, org, Count("id", filter=student & age_between("", start, 10, 18))
            ),
            students_15_18=_per_org(
                people, org, Count("id", filter=student & age_between("", start, 15, 18))
            ),
            campaigns=_per_org(
                participations, "campaign__organization_id", Count("campaign_id", distinct=True)
            ),
            invited=_per_org(participations, "campaign__organization_id", Count("id")),
            answered=_per_org(
                participations, "campaign__organization_id", Count("id", filter=Q(answered=True))
            )
            # Answers through the public link with a code (issue 19) count like the others.
            + _per_org(used_codes, "campaign__organization_id", Count("id")),
            satisfaction_answers=_per_org(answers, "response__campaign__organization_id", Count("id")),
            satisfaction_sum10=_per_org(answers, "response__campaign__organization_id", Sum(ten_point)),
            satisfied=_per_org(answers, "response__campaign__organization_id", Count("id", filter=satisfied)),
            classes_present=_per_org(counted_classes, "event__organization_id", Sum("present")),
            classes_enrolled=_per_org(counted_classes, "event__organization_id", Sum("enrolled")),
            students_present=_per_org(
                marked_students, "event__organization_id", Count("id", filter=Q(present=True))
            ),
            students_marked=_per_org(marked_students, "event__organization_id", Count("id")),
            contest_representatives=_per_org(
                at_contests, "event__organization_id", Count("person_id", distinct=True)
            ),
        )
    )
    for row in rows:
        item = result[row.pop("pk")]
        item.class_hour_present = row.pop("classes_present") + row.pop("students_present")
        item.class_hour_students = row.pop("classes_enrolled") + row.pop("students_marked")
        for name, value in row.items():
            setattr(item, name, value)
    _training_and_diagnostics(org_ids, year, result)
    for org_id, lines in breakdowns.by_category_per_org(org_ids, year).items():
        result[org_id].category_lines = {key: line for key, line in lines.items() if not line.empty}
    for org_id, lines in breakdowns.by_form_per_org(org_ids, year).items():
        result[org_id].form_lines = lines
    return result


def _training_and_diagnostics(org_ids, year: AcademicYear, result: dict[int, Monitoring]) -> None:
    """Training groups of the year with their held sessions (one query), and the addressees of
    the year's diagnostic surveys with those who answered (one query)."""
    held = Count("sessions", filter=Q(sessions__status=Event.Status.HELD), distinct=True)
    groups = (
        TrainingGroup.objects.filter(organization_id__in=org_ids, academic_year=year)
        .order_by()
        .annotate(held=held)
        .values_list("organization_id", "held", "required_sessions")
    )
    for org_id, sessions, required in groups:
        item = result[org_id]
        item.training_groups += 1
        item.training_sessions += sessions
        item.training_groups_done += sessions >= required
    diagnostics = (
        Participation.objects.filter(
            campaign__organization_id__in=org_ids,
            campaign__academic_year=year,
            campaign__questionnaire__kind=Questionnaire.Kind.DIAGNOSTIC,
        )
        .exclude(campaign__status=Campaign.Status.DRAFT)
        .order_by()
        .values("campaign__organization_id")
        .annotate(asked=Count("id"), answered=Count("id", filter=Q(answered=True)))
    )
    for row in diagnostics:
        item = result[row["campaign__organization_id"]]
        item.diagnostic_asked, item.diagnostic_answered = row["asked"], row["answered"]


def total(monitoring: dict[int, Monitoring]) -> Monitoring:
    combined = Monitoring()
    for item in monitoring.values():
        combined.add(item)
    return combined


def chart_data(m: Monitoring) -> dict:
    """What the monitoring page's charts draw: the statistics' charts plus the shares in per cent."""
    shares = [(label, value) for label, value, kind, _, _ in rows(m) if kind == "share"]
    return {
        **statistics.chart_data(m.figures),
        "shares": {
            "labels": [label for label, _ in shares],
            "values": [round(100 * value, 1) if value is not None else None for _, value in shares],
        },
    }


@dataclass
class SurveySummary:
    campaign: Campaign
    scales: list[tuple[str, float, int]] = field(default_factory=list)  # (question, mean, scale max)
    growth: list = field(default_factory=list)  # reports.surveys.results.Growth

    @property
    def mean10(self) -> float | None:
        """The mean of the scale questions' means, on a 10-point scale."""
        if not self.scales:
            return None
        return round(sum(mean * 10 / top for _, mean, top in self.scales) / len(self.scales), 2)


def survey_summaries(org_ids, year: AcademicYear) -> list[SurveySummary]:
    """The year's launched campaigns with the means of their scale questions, and for a campaign
    compared with a baseline, the growth. Three queries, plus two per compared campaign."""
    from django.db.models import Avg

    from reports.surveys.results import compare

    campaigns = list(
        Campaign.objects.filter(organization_id__in=org_ids, academic_year=year)
        .exclude(status=Campaign.Status.DRAFT)
        .for_list()
        .select_related("organization", "baseline")
        .order_by("organization__short_name", "opens_on", "id")
    )
    summaries = {c.pk: SurveySummary(c) for c in campaigns}
    questions = {
        q.pk: q
        for q in Question.objects.filter(
            section__questionnaire__in={c.questionnaire_id for c in campaigns}, kind__in=list(Question.SCALES)
        )
    }
    means = (
        Answer.objects.filter(response__campaign__in=campaigns, question_id__in=list(questions))
        .order_by()
        .values("response__campaign_id", "question_id")
        .annotate(mean=Avg("value"))
        .order_by("response__campaign_id", "question__section__position", "question__position", "question_id")
    )
    for row in means:
        q = questions[row["question_id"]]
        summaries[row["response__campaign_id"]].scales.append(
            (q.text, round(float(row["mean"]), 2), q.scale_max)
        )
    for campaign in campaigns:
        if campaign.baseline_id:
            summaries[campaign.pk].growth = compare(campaign.baseline, campaign)
    return list(summaries.values())
