"""Matching mentees with mentors: a transparent score and a proposal for all waiting mentees.

The score of (mentee, mentor) is a sum of named parts, each shown to the curator:
- requests: the share of the mentee's requests covered by the mentor's competencies, up to 50;
- subject: a subject in common, 15;
- experience: the mentor is ahead by 5+ years (or 2+ school grades for students), 10; by 3+ years
  (1 grade), 5;
- load: free capacity left, up to 10 (a mentor without a free place is left out of the proposal);
- form: the mentor prefers the form the mentee asked for, 15; a mentor of the wrong kind for that
  form (a student for «учитель – учитель») is unsuitable.

The proposal maximises the total score with each mentor replicated by free capacity, plus one
«no mentor» column of score 0 per mentee: leaving a mentee unmatched beats an unsuitable match.
The scores are computed for every cell at once with NumPy so that 500 × 300 stays well under a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from pairs.actions import mentor_loads
from people.models import Mentee, Mentor, Person

W_REQUESTS, W_SUBJECT, W_FORM, W_LOAD = 50, 15, 15, 10
UNSUITABLE = -1000.0


@dataclass
class Reason:
    label: str
    points: float


@dataclass
class Suggestion:
    mentor: Mentor
    score: float
    reasons: list[Reason]
    load: int
    suitable: bool


@dataclass
class Proposal:
    assignments: list[tuple[Mentee, Suggestion | None]]
    total: float
    # For each mentee, the best suitable mentors the curator may switch to (the choice included).
    options: list[list[Suggestion]] = field(default_factory=list)


def _subject_words(text: str) -> set[str]:
    return {w for w in re.split(r"[^\w]+", (text or "").lower()) if len(w) > 3}


def _grade(person: Person) -> int | None:
    digits = re.match(r"\d+", person.school_class or "")
    return int(digits.group()) if digits else None


class ScoreTable:
    """Score parts for every (mentee, mentor) cell, computed together."""

    def __init__(self, mentees: list[Mentee], mentors: list[Mentor], loads: dict[int, int]):
        self.mentees, self.mentors = mentees, mentors
        self.loads = np.array([loads.get(m.pk, 0) for m in mentors], dtype=float)
        self.capacity = np.array([m.capacity for m in mentors], dtype=float)
        n, k = len(mentees), len(mentors)
        competencies = sorted(
            {c.pk for m in mentors for c in m.competencies.all()}
            | {c.pk for e in mentees for c in e.requests.all()}
        )
        col = {pk: i for i, pk in enumerate(competencies)}
        req = np.zeros((n, len(col)))
        for i, e in enumerate(mentees):
            for c in e.requests.all():
                req[i, col[c.pk]] = 1
        comp = np.zeros((k, len(col)))
        for j, m in enumerate(mentors):
            for c in m.competencies.all():
                comp[j, col[c.pk]] = 1
        self.covered = req @ comp.T
        self.requested = req.sum(axis=1)[:, None]
        self.requests_part = np.where(
            self.requested > 0, W_REQUESTS * self.covered / np.maximum(self.requested, 1), 0
        )

        words = sorted({w for p in [*mentees, *mentors] for w in _subject_words(self._subjects(p))})
        wcol = {w: i for i, w in enumerate(words)}
        ws_e = np.zeros((n, len(wcol)))
        for i, e in enumerate(mentees):
            for w in _subject_words(self._subjects(e)):
                ws_e[i, wcol[w]] = 1
        ws_m = np.zeros((k, len(wcol)))
        for j, m in enumerate(mentors):
            for w in _subject_words(self._subjects(m)):
                ws_m[j, wcol[w]] = 1
        self.subject_part = np.where((ws_e @ ws_m.T) > 0, W_SUBJECT, 0)

        exp_e = np.array([self._level(e.person) for e in mentees], dtype=float).reshape(n, 1)
        exp_m = np.array([self._level(m.person) for m in mentors], dtype=float).reshape(1, k)
        self.gap = np.nan_to_num(exp_m - exp_e, nan=0.0)
        student_e = np.array([e.person.kind == Person.Kind.STUDENT for e in mentees]).reshape(n, 1)
        big, small = np.where(student_e, 2, 5), np.where(student_e, 1, 3)
        self.experience_part = np.where(self.gap >= big, 10, np.where(self.gap >= small, 5, 0))

        free = self.capacity - self.loads
        self.free = free
        self.load_part = np.broadcast_to(np.where(free > 0, W_LOAD * free / self.capacity, 0), (n, k))

        preferred = [{f.pk for f in m.preferred_forms.all()} for m in mentors]
        self.form_part = np.zeros((n, k))
        self.unsuitable = np.zeros((n, k), dtype=bool)
        kinds = np.array([m.person.kind for m in mentors])
        for i, e in enumerate(mentees):
            form = e.desired_form
            if form is None:
                # Without a wish, the mentor must still be of a kind that can mentor this mentee.
                self.unsuitable[i] = (kinds == Person.Kind.STUDENT) & (e.person.kind == Person.Kind.STAFF)
                continue
            self.form_part[i] = [W_FORM if form.pk in p else 0 for p in preferred]
            self.unsuitable[i] = kinds != form.mentor_kind
        self.total = (
            self.requests_part + self.subject_part + self.experience_part + self.load_part + self.form_part
        )

    @staticmethod
    def _subjects(obj) -> str:
        own = getattr(obj, "subjects", "") or ""
        return f"{own} {obj.person.subjects}"

    @staticmethod
    def _level(person: Person) -> float:
        if person.kind == Person.Kind.STUDENT:
            grade = _grade(person)
            return float("nan") if grade is None else grade
        return float("nan") if person.experience_years is None else person.experience_years

    def reasons(self, i: int, j: int) -> list[Reason]:
        e, m = self.mentees[i], self.mentors[j]
        unit = "кл." if e.person.kind == Person.Kind.STUDENT else "лет"
        parts = [
            Reason(
                f"запросы: покрыто {int(self.covered[i, j])} из {int(self.requested[i, 0])}",
                self.requests_part[i, j],
            ),
            Reason(
                "общий предмет" if self.subject_part[i, j] else "нет общего предмета", self.subject_part[i, j]
            ),
            Reason(f"разница в опыте: {self.gap[i, j]:+.0f} {unit}", self.experience_part[i, j]),
            Reason(
                f"нагрузка: {int(self.loads[j])} из {int(self.capacity[j])}"
                + ("" if self.free[j] > 0 else " — свободных мест нет"),
                self.load_part[i, j],
            ),
        ]
        if e.desired_form is not None:
            parts.append(
                Reason(
                    f"форма «{e.desired_form}»: "
                    + ("предпочитает" if self.form_part[i, j] else "не в списке предпочтений"),
                    self.form_part[i, j],
                )
            )
        if self.unsuitable[i, j]:
            parts.append(
                Reason(f"{m.person.get_kind_display().lower()} не может быть наставником в этой форме", 0)
            )
        return parts

    def suggestion(self, i: int, j: int) -> Suggestion:
        return Suggestion(
            mentor=self.mentors[j],
            score=round(float(self.total[i, j]), 1),
            reasons=self.reasons(i, j),
            load=int(self.loads[j]),
            suitable=not self.unsuitable[i, j] and self.free[j] > 0,
        )


def candidate_mentors(organization):
    """Mentors who may take a mentee: active or trained, with a valid consent."""
    return (
        Mentor.objects.filter(
            organization=organization, status__in=[Mentor.Status.ACTIVE, Mentor.Status.TRAINED]
        )
        .with_valid_consent()
        .select_related("person")
        .prefetch_related("competencies", "preferred_forms")
        .order_by("id")
    )


def waiting_mentees(organization):
    return (
        Mentee.objects.filter(
            organization=organization, status__in=[Mentee.Status.WAITING, Mentee.Status.UNPAIRED]
        )
        .with_valid_consent()
        .select_related("person", "desired_form")
        .prefetch_related("requests")
        .order_by("waiting_since", "id")
    )


def build_table(mentees: list[Mentee], mentors: list[Mentor]) -> ScoreTable:
    return ScoreTable(mentees, mentors, mentor_loads([m.pk for m in mentors]))


def rank_mentors(mentee: Mentee, mentors: list[Mentor]) -> list[Suggestion]:
    """Every candidate mentor for one mentee, best first; unsuitable ones last."""
    table = build_table([mentee], mentors)
    suggestions = [table.suggestion(0, j) for j in range(len(mentors))]
    return sorted(suggestions, key=lambda s: (not s.suitable, -s.score, s.mentor.person.last_name))


def solve(table: ScoreTable) -> list[int | None]:
    """For each mentee row, the mentor index assigned (None: no mentor), maximising the total."""
    n = len(table.mentees)
    if n == 0:
        return []
    slots = np.repeat(np.arange(len(table.mentors)), np.maximum(table.free, 0).astype(int))
    scores = np.where(table.unsuitable, UNSUITABLE, table.total)[:, slots] if len(slots) else np.zeros((n, 0))
    matrix = np.hstack([scores, np.zeros((n, n))])
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    result: list[int | None] = [None] * n
    for r, c in zip(rows, cols, strict=True):
        if c < len(slots) and not table.unsuitable[r, slots[c]]:
            result[r] = int(slots[c])
    return result


def propose(mentees: list[Mentee], mentors: list[Mentor], n_options: int = 10) -> Proposal:
    table = build_table(mentees, mentors)
    choice = solve(table)
    assignments = [
        (mentee, table.suggestion(i, j) if j is not None else None)
        for i, (mentee, j) in enumerate(zip(mentees, choice, strict=True))
    ]
    total = sum(s.score for _, s in assignments if s)
    return Proposal(
        assignments=assignments, total=round(total, 1), options=_options(table, choice, n_options)
    )


def _options(table: ScoreTable, choice: list[int | None], n: int) -> list[list[Suggestion]]:
    """The top `n` suitable mentors of each row (a short list keeps the page small at 500 × 300)."""
    if not table.mentors:
        return [[] for _ in choice]
    eligible = ~table.unsuitable & (table.free > 0)[None, :]
    ranked = np.argsort(-np.where(eligible, table.total, -np.inf), axis=1, kind="stable")[:, :n]
    result = []
    for i, j in enumerate(choice):
        columns = [int(c) for c in ranked[i] if eligible[i, c]]
        if j is not None and j not in columns:
            columns.append(j)
        result.append([table.suggestion(i, c) for c in columns])
    return result
