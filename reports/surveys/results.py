"""Results of a campaign: per question the count, mean and distribution; free-text answers; and the
comparison of a campaign with its baseline (start of the programme versus its end).

A fixed number of grouped queries whatever the number of responses or questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Q, Window
from django.db.models.functions import RowNumber

from reports.surveys.models import Answer, Campaign, Question, Section

TEXT_LIMIT = 50  # free-text answers shown per question on the page; the Excel export has them all
# An anonymous campaign shows nothing computed from fewer answers than this: with two respondents
# «наставник — 1 (100 %)» or one free-text answer tells the curator who wrote what.
MIN_ANONYMOUS_GROUP = 5


def withheld(campaign: Campaign, count: int) -> bool:
    """Whether figures drawn from `count` answers of `campaign` must stay hidden."""
    return campaign.anonymous and count < MIN_ANONYMOUS_GROUP


@dataclass
class QuestionResult:
    question: Question
    respondents: int = 0
    mean: float | None = None  # a scale's mean; the share of «да» (0..1) for yes/no
    distribution: list[tuple[str, int]] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)  # (answer, respondent or "")
    texts_total: int = 0
    withheld: bool = False  # anonymous campaign, fewer than MIN_ANONYMOUS_GROUP answers

    @property
    def chart(self) -> dict | None:
        if not self.distribution:
            return None
        return {
            "id": f"chart-q{self.question.pk}",
            "labels": [label for label, _ in self.distribution],
            "counts": [n for _, n in self.distribution],
            "horizontal": self.question.kind in Question.CHOICE_KINDS,
        }

    def share(self, count: int) -> float | None:
        return count / self.respondents if self.respondents else None


def questions_of(questionnaire_id: int) -> list[Question]:
    return list(
        Question.objects.filter(section__questionnaire_id=questionnaire_id)
        .select_related("section")
        .order_by("section__position", "section_id", "position", "id")
    )


def _person_name(row: dict) -> str:
    parts = (row.get("last"), row.get("first"), row.get("middle"))
    return " ".join(p for p in parts if p)


def campaign_results(
    campaign: Campaign, *, names: bool, text_limit: int | None = TEXT_LIMIT
) -> list[tuple[Section, list[QuestionResult]]]:
    """Sections with the results of their questions. `names`: show who wrote a free-text answer
    (named campaigns, for the curator only). In an anonymous campaign a question answered by
    fewer than `MIN_ANONYMOUS_GROUP` people (or a campaign answered by fewer) is `withheld`."""
    questions = questions_of(campaign.questionnaire_id)
    results = {q.pk: QuestionResult(q) for q in questions}
    answers = Answer.objects.filter(response__campaign=campaign)
    for row in (
        answers.order_by()
        .values("question_id")
        .annotate(n=Count("response_id", distinct=True), mean=Avg("value"))
    ):
        result = results.get(row["question_id"])
        if result is None:
            continue
        result.respondents = row["n"]
        # A response holds at most one (non-empty) text per question: respondents = texts.
        result.texts_total = row["n"] if result.question.is_text else 0
        kind = result.question.kind
        if result.question.is_scale or kind == Question.Kind.YESNO:
            result.mean = float(row["mean"]) if row["mean"] is not None else None
    counts = {
        (row["question_id"], row["value"]): row["c"]
        for row in answers.filter(value__isnull=False)
        .order_by()
        .values("question_id", "value")
        .annotate(c=Count("id"))
    }
    for result in results.values():
        result.distribution = [
            (label, counts.get((result.question.pk, value), 0))
            for value, label in result.question.value_labels()
        ]
    texts = answers.filter(question__kind__in=Question.TEXT_KINDS).exclude(text="")
    if text_limit is not None:
        texts = texts.annotate(
            n=Window(RowNumber(), partition_by=[F("question_id")], order_by=[F("id").desc()])
        ).filter(n__lte=text_limit)
    fields = {
        "last": F("response__person__last_name"),
        "first": F("response__person__first_name"),
        "middle": F("response__person__middle_name"),
    }
    for row in texts.order_by("question_id", "-id").values(
        "question_id", "text", **(fields if names else {})
    ):
        results[row["question_id"]].texts.append((row["text"], _person_name(row) if names else ""))
    if campaign.anonymous:
        everyone = campaign.responses.count()
        for result in results.values():
            if withheld(campaign, min(everyone, result.respondents)):
                result.withheld = True
                result.mean, result.distribution, result.texts = None, [], []
    grouped: list[tuple[Section, list[QuestionResult]]] = []
    for question in questions:
        if not grouped or grouped[-1][0].pk != question.section_id:
            grouped.append((question.section, []))
        grouped[-1][1].append(results[question.pk])
    return grouped


# ---------------------------------------------------------------- start versus end


@dataclass
class Growth:
    """One scale question asked in the baseline and in the campaign."""

    text: str
    scale: int
    start_mean: float | None
    end_mean: float | None
    start_n: int
    end_n: int
    same_people: int = 0  # answered both (named campaigns only)
    same_start: float | None = None
    same_end: float | None = None

    @property
    def short(self) -> str:
        """«Оцените по итогам программы: комфорт работы» → «комфорт работы», for chart labels."""
        return self.text.rsplit(": ", 1)[-1][:60]

    @property
    def delta(self) -> float | None:
        if self.start_mean is None or self.end_mean is None:
            return None
        return round(self.end_mean - self.start_mean, 2)

    @property
    def same_delta(self) -> float | None:
        if self.same_start is None or self.same_end is None:
            return None
        return round(self.same_end - self.same_start, 2)


def _key(question: Question) -> tuple[str, str]:
    return ("code", question.code) if question.code else ("text", question.text.strip().lower())


def matched_questions(baseline: Campaign, campaign: Campaign) -> list[tuple[Question, Question]]:
    """Scale questions of the same kind present in both questionnaires, matched by code or by text."""
    ids = [baseline.questionnaire_id, campaign.questionnaire_id]
    questions = (
        Question.objects.filter(section__questionnaire_id__in=ids, kind__in=list(Question.SCALES))
        .select_related("section")
        .order_by("section__position", "section_id", "position", "id")
    )
    start, end = {}, []
    for q in questions:
        if q.section.questionnaire_id == baseline.questionnaire_id:
            start.setdefault(_key(q), q)
        if q.section.questionnaire_id == campaign.questionnaire_id:
            end.append(q)
    return [(start[_key(q)], q) for q in end if _key(q) in start and start[_key(q)].kind == q.kind]


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def compare(baseline: Campaign, campaign: Campaign) -> list[Growth]:
    """Means at the start and at the end for every matched question, and — when both campaigns are
    named — the change for the same people (those who answered both times)."""
    pairs = matched_questions(baseline, campaign)
    if not pairs:
        return []
    question_ids = [q.pk for pair in pairs for q in pair]
    rows = Answer.objects.filter(
        Q(response__campaign=baseline) | Q(response__campaign=campaign), question_id__in=question_ids
    ).values_list("response__campaign_id", "question_id", "response__person_id", "value")
    values: dict[tuple[int, int], dict] = {}
    anonymous: dict[tuple[int, int], list[int]] = {}
    for campaign_id, question_id, person_id, value in rows.iterator(chunk_size=5000):
        if person_id is None:
            anonymous.setdefault((campaign_id, question_id), []).append(value)
        else:
            values.setdefault((campaign_id, question_id), {})[person_id] = value
    named = not baseline.anonymous and not campaign.anonymous
    result = []
    for start_q, end_q in pairs:
        start = values.get((baseline.pk, start_q.pk), {})
        end = values.get((campaign.pk, end_q.pk), {})
        start_all = list(start.values()) + anonymous.get((baseline.pk, start_q.pk), [])
        end_all = list(end.values()) + anonymous.get((campaign.pk, end_q.pk), [])
        growth = Growth(
            text=end_q.text,
            scale=end_q.scale_max,
            start_mean=_mean(start_all),
            end_mean=_mean(end_all),
            start_n=len(start_all),
            end_n=len(end_all),
        )
        if named:
            both = sorted(set(start) & set(end))
            growth.same_people = len(both)
            growth.same_start = _mean([start[p] for p in both])
            growth.same_end = _mean([end[p] for p in both])
        result.append(growth)
    return result
