"""The monitoring page's breakdowns: by mentee category and by form of mentoring.

Computed on request in five grouped queries over all the requested organizations (two by form,
three by category), whatever the number of pairs, meetings or organizations. Per category:
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

from pairs.models import Feedback, Meeting, PairMentee
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

    @property
    def satisfaction(self) -> float | None:
        return round(self.score_sum / (3 * self.feedback), 2) if self.feedback else None

    @property
    def empty(self) -> bool:
        return not (self.mentees or self.pairs or self.meetings)


SCORE = F("usefulness") + F("comfort") + F("clarity")


def _held_in(year: AcademicYear, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status": Meeting.Status.HELD,
            f"{prefix}date__gte": year.starts_on,
            f"{prefix}date__lte": year.ends_on,
        }
    )


def by_category(org_ids, year: AcademicYear) -> list[Line]:
    """One line per mentee category that has mentees, pairs or meetings, in the choices' order."""
    org_ids = list(org_ids)
    pairs = pairs_in_year(org_ids, year)
    lines = {value: Line(label) for value, label in Mentee.Category.choices}
    for row in mentees_in_year(org_ids, year).order_by().values("category").annotate(n=Count("id")):
        lines[row["category"]].mentees = row["n"]
    for row in (
        PairMentee.objects.filter(pair__in=pairs)
        .order_by()
        .values("mentee__category")
        .annotate(
            pairs=Count("pair", distinct=True),
            meetings=Count("pair__meetings", filter=_held_in(year, "pair__meetings__"), distinct=True),
        )
    ):
        line = lines[row["mentee__category"]]
        line.pairs, line.meetings = row["pairs"], row["meetings"]
    own_feedback = Feedback.objects.filter(
        Q(meeting__pair__in=pairs) & _held_in(year, "meeting__"),
        meeting__pair__pair_mentees__mentee=F("person__mentee"),
    )
    for row in (
        own_feedback.order_by().values("person__mentee__category").annotate(n=Count("id"), total=Sum(SCORE))
    ):
        line = lines[row["person__mentee__category"]]
        line.feedback, line.score_sum = row["n"], row["total"] or 0
    return [line for line in lines.values() if not line.empty]


def by_form(org_ids, year: AcademicYear) -> list[Line]:
    """One line per form of mentoring of the year's pairs, in the reference order."""
    org_ids = list(org_ids)
    pairs = pairs_in_year(org_ids, year)
    lines: dict[int, Line] = {}
    order: dict[int, tuple] = {}
    for row in (
        pairs.order_by()
        .values("form_id", "form__name", "form__position")
        .annotate(pairs=Count("id", distinct=True), mentees=Count("pair_mentees__mentee", distinct=True))
    ):
        lines[row["form_id"]] = Line(row["form__name"], mentees=row["mentees"], pairs=row["pairs"])
        order[row["form_id"]] = (row["form__position"], row["form__name"])
    for row in (
        Meeting.objects.filter(Q(pair__in=pairs) & _held_in(year))
        .order_by()
        .values("pair__form_id")
        .annotate(
            meetings=Count("id", distinct=True),
            feedback=Count("feedbacks"),
            total=Sum(F("feedbacks__usefulness") + F("feedbacks__comfort") + F("feedbacks__clarity")),
        )
    ):
        line = lines[row["pair__form_id"]]
        line.meetings, line.feedback, line.score_sum = row["meetings"], row["feedback"], row["total"] or 0
    return [lines[pk] for pk in sorted(lines, key=lambda pk: order[pk])]
