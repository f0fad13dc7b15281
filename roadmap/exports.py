"""The roadmap as PDF, Excel and iCalendar."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpResponse
from django.utils import timezone

from mentoring.lib.pdf import pdf_response, render_pdf
from mentoring.lib.xlsx import Column, SheetWriter, caption_for, new_workbook, xlsx_response
from roadmap import progress
from roadmap.models import Activity, Roadmap


def _stages(roadmap: Roadmap) -> list:
    return list(roadmap.stages.prefetch_related("activities__responsible"))


def responsible_text(activity: Activity) -> str:
    names = [p.short_name for p in activity.responsible.all()]
    return "\n".join(names + activity.roles_list)


def pdf_response_for(roadmap: Roadmap) -> HttpResponse:
    stages = _stages(roadmap)
    rows = [(stage, [(a, responsible_text(a)) for a in stage.activities.all()]) for stage in stages]
    content = render_pdf(
        "documents/roadmap.html", {"roadmap": roadmap, "organization": roadmap.organization, "rows": rows}
    )
    return pdf_response(content, f"Дорожная карта {roadmap.academic_year.label.replace('/', '-')}.pdf")


XLSX_COLUMNS = [
    Column("№", 8),
    Column("Этап", 30),
    Column("Содержание деятельности", 50),
    Column("Сроки (как написано)", 24),
    Column("Начало", 12),
    Column("Окончание", 12),
    Column("Ответственные", 28),
    Column("Ожидаемый результат", 30),
    Column("Показатель эффективности", 24),
    Column("Статус", 14),
    Column("Просрочено", 11),
    Column("Дата выполнения", 14),
    Column("Подтверждение", 30),
]


def xlsx_response_for(roadmap: Roadmap):
    stages = _stages(roadmap)
    activities = [a for s in stages for a in s.activities.all()]
    figures = progress.compute(activities)
    today = timezone.localdate()
    workbook = new_workbook()
    caption = caption_for(roadmap.organization.short_name, f"Дорожная карта {roadmap.academic_year.label}")
    sheet = SheetWriter(workbook, "Мероприятия", XLSX_COLUMNS, caption=caption)
    for stage in stages:
        for a in stage.activities.all():
            evidence = " ".join(x for x in (a.evidence_link, a.evidence_note, a.evidence_file.name) if x)
            sheet.append(
                [
                    a.number,
                    f"{stage.number}. {stage.title}",
                    a.title,
                    a.deadline_text,
                    a.start,
                    a.end,
                    responsible_text(a),
                    a.expected_result,
                    a.kpi,
                    a.get_status_display(),
                    "да" if a.is_overdue(today) else "",
                    a.completed_on,
                    evidence,
                ]
            )
    sheet.close()
    summary = SheetWriter(
        workbook,
        "Прогресс",
        [
            Column("Этап", 50),
            Column("Мероприятий", 12),
            Column("Выполнено", 12),
            Column("В работе", 12),
            Column("Просрочено", 12),
            Column("Отменено", 12),
            Column("Выполнено, %", 14, "0"),
            Column("В срок из наступивших, %", 16, "0"),
        ],
        caption=caption,
    )
    for stage in stages:
        p = figures.stages.get(stage.pk, progress.Progress())
        summary.append(
            [
                f"{stage.number}. {stage.title}",
                p.total,
                p.done,
                p.in_progress,
                p.overdue,
                p.cancelled,
                p.percent,
                p.on_time_percent,
            ]
        )
    o = figures.overall
    summary.append(
        ["Итого", o.total, o.done, o.in_progress, o.overdue, o.cancelled, o.percent, o.on_time_percent]
    )
    summary.append(["Выполнено 100 % позиций дорожной карты", "да" if o.all_done else "нет"])
    summary.close()
    return xlsx_response(workbook, f"Дорожная карта {roadmap.academic_year.label.replace('/', '-')}")


def _ics_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545 lines are at most 75 octets; longer ones continue after CRLF and a space."""
    out, current = [], b""
    for ch in line:
        encoded = ch.encode()
        if len(current) + len(encoded) > 74:
            out.append(current.decode())
            current = b" "
        current += encoded
    out.append(current.decode())
    return "\r\n".join(out)


def ics_text(person) -> str:
    activities = (
        Activity.objects.in_force()
        .filter(responsible=person, end__isnull=False)
        .select_related("stage__roadmap__organization")
        .order_by("end")
    )
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Nastavnichestvo//Roadmap//RU",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:" + _ics_escape(f"Дорожная карта — {person.short_name}"),
    ]
    for a in activities:
        # A continuous activity would block the whole year: only its end is a due day.
        start = a.start if a.recurrence == "once" and a.start else a.end
        lines += [
            "BEGIN:VEVENT",
            f"UID:{a.uuid}@nastavnichestvo",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{a.end + timedelta(days=1):%Y%m%d}",
            "SUMMARY:" + _ics_escape(a.title[:200]),
            "DESCRIPTION:" + _ics_escape(f"Срок: {a.deadline_text}. Статус: {a.get_status_display()}."),
            "STATUS:" + ("CANCELLED" if a.status == Activity.Status.CANCELLED else "CONFIRMED"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def ics_response(person) -> HttpResponse:
    response = HttpResponse(ics_text(person), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="roadmap.ics"'
    return response
