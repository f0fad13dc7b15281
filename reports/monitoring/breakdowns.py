"""The monitoring page's breakdowns: by mentee category and by form of mentoring.

Computed per organization (`*_per_org`) in five grouped queries over all the requested
organizations (two by form, three by category), whatever the number of pairs, meetings or
organizations, and kept with the organization's yearly figures (`indicators.Monitoring`
`category_lines` and `form_lines`, see `reports.monitoring.figures`): the pages of 500 schools read
them, never count them again. Lines add up (`merge`), so a statistical form's row can show one
school's figure and a municipality's is the sum. Per category:
- mentees of the year (the bank and the year's pairs) of that category;
- pairs and meetings held in the year: a pair counts for every category of its mentees (a group
  with a gifted student and a student with ОВЗ counts in both), so these columns do not add up;
- satisfaction: the mean of the three scales (1–10) over the feedback that mentees of that
  category gave on their own pairs' meetings.
Per form, everything adds up: the satisfaction is the mean over every participant's feedback on
the meetings of pairs of that form, as in the statistical form.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum

from pairs.models import Feedback, Meeting, Pair, PairMentee
from people.models import AcademicYear, Mentee
from reports.monitoring.statistics import mentees_in_year, pairs_in_year


@dataclass
class Line:
    label: str
    mentees: int = 0
    pairs: int = 0
    meetings: int = 0
    feedback: int = 0
    score_sum: int = 0
    position: int = 0  # of a form of mentoring in the reference list

    @property
    def satisfaction(self) -> float | None:
        return round(self.score_sum / (3 * self.feedback), 2) if self.feedback else None

    @property
    def empty(self) -> bool:
        return not (self.mentees or self.pairs or self.meetings)

    def add(self, other: Line) -> None:
        self.mentees += other.mentees
        self.pairs += other.pairs
        self.meetings += other.meetings
        self.feedback += other.feedback
        self.score_sum += other.score_sum


SCORE = F("usefulness") + F("comfort") + F("clarity")


def _held_in(year: AcademicYear, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status": Meeting.Status.HELD,
            f"{prefix}date__gte": year.starts_on,
            f"{prefix}date__lte": year.ends_on,
        }
    )


def by_category_per_org(org_ids, year: AcademicYear) -> dict[int, dict[str, Line]]:
    """Per organization id, a line for every mentee category (keyed by its value), empty or not."""
    org_ids = list(org_ids)
    pairs = pairs_in_year(org_ids, year)
    result = {org_id: {value: Line(label) for value, label in Mentee.Category.choices} for org_id in org_ids}
    for row in (
        mentees_in_year(org_ids, year)
        .order_by()
        .values("organization_id", "category")
        .annotate(n=Count("id"))
    ):
        result[row["organization_id"]][row["category"]].mentees = row["n"]
    for row in (
        PairMentee.objects.filter(pair__in=pairs)
        .order_by()
        .values("pair__organization_id", "mentee__category")
        .annotate(
            pairs=Count("pair", distinct=True),
            meetings=Count("pair__meetings", filter=_held_in(year, "pair__meetings__"), distinct=True),
        )
    ):
        line = result[row["pair__organization_id"]][row["mentee__category"]]
        line.pairs, line.meetings = row["pairs"], row["meetings"]
    own_feedback = Feedback.objects.filter(
        Q(meeting__pair__in=pairs) & _held_in(year, "meeting__"),
        meeting__pair__pair_mentees__mentee=F("person__mentee"),
    )
    for row in (
        own_feedback.order_by()
        .values("meeting__pair__organization_id", "person__mentee__category")
        .annotate(n=Count("id"), total=Sum(SCORE))
    ):
        line = result[row["meeting__pair__organization_id"]][row["person__mentee__category"]]
        line.feedback, line.score_sum = row["n"], row["total"] or 0
    return result


def merge(mine: dict, theirs: dict) -> None:
    """Add the lines of `theirs` to those of `mine` with the same key (a copy of a new one)."""
    for key, line in theirs.items():
        mine.setdefault(key, Line(line.label, position=line.position)).add(line)


def by_category(lines: dict[str, Line]) -> list[Line]:
    """The lines of the categories that have mentees, pairs or meetings (the kept figures hold no
    other), in the choices' order."""
    return [lines[value] for value, _ in Mentee.Category.choices if value in lines]


def by_form_per_org(org_ids, year: AcademicYear) -> dict[int, dict[int, Line]]:
    """Per organization id, a line per form of mentoring (keyed by its id) of its year's pairs,
    in the reference order."""
    org_ids = list(org_ids)
    pairs = pairs_in_year(org_ids, year)
    result: dict[int, dict[int, Line]] = {org_id: {} for org_id in org_ids}
    for row in (
        pairs.order_by("form__position", "form__name")
        .values("organization_id", "form_id", "form__name", "form__position")
        .annotate(
            pairs=Count("id", distinct=True),
            # As the statistical form counts them: the mentees of pairs that have worked, not of projects.
            # (`PairQuerySet.have_worked`: every status but a project).
            mentees=Count("pair_mentees__mentee", filter=~Q(status=Pair.Status.PROJECT), distinct=True),
        )
    ):
        result[row["organization_id"]][row["form_id"]] = Line(
            row["form__name"], mentees=row["mentees"], pairs=row["pairs"], position=row["form__position"]
        )
    for row in (
        Meeting.objects.filter(Q(pair__in=pairs) & _held_in(year))
        .order_by()
        .values("pair__organization_id", "pair__form_id")
        .annotate(
            meetings=Count("id", distinct=True),
            feedback=Count("feedbacks"),
            total=Sum(F("feedbacks__usefulness") + F("feedbacks__comfort") + F("feedbacks__clarity")),
        )
    ):
        line = result[row["pair__organization_id"]][row["pair__form_id"]]
        line.meetings, line.feedback, line.score_sum = row["meetings"], row["feedback"], row["total"] or 0
    return result


def by_form(lines: dict[int, Line]) -> list[Line]:
    """The lines of the forms of mentoring of the year's pairs, in the reference order."""
    return sorted(lines.values(), key=lambda line: (line.position, line.label))
