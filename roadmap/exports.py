"""The roadmap as PDF, Excel and iCalendar."""

from __future__ import annotations

from datetime import timedelta

import icalendar
from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from mentoring.lib import calendar_feed
from mentoring.lib.pdf import first_rows_of_pages, pdf_response, render_document
from mentoring.lib.xlsx import Column, SheetWriter, caption_for, new_workbook, xlsx_response
from roadmap import deadlines, kpi, progress
from roadmap.models import Activity, Roadmap


def _stages(roadmap: Roadmap) -> list:
    return list(roadmap.stages.prefetch_related("activities__responsible", "activities__occurrences"))


def responsible_text(activity: Activity) -> str:
    names = [p.short_name for p in activity.responsible.all()]
    return "\n".join(names + activity.roles_list)


def stem(roadmap: Roadmap) -> str:
    return f"Дорожная карта {roadmap.academic_year.label.replace('/', '-')}"


def roadmap_pdf(roadmap: Roadmap) -> tuple[str, bytes]:
    """(file name, the roadmap as a landscape PDF with its stamps)."""
    return f"{stem(roadmap)}.pdf", render_roadmap_pdf(roadmap)


def _rows(roadmap: Roadmap) -> list:
    """(stage, [(activity, responsible), …]) per stage, each activity with its KPI fact."""
    stages = _stages(roadmap)
    kpi.facts_for(roadmap, [a for s in stages for a in s.activities.all()])
    return [(stage, [(a, responsible_text(a)) for a in stage.activities.all()]) for stage in stages]


def render_roadmap_pdf(roadmap: Roadmap, **extra) -> bytes:
    """The roadmap; a page that starts inside a stage repeats the stage's name in its first row.

    Where the pages break is known only once the document is laid out: it is laid out, the rows a
    break put at the top of a page are labelled «(продолжение)», and it is laid out again until
    every such row carries the label; a label may move a break, so of the layouts where every top
    row is labelled the one with the fewest labels elsewhere is kept."""
    rows = _rows(roadmap)
    inner = {str(a.pk) for _, activities in rows for a, _ in activities[1:]}  # not a stage's first row
    context = {"roadmap": roadmap, "organization": roadmap.organization, "rows": rows, **extra}
    labels: set[int] = set()
    best = None  # (labels on rows not at the top of a page, document)
    for _ in range(MAX_LAYOUTS):
        document = render_document("documents/roadmap.html", {**context, "continued": labels})
        tops = {int(pk) for pk in first_rows_of_pages(document, "data-activity") if pk in inner}
        if tops <= labels:
            if best is None or len(labels - tops) < best[0]:
                best = (len(labels - tops), document)
            if tops == labels:
                break
            labels = tops
        else:
            labels |= tops
    return (best[1] if best else document).write_pdf()


MAX_LAYOUTS = 4


def _as_approved_by(roadmap: Roadmap, order) -> Roadmap:
    """The version as the order shows it: once the order is signed, its date and number in the stamp."""
    import copy

    shown = copy.copy(roadmap)
    if order.number:
        shown.order_date, shown.order_number, shown.approved_on = order.date, order.number, order.date
    return shown


def render_roadmap_appendix(roadmap: Roadmap, order, caption: str) -> bytes:
    """The version a launch order approves, as the order's appendix: the caption «Приложение N
    к приказу от … № …» and, once signed, the order's date and number in the stamp «УТВЕРЖДАЮ»."""
    return render_roadmap_pdf(
        _as_approved_by(roadmap, order), appendix_caption=caption, is_draft=not order.number
    )


APPENDIX_COLUMNS = [
    "№",
    "Наименование этапа",
    "Содержание деятельности и примерный план мероприятий",
    "Сроки",
    "Ответственные",
    "Ожидаемый результат",
    "Показатели эффективности",
]


def roadmap_appendix_text(roadmap: Roadmap, order) -> dict:
    """The same appendix for the order's .docx, as documents/roadmap.html lays it out: the stamps,
    the title and the table, the stage's cell spanning its activities ({"text", "rowspan"})."""
    # The template's `date` filter: a date not set yet prints as nothing, as in the PDF.
    from django.template.defaultfilters import date as date_format

    shown = _as_approved_by(roadmap, order)
    org = shown.organization
    protocol = (
        f"протокол от {date_format(shown.protocol_date, 'd.m.Y')} № {shown.protocol_number}"
        if shown.protocol_number
        else "протокол от ____________ № ____"
    )
    approved = [
        "УТВЕРЖДАЮ",
        f"{org.director_position} {org.short_name}",
        f"________ {org.director_signature_name}",
    ]
    if shown.order_number:
        approved += [
            f"приказ от {date_format(shown.order_date, 'd.m.Y')} № {shown.order_number}",
            f"«{date_format(shown.approved_on, 'd')}» {date_format(shown.approved_on, 'E Y')} г.",
        ]
    else:
        approved.append("«___» ____________ 20__ г.")
    rows = []
    for stage, activities in _rows(shown):
        stage_cell = {"text": f"{stage.number}. {stage.title}", "rowspan": max(len(activities), 1)}
        if not activities:
            rows.append(["", stage_cell, "", "", "", "", ""])
        for index, (activity, responsible) in enumerate(activities):
            content = activity.title + (f"\n{activity.content}" if activity.content else "")
            fact = activity.kpi_fact
            kpi_text = activity.kpi
            if fact.target is not None:
                kpi_text += f"\nПлан: {fact.plan_text}; факт: {fact.fact_text}"
                kpi_text += f" — {fact.met_text}" if fact.met_text else ""
            cells = [activity.number, content, activity.deadline_text, responsible]
            cells += [activity.expected_result, kpi_text.strip()]
            rows.append(cells[:1] + ([stage_cell] if index == 0 else []) + cells[1:])
    return {
        "accepted": ["ПРИНЯТО", "на заседании педагогического совета", org.short_name, protocol],
        "approved": approved,
        "title": shown.title,
        "edition": f"Редакция {shown.version}" if shown.version > 1 else "",
        "columns": APPENDIX_COLUMNS,
        "rows": rows,
    }


def pdf_response_for(roadmap: Roadmap) -> HttpResponse:
    filename, content = roadmap_pdf(roadmap)
    return pdf_response(content, filename)


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
    Column("План", 10),
    Column("Факт", 10),
    Column("Показатель достигнут", 12),
    Column("Статус", 14),
    Column("Просрочено", 11),
    Column("Дата выполнения", 14),
    Column("Подтверждение", 30),
]


def xlsx_response_for(roadmap: Roadmap):
    return xlsx_response(roadmap_workbook(roadmap), stem(roadmap))


def roadmap_workbook(roadmap: Roadmap) -> Workbook:
    """The roadmap's activities with their progress, and the progress by stage."""
    stages = _stages(roadmap)
    activities = [a for s in stages for a in s.activities.all()]
    figures = progress.compute(activities)
    kpi.facts_for(roadmap, activities)
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
                    a.kpi_fact.plan_text if a.kpi_target is not None else "",
                    a.kpi_fact.fact_text if a.kpi_target is not None else "",
                    {True: "да", False: "нет", None: ""}[a.kpi_fact.met],
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
            Column("Выполнено", 14, "0%"),
            Column("В срок из наступивших", 16, "0%"),
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
                p.share,
                p.on_time_share,
            ]
        )
    o = figures.overall
    summary.append_total(
        ["Итого", o.total, o.done, o.in_progress, o.overdue, o.cancelled, o.share, o.on_time_share]
    )
    summary.append_total(["Выполнено 100 % позиций дорожной карты", "да" if o.all_done else "нет"])
    summary.close()
    return workbook


def _activity_events(a: Activity) -> list[icalendar.Event]:
    """The activity's due days: a recurring one repeats (RRULE) to the end of its window, a list
    of months («май, сентябрь») is one event per month, anything else one event."""
    uid = f"{a.uuid}@nastavnichestvo"
    if a.recurrence in ("monthly", "quarterly") and a.start:
        # Due by the end of each month (of every third month for «1 раз в четверть»): the
        # occurrences of `deadlines.occurrence_windows`, as one repeating event.
        step = 1 if a.recurrence == "monthly" else 3
        first = deadlines.month_end(deadlines.months_later(a.start, step - 1))
        event = icalendar.Event()
        event.add("uid", uid)
        event.add("dtstart", first)
        event.add("dtend", first + timedelta(days=1))
        event.add("rrule", {"freq": "monthly", "interval": step, "bymonthday": -1, "until": a.end})
        return [event]
    listed = deadlines.listed_windows(a.deadline_text, a.stage.roadmap.year_start)
    windows = listed or [(a.start if a.recurrence == "once" and a.start else a.end, a.end)]
    events = []
    for number, (start, end) in enumerate(windows):
        event = icalendar.Event()
        # A continuous activity would block the whole year: only its end is a due day.
        event.add("uid", uid if number == 0 else f"{a.uuid}-{number}@nastavnichestvo")
        event.add("dtstart", start)
        event.add("dtend", end + timedelta(days=1))
        events.append(event)
    return events


def ics_text(person) -> str:
    activities = (
        Activity.objects.in_force()
        .filter(responsible=person, end__isnull=False)
        .select_related("stage__roadmap__organization", "stage__roadmap__academic_year")
        .order_by("end")
    )
    stamp = timezone.now()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Nastavnichestvo//Roadmap//RU")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Дорожная карта — {person.short_name}")
    for a in activities:
        for event in _activity_events(a):
            event.add("dtstamp", stamp)
            event.add("summary", a.title[:200])
            event.add("description", f"Срок: {a.deadline_text}. Статус: {a.get_status_display()}.")
            event.add("status", "CANCELLED" if a.status == Activity.Status.CANCELLED else "CONFIRMED")
            calendar.add_component(event)
    for event in calendar_feed.extra_events(person):
        event.add("dtstamp", stamp)
        calendar.add_component(event)
    # Timed events carry TZID=Europe/Moscow: the calendar must define that zone.
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def ics_response(person) -> HttpResponse:
    response = HttpResponse(ics_text(person), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="roadmap.ics"'
    return response
