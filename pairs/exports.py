"""The meeting journal of a pair as an Excel workbook and as a PDF to sign."""

from __future__ import annotations

from django.http import FileResponse

from mentoring.lib.pdf import render_pdf
from mentoring.lib.xlsx import Column, SheetWriter, caption_for, new_workbook, xlsx_response
from pairs.models import Pair, meeting_order_warnings
from people.models import Person

COLUMNS = [
    Column("№", 5),
    Column("Дата", 12),
    Column("Вид встречи", 26),
    Column("Формат", 14),
    Column("Мин.", 7, "0"),
    Column("Тема", 40),
    Column("Итоги", 50),
    Column("Следующие шаги", 40),
    Column("Присутствовали", 40),
    Column("Отзывов", 9, "0"),
    Column("Польза (ср.)", 11, "0.0"),
    Column("Комфорт (ср.)", 11, "0.0"),
    Column("Ясность (ср.)", 11, "0.0"),
]


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def meetings_workbook(pair: Pair, *, with_private: bool) -> FileResponse:
    workbook = new_workbook()
    sheet = SheetWriter(
        workbook,
        "Журнал встреч",
        COLUMNS,
        caption=caption_for(pair.organization.short_name, f"Журнал встреч: {pair}"),
    )
    meetings = pair.meetings.held().for_list()
    feedback_rows = []
    for n, meeting in enumerate(meetings, start=1):
        feedbacks = list(meeting.feedbacks.all())
        sheet.append(
            [
                n,
                meeting.date,
                meeting.get_kind_display(),
                meeting.get_format_display(),
                meeting.duration_minutes,
                meeting.topic,
                meeting.summary,
                meeting.next_steps,
                ", ".join(p.short_name for p in meeting.attendees.all()),
                len(feedbacks),
                _mean([f.usefulness for f in feedbacks]),
                _mean([f.comfort for f in feedbacks]),
                _mean([f.clarity for f in feedbacks]),
            ]
        )
        for f in feedbacks:
            row = [
                meeting.date,
                f.person.short_name,
                f.usefulness,
                f.comfort,
                f.clarity,
                f.what_worked,
                f.what_was_hard,
            ]
            feedback_rows.append([*row, f.private_note] if with_private else row)
    sheet.close()
    columns = [
        Column("Дата встречи", 12),
        Column("Участник", 24),
        Column("Польза", 8, "0"),
        Column("Комфорт", 8, "0"),
        Column("Ясность", 8, "0"),
        Column("Что получилось", 40),
        Column("Что было трудно", 40),
    ]
    if with_private:
        columns.append(Column("Заметка для куратора", 40))
    feedback = SheetWriter(
        workbook,
        "Обратная связь",
        columns,
        caption=caption_for(pair.organization.short_name, "Обратная связь по встречам"),
    )
    feedback.extend(feedback_rows)
    feedback.close()
    return xlsx_response(workbook, "Журнал встреч")


def journal_signatures(pair: Pair) -> list[tuple[str, str]]:
    """(role, «И.О. Фамилия») of everyone who signs the journal: the mentors, the mentees and the
    programme's curator (a blank line for the name when the organization has no curator)."""
    mentors = [("Наставник", link.mentor.person.signature_name) for link in pair.pair_mentors.all()]
    mentees = [("Наставляемый", link.mentee.person.signature_name) for link in pair.pair_mentees.all()]
    curator = Person.objects.curators_of(pair.organization).first()
    return [*mentors, *mentees, ("Куратор", curator.signature_name if curator else "")]


def render_meetings_pdf(pair: Pair, meetings: list) -> bytes:
    """The journal of the pair's held `meetings`, with the signatures kept with its last row."""
    return render_pdf(
        "documents/meetings.html",
        {
            "pair": pair,
            "meetings": meetings,
            "org": pair.organization,
            "warnings": meeting_order_warnings(meetings),
            "signatures": journal_signatures(pair),
        },
    )
