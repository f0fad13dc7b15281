"""PDF with the stamps, Excel with progress, the iCalendar feed."""

from __future__ import annotations

import io
from datetime import date

from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from jobs.testing import export
from mentoring.tests.pdf import page_texts, pdf_text
from roadmap.models import CalendarToken
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, RoadmapFactory, StageFactory


def _approved(world):
    roadmap = ApprovedRoadmapFactory(
        organization=world.org, protocol_number="1", protocol_date=date(2024, 8, 30), order_number="41-од"
    )
    stage = StageFactory(roadmap=roadmap, number=1, title="Подготовка условий")
    activity = ActivityFactory(
        stage=stage, position=1, deadline_text="до 15.09.2024", responsible_roles="Классные руководители"
    )
    activity.responsible.add(world.staff)
    ActivityFactory(
        stage=stage,
        number="1.2",
        position=2,
        status="done",
        completed_on=date(2024, 9, 10),
        evidence_note="Приказ",
    )
    return roadmap, activity


def test_pdf_is_landscape_with_both_stamps(world, login):
    roadmap, _ = _approved(world)
    response = export(login(world.users["mentor"]), reverse("roadmap:roadmap_pdf", args=[roadmap.uuid]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert box.width > box.height
    text = pdf_text(response.content)
    assert "УТВЕРЖДАЮ" in text
    assert "ПРИНЯТО" in text and "протокол от 30.08.2024 № 1" in text
    assert "С.В. Прохорова" in text and "№ 41-од" in text
    assert "до 15.09.2024" in text and "Классные руководители" in text and world.staff.short_name in text


def test_excel_has_activities_and_progress(world, login):
    roadmap, _ = _approved(world)
    response = export(login(world.users["director"]), reverse("roadmap:roadmap_xlsx", args=[roadmap.uuid]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    activities = [row for row in workbook["Мероприятия"].iter_rows(min_row=3, values_only=True)]
    assert [row[0] for row in activities] == ["1.1", "1.2"]
    sheet = workbook["Прогресс"]
    summary = {row[0].value: row for row in sheet.iter_rows(min_row=3)}
    assert [c.value for c in summary["Итого"][1:3]] == [2, 1]
    # Shares are fractions with a percent format, in the stages' rows and the totals alike.
    done = summary["Итого"][6]
    assert done.value == 0.5 and done.number_format == "0%"
    stage = summary["1. Подготовка условий"][6]
    assert stage.value == 0.5 and stage.number_format == "0%"
    # The totals stand below the autofilter's range: filtering the stages never hides them.
    total_row = summary["Итого"][0].row
    assert sheet.auto_filter.ref == f"A2:H{total_row - 1}"
    assert summary["Итого"][0].font.bold


def test_calendar_feed_lists_the_persons_activities(world, client):
    roadmap, activity = _approved(world)
    token = CalendarToken.objects.create(person=world.staff)
    response = client.get(reverse("roadmap:calendar_feed", args=[token.token]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 1
    assert f"UID:{activity.uuid}@" in body
    assert "DTEND;VALUE=DATE:20240916" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_calendar_feed_with_wrong_token_is_404(world, client):
    assert client.get(reverse("roadmap:calendar_feed", args=["nope"])).status_code == 404


def test_resetting_the_calendar_link_revokes_the_old_one(world, login):
    client = login(world.users["mentor"])
    client.post(reverse("roadmap:calendar_token_reset"))
    old = CalendarToken.objects.get(person=world.person_of("mentor")).token
    client.post(reverse("roadmap:calendar_token_reset"))
    assert client.get(reverse("roadmap:calendar_feed", args=[old])).status_code == 404


def test_draft_pdf_leaves_the_stamps_blank(world, login):
    roadmap = RoadmapFactory(organization=world.org)
    ActivityFactory(stage=StageFactory(roadmap=roadmap))
    response = export(login(world.users["curator"]), reverse("roadmap:roadmap_pdf", args=[roadmap.uuid]))
    text = page_texts(response.content)[0]
    assert "протокол от ____________ № ____" in text and "«___» ____________ 20__ г." in text


def test_pdf_has_the_kpi_column(world, login):
    roadmap, activity = _approved(world)
    activity.kpi = "Не менее 90 % программ"
    activity.save()
    response = export(login(world.users["director"]), reverse("roadmap:roadmap_pdf", args=[roadmap.uuid]))
    text = pdf_text(response.content)
    assert "Показатели эффективности" in text and "Не менее 90 % программ" in text


def _feed_with(world, client, deadline_text: str) -> tuple:
    roadmap, _ = _approved(world)
    stage = roadmap.stages.get()
    activity = ActivityFactory(stage=stage, number="1.3", deadline_text=deadline_text)
    activity.responsible.add(world.staff)
    token = CalendarToken.objects.create(person=world.staff)
    body = client.get(reverse("roadmap:calendar_feed", args=[token.token])).content.decode()
    import icalendar

    events = [
        e
        for e in icalendar.Calendar.from_ical(body).walk("VEVENT")
        if str(e["uid"]).startswith(str(activity.uuid))
    ]
    return activity, events


def test_a_monthly_activity_recurs_to_the_end_of_its_window(world, client):
    activity, events = _feed_with(world, client, "ежемесячно")
    (event,) = events
    assert event.decoded("dtstart") == date(2024, 9, 30)
    rule = event["rrule"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["BYMONTHDAY"] == [-1] and rule.get("INTERVAL", [1]) == [1]
    assert rule["UNTIL"] == [activity.end]


def test_a_quarterly_activity_recurs_every_three_months(world, client):
    _, events = _feed_with(world, client, "1 раз в четверть")
    (event,) = events
    assert event.decoded("dtstart") == date(2024, 11, 30)
    assert event["rrule"]["INTERVAL"] == [3]


def test_a_list_of_months_is_a_separate_event_per_month(world, client):
    _, events = _feed_with(world, client, "май, сентябрь")
    spans = sorted((e.decoded("dtstart"), e.decoded("dtend")) for e in events)
    assert spans == [(date(2024, 9, 1), date(2024, 10, 1)), (date(2025, 5, 1), date(2025, 6, 1))]
    assert len({str(e["uid"]) for e in events}) == 2 and not any("rrule" in e for e in events)


def test_a_range_of_months_stays_one_event(world, client):
    _, events = _feed_with(world, client, "октябрь - ноябрь")
    assert len(events) == 1
