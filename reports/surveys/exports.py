"""Excel exports of survey results: the raw answers (a row per response, a column per question) and
the summary (per question: count, mean, distribution), for one campaign or all campaigns of a year.

Names are written only for named campaigns of organizations in `names_for` (where the requester is
the curator); anonymous campaigns never had names to write. A campaign costs a fixed number of
queries whatever the number of answers (rows are read with `.iterator()`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from openpyxl import Workbook

from mentoring.lib.xlsx import Column, SheetWriter, caption_for, new_workbook, sheet_title
from reports.surveys.models import Answer, Campaign, Question
from reports.surveys.results import campaign_results, questions_of, withheld

CHUNK = 5000


def _labels(question: Question) -> dict[int, str]:
    return dict(question.value_labels())


def answer_rows(campaign: Campaign, questions: list[Question], *, names: bool) -> Iterator[list]:
    """One row per response: number, [respondent, sent], then the answers in question order."""
    index = {q.pk: i for i, q in enumerate(questions)}
    labels = {q.pk: _labels(q) for q in questions}
    fields = ["response_id", "question_id", "value", "text"]
    if names:
        fields += [
            "response__person__last_name",
            "response__person__first_name",
            "response__person__middle_name",
            "response__submitted_at",
        ]
    rows = Answer.objects.filter(response__campaign=campaign).order_by("response_id", "question_id", "value")
    if campaign.anonymous:
        # Nothing from an anonymous campaign answered by fewer than five; no free text of a
        # question fewer than five wrote.
        if withheld(campaign, campaign.responses.count()):
            return
        texts = Counter(
            rows.filter(question__kind__in=Question.TEXT_KINDS)
            .exclude(text="")
            .values_list("question_id", flat=True)
            .order_by()
        )
        rows = rows.exclude(question_id__in=[q.pk for q in questions if q.is_text and texts[q.pk] < 5])
    current, cells, head, n = None, [], [], 0

    def flush():
        return [n, *head, *("; ".join(c) if c else None for c in cells)]

    for row in rows.values_list(*fields).iterator(chunk_size=CHUNK):
        response_id, question_id, value, text = row[:4]
        if response_id != current:
            if current is not None:
                yield flush()
            current, n, cells = response_id, n + 1, [[] for _ in questions]
            head = [" ".join(p for p in row[4:7] if p), row[7]] if names else []
        if question_id not in index:
            continue
        question = questions[index[question_id]]
        if question.is_scale:
            cells[index[question_id]].append(str(value))
        else:
            cells[index[question_id]].append(
                text if value is None else labels[question_id].get(value, str(value))
            )
    if current is not None:
        yield flush()


def _answers_sheet(workbook: Workbook, campaign: Campaign, taken: set[str], *, names: bool) -> None:
    questions = questions_of(campaign.questionnaire_id)
    columns = [Column("№", 6, "0")]
    if names:
        columns += [Column("Респондент", 30), Column("Отправлено", 16)]
    columns += [Column(f"{i}. {q.text}"[:120], 24) for i, q in enumerate(questions, start=1)]
    sheet = SheetWriter(
        workbook,
        sheet_title(campaign.title, taken),
        columns,
        caption=caption_for(
            campaign.organization.short_name,
            f"Ответы: {campaign.title} ({'анонимно' if campaign.anonymous else 'именное'})",
        ),
    )
    # Scale answers are numbers, so that a spreadsheet can average them.
    for row in answer_rows(campaign, questions, names=names):
        offset = 3 if names else 1
        for i, q in enumerate(questions):
            if q.is_scale and row[offset + i] is not None:
                row[offset + i] = int(row[offset + i])
        sheet.append(row)
    sheet.close()


SUMMARY_COLUMNS = [
    Column("Раздел", 24),
    Column("Вопрос", 50),
    Column("Тип ответа", 18),
    Column("Ответили", 10, "0"),
    Column("Среднее / доля «да»", 12, "0.00"),
    Column("Вариант ответа", 30),
    Column("Выбрали", 10, "0"),
    Column("Доля", 10, "0.0%"),
]


MEAN_COLUMN = 4
MEAN_FORMATS = {True: "0.0%", False: "0.00"}  # a yes/no question's mean is the share of «да»


def summary_rows(campaign: Campaign) -> Iterator[tuple[bool, list]]:
    """(is the mean a share, row) for each row of the summary."""
    for section, results in campaign_results(campaign, names=False, text_limit=0):
        for r in results:
            q = r.question
            share = q.kind == Question.Kind.YESNO
            base = [section.title, q.text, q.get_kind_display(), r.respondents, r.mean]
            if r.withheld:
                yield share, base + ["скрыто: меньше 5 ответов (анонимное анкетирование)", None, None]
                continue
            if not r.distribution:
                yield share, base + [None, None, None]
                continue
            for i, (label, count) in enumerate(r.distribution):
                yield (
                    share,
                    (base if i == 0 else [None, None, None, None, None]) + [label, count, r.share(count)],
                )


def _summary_sheet(workbook: Workbook, campaign: Campaign, taken: set[str]) -> None:
    counts = campaign.counts()
    invited = {"n": counts["invited"], "answered": counts["answered"]}
    caption = (
        f"Сводка: {campaign.title}; ответили {invited['answered']} из {invited['n']}, "
        f"{campaign.opens_on:%d.%m.%Y}–{campaign.closes_on:%d.%m.%Y}"
    )
    sheet = SheetWriter(
        workbook,
        sheet_title(campaign.title, taken),
        SUMMARY_COLUMNS,
        caption=caption_for(campaign.organization.short_name, caption),
    )
    for share, row in summary_rows(campaign):
        # The mean column holds a scale's mean or, for a yes/no question, a share: shown as such.
        sheet.columns[MEAN_COLUMN] = Column(SUMMARY_COLUMNS[MEAN_COLUMN].title, 12, MEAN_FORMATS[share])
        sheet.append(row)
    sheet.close()


def campaigns_workbook(campaigns: Sequence[Campaign], kind: str, *, names_for: frozenset[int]) -> Workbook:
    """`kind` is "answers" or "summary"; one sheet per campaign (an empty workbook says so)."""
    workbook = new_workbook()
    taken: set[str] = set()
    for campaign in campaigns:
        if kind == "answers":
            named = not campaign.anonymous and campaign.organization_id in names_for
            _answers_sheet(workbook, campaign, taken, names=named)
        else:
            _summary_sheet(workbook, campaign, taken)
    if not campaigns:
        sheet = SheetWriter(
            workbook, "Нет данных", [Column("", 60)], caption="Анкетирований за этот период нет"
        )
        sheet.close()
    return workbook


def year_campaigns(org_ids, year) -> list[Campaign]:
    return list(
        Campaign.objects.filter(organization_id__in=org_ids, academic_year=year)
        .exclude(status=Campaign.Status.DRAFT)
        .select_related("organization")
        .order_by("organization__short_name", "opens_on", "id")
    )
