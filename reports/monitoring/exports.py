"""Excel exports of the statistics section: the registry of participants, the statistical form and
the meeting journal, for one organization or for several (a summary sheet, then one sheet each).

Rows come from `values()` querysets read with `.iterator(chunk_size=2000)`; names of partners,
consent state and feedback figures are SQL annotations, so a sheet costs a fixed number of queries
whatever its length, and memory stays flat (openpyxl write-only, saved to a temporary file).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat
from openpyxl import Workbook

from mentoring.lib.xlsx import Column, SheetWriter, caption_for, new_workbook, sheet_title
from pairs.models import Feedback, Meeting, Pair, PairMentee, PairMentor
from people.models import AcademicYear, Consent, Mentee, Mentor, Organization, Person
from reports.monitoring import catalogue, statistics
from reports.surveys import exports as survey_exports

CHUNK = 2000
DATE = "DD.MM.YYYY"


def _no_progress(percent: float, step: str = "") -> None:
    """The default progress callback: a direct call reports to no one."""


@dataclass(frozen=True)
class Scope:
    """What an export covers: organizations (in display order) and an academic year."""

    organizations: Sequence[Organization]
    year: AcademicYear

    @property
    def org_ids(self) -> list[int]:
        return [org.pk for org in self.organizations]

    @property
    def several(self) -> bool:
        return len(self.organizations) > 1

    @property
    def label(self) -> str:
        return self.organizations[0].short_name if not self.several else "все организации"

    def stem(self, title: str) -> str:
        return f"{title} {self.year.start_year}-{self.year.start_year + 1}"


# ---------------------------------------------------------------- registry of participants

REGISTRY_COLUMNS = [
    Column("№", 6, "0"),
    Column("Фамилия, имя, отчество", 32),
    Column("Роль", 14),
    Column("Категория участника", 20),
    Column("Категория", 30),
    Column("Возрастная группа", 14),
    Column("Дата рождения", 12),
    Column("Стаж, лет", 9, "0"),
    Column("Должность / класс", 24),
    Column("Статус в банке", 18),
    Column("Учебный год включения", 12),
    Column("Форма наставничества", 22),
    Column("Пара (группа): с кем", 32),
    Column("Статус пары", 13),
    Column("Начало", 12),
    Column("Окончание (факт или план)", 14),
    Column("Согласие на обработку ПДн", 18),
    Column("Согласие подписано", 12),
]

PERSON_FIELDS = (
    "id",
    "last_name",
    "first_name",
    "middle_name",
    "kind",
    "birth_date",
    "experience_years",
    "position",
    "school_class",
)
PAIR_FIELDS = ("form__name", "status", "started_on", "planned_start", "ended_on", "planned_end")


def _names(model, pair_ref: str, person_path: str) -> Subquery:
    """The short names of the mentors (or mentees) of a pair, as one string."""
    name = Concat(F(f"{person_path}__last_name"), Value(" "), F(f"{person_path}__first_name"))
    rows = (
        model.objects.filter(pair=OuterRef(pair_ref))
        .order_by()
        .values("pair")
        .annotate(names=StringAgg(name, ", "))
        .values("names")
    )
    return Subquery(rows, output_field=CharField())


def _consent(person_ref: str, on: date) -> dict:
    processing = Consent.objects.processing().filter(person=OuterRef(person_ref))
    latest = processing.order_by("-signed_on").values("signed_on")[:1]
    return {
        "consent_valid": Exists(processing.valid(on)),
        "consent_any": Exists(processing),
        "consent_signed": Subquery(latest, output_field=DateField()),
    }


def _in_scope_order(field: str, org_ids: Sequence[int]) -> Case:
    """Rows of the organizations in the order of `org_ids` (the order of the sheets)."""
    return Case(*(When(**{field: pk}, then=Value(i)) for i, pk in enumerate(org_ids)))


def _registry_querysets(
    org_ids: Sequence[int], year: AcademicYear, on: date
) -> Iterator[tuple[str, QuerySet]]:
    """(role, queryset of flat rows) for mentors in pairs, mentees in pairs, and those without;
    each covers all the organizations, ordered by organization first (`org` is its position)."""
    pairs = statistics.pairs_in_year(org_ids, year)
    for role, link_model, other_model, bank in (
        ("mentor", PairMentor, PairMentee, "mentor"),
        ("mentee", PairMentee, PairMentor, "mentee"),
    ):
        other_path = "mentee__person" if role == "mentor" else "mentor__person"
        person = f"{bank}__person__"
        in_pairs = (
            link_model.objects.filter(pair__in=pairs)
            .values(
                **{f"p_{f}": F(person + f) for f in PERSON_FIELDS},
                **{f"pair_{f}": F("pair__" + f) for f in PAIR_FIELDS},
                bank_status=F(f"{bank}__status"),
                bank_category=F(f"{bank}__{'qualification_category' if role == 'mentor' else 'category'}"),
                bank_year=F(f"{bank}__academic_year__start_year"),
                partners=_names(other_model, "pair_id", other_path),
                org=_in_scope_order("pair__organization_id", org_ids),
                **_consent(f"{bank}__person_id", on),
            )
            .order_by("org", person + "last_name", person + "first_name", person + "id", "pair_id")
        )
        yield role, in_pairs
    for role, bank_qs, link_model in (
        ("mentor", statistics.mentors_in_year(org_ids, year), PairMentor),
        ("mentee", statistics.mentees_in_year(org_ids, year), PairMentee),
    ):
        link = link_model.objects.filter(pair__in=pairs, **{role: OuterRef("pk")})
        without = (
            bank_qs.exclude(Exists(link))
            .values(
                **{f"p_{f}": F("person__" + f) for f in PERSON_FIELDS},
                bank_status=F("status"),
                bank_category=F("qualification_category" if role == "mentor" else "category"),
                bank_year=F("academic_year__start_year"),
                org=_in_scope_order("organization_id", org_ids),
                **_consent("person_id", on),
            )
            .order_by("org", "person__last_name", "person__first_name", "person__id")
        )
        yield role, without


ROLE_LABELS = {"mentor": "наставник", "mentee": "наставляемый"}
KIND_LABELS = dict(Person.Kind.choices)
MENTOR_STATUS = dict(Mentor.Status.choices)
MENTEE_STATUS = dict(Mentee.Status.choices)
MENTOR_CATEGORY = dict(Mentor.Category.choices)
MENTEE_CATEGORY = dict(Mentee.Category.choices)
PAIR_STATUS = dict(Pair.Status.choices)


def age_on(born: date | None, day: date) -> int | None:
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_group(kind: str, born: date | None, day: date) -> str:
    age = age_on(born, day)
    if age is None:
        return ""
    if kind == Person.Kind.STUDENT:
        if age < 10:
            return "до 10 лет"
        if age <= 14:
            return "10–14 лет"
        if age <= 18:
            return "15–18 лет"
        return "старше 18 лет"
    return "до 35 лет" if age < statistics.YOUNG_TEACHER_AGE else "35 лет и старше"


def consent_label(row: dict) -> str:
    if row["consent_valid"]:
        return "действует"
    return "не действует" if row["consent_any"] else "нет согласия"


def registry_row(n: int, role: str, row: dict, day: date) -> list:
    kind = row["p_kind"]
    status = (MENTOR_STATUS if role == "mentor" else MENTEE_STATUS).get(row["bank_status"], "")
    category = (MENTOR_CATEGORY if role == "mentor" else MENTEE_CATEGORY).get(row["bank_category"], "")
    year = row["bank_year"]
    has_pair = "pair_status" in row
    return [
        n,
        " ".join(p for p in (row["p_last_name"], row["p_first_name"], row["p_middle_name"]) if p),
        ROLE_LABELS[role],
        KIND_LABELS.get(kind, kind),
        category,
        age_group(kind, row["p_birth_date"], day),
        row["p_birth_date"],
        row["p_experience_years"],
        row["p_school_class"] if kind == Person.Kind.STUDENT else row["p_position"],
        status,
        f"{year}/{year + 1}" if year else "",
        row["pair_form__name"] if has_pair else "",
        (row["partners"] or "") if has_pair else "без пары",
        PAIR_STATUS.get(row["pair_status"], "") if has_pair else "",
        (row["pair_started_on"] or row["pair_planned_start"]) if has_pair else None,
        (row["pair_ended_on"] or row["pair_planned_end"]) if has_pair else None,
        consent_label(row),
        row["consent_signed"],
    ]


def registry_sheets(
    org_ids: Sequence[int], year: AcademicYear, on: date
) -> Iterator[tuple[int, Iterator[list]]]:
    """(organization id, its registry rows) for each of `org_ids` in that order.

    Four queries for all the organizations, read in step through server-side cursors, rather than
    four per organization: the queries of a municipality's export cost less than its writing.
    Each organization's rows must be consumed before the next organization's are asked for.
    """
    streams = [
        (role, _Peekable(queryset.iterator(chunk_size=CHUNK)))
        for role, queryset in _registry_querysets(org_ids, year, on)
    ]
    for position, org_id in enumerate(org_ids):
        yield org_id, _sheet_rows(position, streams, year.starts_on)


def _sheet_rows(position: int, streams, day: date) -> Iterator[list]:
    n = 0
    for role, stream in streams:
        while (row := stream.peek()) is not None and row["org"] <= position:
            next(stream)
            if row["org"] == position:
                n += 1
                yield registry_row(n, role, row, day)


class _Peekable:
    def __init__(self, iterator: Iterator[dict]):
        self._iterator = iterator
        self._head = next(iterator, None)

    def peek(self) -> dict | None:
        return self._head

    def __next__(self) -> dict | None:
        head, self._head = self._head, next(self._iterator, None)
        return head


def registry_rows(org_id: int, year: AcademicYear, on: date) -> Iterator[list]:
    """Every participant of one organization: one row per pair, or one row when without a pair."""
    for _, rows in registry_sheets([org_id], year, on):
        yield from rows


PROGRESS_ROWS = CHUNK  # the job's progress is reported after every this many rows written


def registry_workbook(scope: Scope, on: date, progress=_no_progress) -> Workbook:
    """The registry, one sheet per organization, streamed to openpyxl's write-only sheets; the job's
    progress is reported per chunk of rows written, against the participants counted beforehand
    (a participant with several pairs has a row for each, so the estimate is a lower bound)."""
    workbook = new_workbook()
    title = "Реестр участников программы наставничества"
    taken: set[str] = set()
    mentors, mentees = _participant_counts(scope)
    if scope.several:
        _registry_summary(workbook, scope, taken, title, mentors, mentees)
    expected = {pk: mentors.get(pk, 0) + mentees.get(pk, 0) for pk in scope.org_ids}
    total = max(1, sum(expected.values()))
    organizations = {org.pk: org for org in scope.organizations}
    written = before = 0  # rows written in all; expected rows of the organizations done
    for org_id, rows in registry_sheets(scope.org_ids, scope.year, on):
        org = organizations[org_id]
        progress(90 * before / total, f"Реестр: {org.short_name}")
        sheet = SheetWriter(
            workbook,
            sheet_title(org.short_name, taken),
            REGISTRY_COLUMNS,
            caption=caption_for(org.short_name, f"{title}, {scope.year.label} учебный год"),
        )
        for row in rows:
            sheet.append(row)
            written += 1
            if written % PROGRESS_ROWS == 0:
                # Within the organization's share of the bar: an estimate short of its real rows
                # does not run into the next one's share.
                done = before + min(sheet.rows, expected[org_id])
                progress(90 * done / total, f"Реестр: {org.short_name}, записано строк: {written}")
        sheet.close()
        before += expected[org_id]
    return workbook


def _participant_counts(scope: Scope) -> tuple[dict[int, int], dict[int, int]]:
    """Mentors and mentees of the year per organization id (two grouped queries)."""
    ids = scope.org_ids
    return tuple(
        dict(queryset.order_by().values_list("organization_id").annotate(n=Count("id")))
        for queryset in (
            statistics.mentors_in_year(ids, scope.year),
            statistics.mentees_in_year(ids, scope.year),
        )
    )


def _registry_summary(
    workbook: Workbook, scope: Scope, taken: set[str], title: str, mentors: dict, mentees: dict
) -> None:
    sheet = SheetWriter(
        workbook,
        sheet_title("Сводка", taken),
        [
            Column("Организация", 40),
            Column("Наставников", 13, "0"),
            Column("Наставляемых", 13, "0"),
            Column("Всего", 10, "0"),
        ],
        caption=caption_for("все организации", f"{title}, {scope.year.label} учебный год"),
    )
    for org in scope.organizations:
        a, b = mentors.get(org.pk, 0), mentees.get(org.pk, 0)
        sheet.append([org.short_name, a, b, a + b])
    a, b = sum(mentors.values()), sum(mentees.values())
    sheet.append_total(["Итого", a, b, a + b])
    sheet.close()


# ---------------------------------------------------------------- statistical form


def _indicator_format(kind: str) -> str:
    return {"int": "0", "share": "0.0%", "score": "0.00", "ratio": "0.0"}[kind]


def form_workbook(
    scope: Scope,
    progress=_no_progress,
    lines: Sequence[statistics.FormLine] = statistics.DEFAULT_LINES,
    on: date | None = None,
) -> Workbook:
    """The statistical form with `lines` (the chosen form's rows; the default form's if none). Any
    indicator of the catalogue, for each organization and, for several, their total (sums, and
    shares as Σ numerators / Σ denominators); a fixed number of queries whatever their number."""
    from django.utils import timezone

    progress(5, "Подсчёт показателей")
    known = catalogue.catalogue()
    sources = catalogue.compute(scope.org_ids, scope.year, on or timezone.localdate())
    combined = catalogue.total(sources)
    forms = statistics.form_names(combined.monitoring.figures)
    workbook = new_workbook()
    title = "Форма статистического наблюдения"
    caption = f"{title}, {scope.year.label} учебный год"
    taken: set[str] = set()
    if scope.several:
        columns = [Column("Организация", 40)] + [
            Column(line.title, 14, _indicator_format(line.kind)) for line in lines
        ]
        sheet = SheetWriter(
            workbook, sheet_title("Сводка", taken), columns, caption=caption_for("все организации", caption)
        )
        for org in scope.organizations:
            sheet.append([org.short_name, *catalogue.values(lines, sources[org.pk], known)])
        sheet.append_total(["Итого", *catalogue.values(lines, combined, known)])
        sheet.close()
    for done, org in enumerate(scope.organizations):
        progress(40 + 50 * done / len(scope.organizations), f"Форма: {org.short_name}")
        _form_sheet(
            workbook,
            sheet_title(org.short_name, taken),
            form_rows(sources[org.pk], lines, known, forms),
            caption_for(org.short_name, caption),
        )
    return workbook


def form_rows(
    source: catalogue.Source,
    lines: Sequence[statistics.FormLine],
    known: dict[str, catalogue.Indicator],
    forms: Sequence[str],
) -> list[list]:
    """(indicator, value, kind) rows of one organization's form: the form's lines, then form × role
    (`forms`: the names of the forms of mentoring in their reference order)."""
    values = catalogue.values(lines, source, known)
    rows = [[line.title, value, line.kind] for line, value in zip(lines, values, strict=True)]
    by_form = source.monitoring.figures.by_form
    for name in (name for name in forms if name in by_form):
        rows.append([f"Форма «{name}»: наставников", by_form[name]["mentors"], "int"])
        rows.append([f"Форма «{name}»: наставляемых", by_form[name]["mentees"], "int"])
    return rows


def _form_sheet(workbook: Workbook, title: str, rows: list[list], caption: str) -> None:
    sheet = SheetWriter(workbook, title, [Column("Показатель", 70), Column("Значение", 14)], caption=caption)
    for label, value, kind in rows:
        # The value column's format depends on the row: a share, a score or a count.
        sheet.columns[1] = Column("Значение", 14, _indicator_format(kind))
        sheet.append([label, value])
    sheet.close()


# ---------------------------------------------------------------- meeting journal

MEETING_COLUMNS = [
    Column("№", 6, "0"),
    Column("Дата", 12),
    Column("Наставники", 30),
    Column("Наставляемые", 30),
    Column("Форма наставничества", 22),
    Column("Вид встречи", 24),
    Column("Формат", 13),
    Column("Мин.", 7, "0"),
    Column("Тема", 40),
    Column("Итоги", 50),
    Column("Присутствовали, чел.", 12, "0"),
    Column("Отзывов", 9, "0"),
    Column("Польза (ср.)", 11, "0.0"),
    Column("Комфорт (ср.)", 11, "0.0"),
    Column("Ясность (ср.)", 11, "0.0"),
]
MEETING_KIND = dict(Meeting.Kind.choices)
MEETING_FORMAT = dict(Meeting.Format.choices)


def meetings_queryset(org_ids, year: AcademicYear) -> QuerySet:
    attendees = (
        Meeting.attendees.through.objects.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(c=Count("id"))
        .values("c")
    )
    return (
        Meeting.objects.held()
        .filter(
            pair__in=statistics.pairs_in_year(org_ids, year),
            date__gte=year.starts_on,
            date__lte=year.ends_on,
        )
        .values(
            "id", "date", "kind", "format", "duration_minutes", "topic", "summary", "pair__organization_id"
        )
        .annotate(
            form=F("pair__form__name"),
            mentor_names=_names(PairMentor, "pair_id", "mentor__person"),
            mentee_names=_names(PairMentee, "pair_id", "mentee__person"),
            attendees=Coalesce(Subquery(attendees, output_field=IntegerField()), Value(0)),
            feedback_n=Count("feedbacks"),
            usefulness=Avg("feedbacks__usefulness"),
            comfort=Avg("feedbacks__comfort"),
            clarity=Avg("feedbacks__clarity"),
        )
        .order_by("date", "id")
    )


def _score(value) -> float | None:
    return round(float(value), 1) if value is not None else None


def meeting_rows(org_id: int, year: AcademicYear) -> Iterator[list]:
    for n, row in enumerate(meetings_queryset([org_id], year).iterator(chunk_size=CHUNK), start=1):
        yield [
            n,
            row["date"],
            row["mentor_names"] or "",
            row["mentee_names"] or "",
            row["form"],
            MEETING_KIND.get(row["kind"], row["kind"]),
            MEETING_FORMAT.get(row["format"], row["format"]),
            row["duration_minutes"],
            row["topic"],
            row["summary"],
            row["attendees"],
            row["feedback_n"],
            _score(row["usefulness"]),
            _score(row["comfort"]),
            _score(row["clarity"]),
        ]


def meetings_workbook(scope: Scope, progress=_no_progress) -> Workbook:
    workbook = new_workbook()
    title = "Журнал встреч"
    caption = f"{title}, {scope.year.label} учебный год"
    taken: set[str] = set()
    if scope.several:
        pairs = statistics.pairs_in_year(scope.org_ids, scope.year)
        meetings = Meeting.objects.held().filter(
            pair__in=pairs, date__gte=scope.year.starts_on, date__lte=scope.year.ends_on
        )
        counts = dict(meetings.order_by().values_list("pair__organization_id").annotate(n=Count("id")))
        feedback = {
            row["meeting__pair__organization_id"]: row
            for row in Feedback.objects.filter(meeting__in=meetings)
            .order_by()
            .values("meeting__pair__organization_id")
            .annotate(
                n=Count("id"), usefulness=Avg("usefulness"), comfort=Avg("comfort"), clarity=Avg("clarity")
            )
        }
        sheet = SheetWriter(
            workbook,
            sheet_title("Сводка", taken),
            [
                Column("Организация", 40),
                Column("Встреч", 10, "0"),
                Column("Отзывов", 10, "0"),
                Column("Польза (ср.)", 11, "0.0"),
                Column("Комфорт (ср.)", 11, "0.0"),
                Column("Ясность (ср.)", 11, "0.0"),
            ],
            caption=caption_for("все организации", caption),
        )
        for org in scope.organizations:
            fb = feedback.get(org.pk, {})
            sheet.append(
                [
                    org.short_name,
                    counts.get(org.pk, 0),
                    fb.get("n", 0),
                    _score(fb.get("usefulness")),
                    _score(fb.get("comfort")),
                    _score(fb.get("clarity")),
                ]
            )
        sheet.close()
    for done, org in enumerate(scope.organizations):
        progress(90 * done / len(scope.organizations), f"Журнал встреч: {org.short_name}")
        sheet = SheetWriter(
            workbook,
            sheet_title(org.short_name, taken),
            MEETING_COLUMNS,
            caption=caption_for(org.short_name, caption),
        )
        sheet.extend(meeting_rows(org.pk, scope.year))
        sheet.close()
    return workbook


EXPORTS = {
    "registry": "Реестр участников программы наставничества",
    "form": "Форма статистического наблюдения",
    "meetings": "Журнал встреч",
    "survey_answers": "Ответы на анкеты",
    "survey_summary": "Сводка по анкетам",
}


def build(
    kind: str,
    scope: Scope,
    on: date,
    *,
    names_for: frozenset[int] = frozenset(),
    progress=_no_progress,
    lines: Sequence[statistics.FormLine] = statistics.DEFAULT_LINES,
) -> Workbook:
    """The workbook of `kind`; `names_for`: organizations whose named survey answers may carry names;
    `progress(percent, step)` is told how far it got (the job's progress bar); `lines`: the rows of
    the statistical form."""
    if kind == "registry":
        return registry_workbook(scope, on, progress)
    if kind == "form":
        return form_workbook(scope, progress, lines, on)
    if kind in ("survey_answers", "survey_summary"):
        campaigns = survey_exports.year_campaigns(scope.org_ids, scope.year)
        return survey_exports.campaigns_workbook(campaigns, kind.removeprefix("survey_"), names_for=names_for)
    return meetings_workbook(scope, progress)
