"""The figures of the statistical form, for one or several organizations and an academic year.

Every figure is computed by grouped aggregate queries (one per group of figures, grouped by
organization), never by a query per person or pair. Sums and counts are kept rather than averages
so that the figures of several organizations add up exactly into a total.

What belongs to an academic year:
- a pair, when its period (planned start to the actual or planned end) overlaps the year;
- a participant, when they are in such a pair, or entered the bank in that year;
- ages are taken on 1 September of the year.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from pairs.models import KPI_COMPLETION, Feedback, Meeting, Pair, PairMentee, PairMentor, PlanItem, Program
from people.models import AcademicYear, Mentee, Mentor, MentorTraining, Person

YOUNG_TEACHER_AGE = 35
YOUNG_TEACHER_EXPERIENCE = 3


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_between(prefix: str, day: date, low: int, high: int) -> Q:
    """People aged `low`..`high` full years on `day` (both inclusive)."""
    return Q(
        **{
            f"{prefix}birth_date__lte": years_before(day, low),
            f"{prefix}birth_date__gt": years_before(day, high + 1),
        }
    )


def pairs_in_year(org_ids, year: AcademicYear) -> QuerySet:
    """Pairs of these organizations whose period overlaps the academic year."""
    return Pair.objects.filter(organization_id__in=org_ids, planned_start__lte=year.ends_on).filter(
        Q(ended_on__gte=year.starts_on) | Q(ended_on__isnull=True, planned_end__gte=year.starts_on)
    )


def mentors_in_year(org_ids, year: AcademicYear) -> QuerySet:
    pairs = pairs_in_year(org_ids, year)
    in_pair = PairMentor.objects.filter(mentor=OuterRef("pk"), pair__in=pairs)
    return Mentor.objects.filter(organization_id__in=org_ids).filter(Q(academic_year=year) | Exists(in_pair))


def mentees_in_year(org_ids, year: AcademicYear) -> QuerySet:
    pairs = pairs_in_year(org_ids, year)
    in_pair = PairMentee.objects.filter(mentee=OuterRef("pk"), pair__in=pairs)
    return Mentee.objects.filter(organization_id__in=org_ids).filter(Q(academic_year=year) | Exists(in_pair))


@dataclass
class Figures:
    """The statistical form of one organization (or the total of several)."""

    by_form: dict[str, dict[str, int]] = field(default_factory=dict)  # form → {"mentors", "mentees"}
    mentors: int = 0
    mentees: int = 0
    mentors_in_pairs: int = 0
    mentees_in_pairs: int = 0
    teachers_under_35: int = 0
    teachers_under_3_years: int = 0
    students_mentees_10_18: int = 0
    students_mentors_15_18: int = 0
    mentors_trained: int = 0
    pairs_project: int = 0
    pairs_active: int = 0
    pairs_completed: int = 0
    pairs_terminated: int = 0
    programs: int = 0
    programs_kpi: int = 0
    feedback_count: int = 0
    usefulness_sum: int = 0
    comfort_sum: int = 0
    clarity_sum: int = 0

    @property
    def pairs_total(self) -> int:
        return self.pairs_project + self.pairs_active + self.pairs_completed + self.pairs_terminated

    @property
    def programs_kpi_share(self) -> float | None:
        """Share (0..1) of programmes with plan items that are done at least at 90 %."""
        return self.programs_kpi / self.programs if self.programs else None

    def _mean(self, total: int) -> float | None:
        return round(total / self.feedback_count, 2) if self.feedback_count else None

    @property
    def usefulness(self) -> float | None:
        return self._mean(self.usefulness_sum)

    @property
    def comfort(self) -> float | None:
        return self._mean(self.comfort_sum)

    @property
    def clarity(self) -> float | None:
        return self._mean(self.clarity_sum)

    @property
    def satisfaction(self) -> float | None:
        """The mean of the three scales over all feedback, 1–10."""
        total = self.usefulness_sum + self.comfort_sum + self.clarity_sum
        return round(total / (3 * self.feedback_count), 2) if self.feedback_count else None

    def add(self, other: Figures) -> None:
        for f in fields(self):
            if f.name == "by_form":
                for form, counts in other.by_form.items():
                    mine = self.by_form.setdefault(form, {"mentors": 0, "mentees": 0})
                    for role, n in counts.items():
                        mine[role] += n
            else:
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


# The people of the year's pairs: with the completed and terminated ones, so not «now in pairs» (the
# dashboard's and the public page's figure, pairs.models.working_people) — the label says so.
IN_PAIRS_LABELS = {
    "mentors_in_pairs": "Наставников, работавших в парах и группах за учебный год",
    "mentees_in_pairs": "Наставляемых, работавших в парах и группах за учебный год",
}

# Rows of the statistical form: (attribute, label, kind) where kind is "int", "share" or "score".
INDICATORS: list[tuple[str, str, str]] = [
    ("mentors", "Наставников в программе (банк и пары учебного года)", "int"),
    ("mentees", "Наставляемых в программе (банк и пары учебного года)", "int"),
    ("mentors_in_pairs", IN_PAIRS_LABELS["mentors_in_pairs"], "int"),
    ("mentees_in_pairs", IN_PAIRS_LABELS["mentees_in_pairs"], "int"),
    ("teachers_under_35", "Педагогов в возрасте до 35 лет, участвующих в программе", "int"),
    ("teachers_under_3_years", "Педагогов со стажем менее 3 лет, участвующих в программе", "int"),
    ("students_mentees_10_18", "Обучающихся 10–18 лет — наставляемых", "int"),
    ("students_mentors_15_18", "Обучающихся 15–18 лет — наставников", "int"),
    ("mentors_trained", "Наставников, прошедших обучение", "int"),
    ("pairs_total", "Пар и групп всего", "int"),
    ("pairs_project", "Пар и групп в проекте", "int"),
    ("pairs_active", "Пар и групп действует", "int"),
    ("pairs_completed", "Пар и групп завершено", "int"),
    ("pairs_terminated", "Пар и групп прекращено досрочно", "int"),
    ("programs", "Персонализированных программ с планом", "int"),
    ("programs_kpi", f"Программ, реализованных не менее чем на {KPI_COMPLETION} %", "int"),
    ("programs_kpi_share", f"Доля программ, реализованных не менее чем на {KPI_COMPLETION} %", "share"),
    ("feedback_count", "Отзывов участников о встречах", "int"),
    ("usefulness", "Польза встреч, средняя оценка (1–10)", "score"),
    ("comfort", "Комфорт, средняя оценка (1–10)", "score"),
    ("clarity", "Ясность следующих шагов, средняя оценка (1–10)", "score"),
    ("satisfaction", "Удовлетворённость участников, средняя оценка (1–10)", "score"),
]


# The indicators a form's row may show: every count and property of `Figures` with its usual
# label and kind. A region's form picks from these by key; a key not listed here is refused.
KNOWN_INDICATORS: dict[str, tuple[str, str]] = {attr: (label, kind) for attr, label, kind in INDICATORS}
KINDS = {"int": "число", "share": "доля", "score": "средняя оценка", "ratio": "отношение"}


def indicator_choices() -> list[tuple[str, str]]:
    return [(key, label) for key, (label, _) in KNOWN_INDICATORS.items()]


@dataclass(frozen=True)
class FormLine:
    """One row of a statistical form: its number (may be empty), label, indicator and kind."""

    number: str
    label: str
    indicator: str
    kind: str

    @property
    def title(self) -> str:
        return f"{self.number}. {self.label}" if self.number else self.label


DEFAULT_LINES = [FormLine("", label, attr, kind) for attr, label, kind in INDICATORS]


def _grouped(queryset: QuerySet, **aggregates) -> dict[int, dict]:
    rows = queryset.order_by().values("organization_id").annotate(**aggregates)
    return {row.pop("organization_id"): row for row in rows}


def compute(org_ids, year: AcademicYear) -> dict[int, Figures]:
    """Figures per organization id (every requested organization has an entry)."""
    org_ids = list(org_ids)
    result = {org_id: Figures() for org_id in org_ids}
    day = year.starts_on
    pairs = pairs_in_year(org_ids, year)

    # Pairs by status.
    status_counts = {f"pairs_{s}": Count("id", filter=Q(status=s)) for s in Pair.Status.values}
    for org_id, row in _grouped(pairs, **status_counts).items():
        for name, value in row.items():
            setattr(result[org_id], name, value)

    # Participants of the year, and people in pairs: mentors and mentees are one person each.
    # Trained: a recorded training by the end of the year, or the bank status «обучен» / «активен»
    # (a mentor becomes active only after the training stage).
    trained = Exists(MentorTraining.objects.filter(mentor=OuterRef("pk"), date__lte=year.ends_on)) | Q(
        status__in=[Mentor.Status.TRAINED, Mentor.Status.ACTIVE]
    )
    # «Работали в парах»: a project pair has not worked yet (pairs.models.PairQuerySet.have_worked).
    worked = pairs.have_worked()
    mentor_in_pair = Exists(PairMentor.objects.filter(mentor=OuterRef("pk"), pair__in=worked))
    mentee_in_pair = Exists(PairMentee.objects.filter(mentee=OuterRef("pk"), pair__in=worked))
    mentor_rows = _grouped(
        mentors_in_year(org_ids, year).alias(trained=trained, in_pair=mentor_in_pair),
        mentors=Count("id"),
        mentors_in_pairs=Count("id", filter=Q(in_pair=True)),
        mentors_trained=Count("id", filter=Q(trained=True)),
        students_mentors_15_18=Count(
            "id", filter=Q(person__kind=Person.Kind.STUDENT) & age_between("person__", day, 15, 18)
        ),
    )
    mentee_rows = _grouped(
        mentees_in_year(org_ids, year).alias(in_pair=mentee_in_pair),
        mentees=Count("id"),
        mentees_in_pairs=Count("id", filter=Q(in_pair=True)),
        students_mentees_10_18=Count(
            "id", filter=Q(person__kind=Person.Kind.STUDENT) & age_between("person__", day, 10, 18)
        ),
    )
    for rows in (mentor_rows, mentee_rows):
        for org_id, row in rows.items():
            for name, value in row.items():
                setattr(result[org_id], name, value)

    # Teachers taking part (as mentor or mentee), each person counted once.
    # Scoped to the organizations first: otherwise every teacher of the installation is scanned.
    participants = Person.objects.filter(organization_id__in=org_ids, kind=Person.Kind.STAFF).filter(
        Q(id__in=mentors_in_year(org_ids, year).values("person_id"))
        | Q(id__in=mentees_in_year(org_ids, year).values("person_id"))
    )
    young_born_after = years_before(day, YOUNG_TEACHER_AGE)
    for org_id, row in _grouped(
        participants,
        teachers_under_35=Count("id", filter=Q(birth_date__gt=young_born_after)),
        teachers_under_3_years=Count("id", filter=Q(experience_years__lt=YOUNG_TEACHER_EXPERIENCE)),
    ).items():
        for name, value in row.items():
            setattr(result[org_id], name, value)

    # Form × role: distinct people in pairs of each form.
    for model, role, key in ((PairMentor, "mentors", "mentor"), (PairMentee, "mentees", "mentee")):
        rows = (
            model.objects.filter(pair__in=worked)
            .order_by()
            .values("pair__organization_id", "pair__form__name", "pair__form__position")
            .annotate(n=Count(key, distinct=True))
        )
        for row in rows:
            forms = result[row["pair__organization_id"]].by_form
            forms.setdefault(row["pair__form__name"], {"mentors": 0, "mentees": 0})[role] = row["n"]

    # Programmes done at least at 90 %: exact comparison, done × 100 ≥ 90 × total.
    def item_count(**extra):
        items = PlanItem.objects.filter(program=OuterRef("pk"), **extra).order_by()
        return Coalesce(
            Subquery(
                items.values("program").annotate(c=Count("id")).values("c"), output_field=IntegerField()
            ),
            Value(0),
        )

    programs = (
        Program.objects.filter(pair__in=pairs)
        .alias(total=item_count(), done=item_count(done_on__isnull=False))
        .filter(total__gt=0)
        .annotate(organization_id=F("pair__organization_id"))
    )
    for org_id, row in _grouped(
        programs,
        programs=Count("id"),
        programs_kpi=Count("id", filter=Q(done__gte=F("total") * KPI_COMPLETION / 100.0)),
    ).items():
        for name, value in row.items():
            setattr(result[org_id], name, value)

    # Satisfaction: feedback on meetings of the year's pairs held within the year.
    feedback = Feedback.objects.filter(
        meeting__pair__in=pairs,
        meeting__status=Meeting.Status.HELD,
        meeting__date__gte=year.starts_on,
        meeting__date__lte=year.ends_on,
    ).annotate(organization_id=F("meeting__pair__organization_id"))
    for org_id, row in _grouped(
        feedback,
        feedback_count=Count("id"),
        usefulness_sum=Sum("usefulness"),
        comfort_sum=Sum("comfort"),
        clarity_sum=Sum("clarity"),
    ).items():
        for name, value in row.items():
            setattr(result[org_id], name, value or 0)
    return result


def total(figures: dict[int, Figures]) -> Figures:
    combined = Figures()
    for item in figures.values():
        combined.add(item)
    return combined


def form_names(figures: Figures) -> list[str]:
    """Forms in their reference order, then any others."""
    from people.models import MentoringForm

    order = {name: i for i, name in enumerate(MentoringForm.objects.values_list("name", flat=True))}
    return sorted(figures.by_form, key=lambda name: (order.get(name, 10**6), name))


def chart_data(figures: Figures, forms: list[str] | None = None) -> dict:
    """What the charts of the statistics page draw (`forms`: form_names(figures), if known)."""
    forms = form_names(figures) if forms is None else forms
    return {
        "forms": {
            "labels": forms,
            "mentors": [figures.by_form[f]["mentors"] for f in forms],
            "mentees": [figures.by_form[f]["mentees"] for f in forms],
        },
        "pairs": {
            "labels": [Pair.Status(s).label for s in Pair.Status.values],
            "values": [getattr(figures, f"pairs_{s}") for s in Pair.Status.values],
        },
        "satisfaction": {
            "labels": ["Польза", "Комфорт", "Ясность"],
            "values": [figures.usefulness, figures.comfort, figures.clarity],
        },
    }


def rows_by_org(figures: dict[int, Figures], lines: list[FormLine] = DEFAULT_LINES) -> dict[int, list]:
    """Indicator values per organization, in the order of the form's lines."""
    return {org_id: [getattr(f, line.indicator) for line in lines] for org_id, f in figures.items()}
