from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from pairs.models import Feedback, Meeting, meeting_order_warnings, order_warning_for_new
from pairs.tests.factories import world_meeting, world_pair

pytestmark = pytest.mark.django_db
K = Meeting.Kind
HTMX = {"HTTP_HX_REQUEST": "true"}


def _m(pk, kind, day):
    return Meeting(pk=pk, kind=kind, date=date(2025, 1, day))


def test_usual_order_has_no_warnings():
    meetings = [
        _m(1, K.FIRST, 1),
        _m(2, K.SECOND, 8),
        _m(3, K.PLANNING, 15),
        _m(4, K.REGULAR, 22),
        _m(5, K.REGULAR, 29),
        _m(6, K.FINAL, 30),
        _m(7, K.REFLECTION, 31),
    ]
    assert meeting_order_warnings(meetings) == {}


def test_regular_meeting_before_the_organizational_one_is_flagged():
    warnings = meeting_order_warnings([_m(1, K.REGULAR, 1), _m(2, K.FIRST, 8)])
    assert warnings[1] == "«регулярная» раньше первой (организационной) встречи."
    assert warnings[2] == "Организационная встреча проведена не первой."


def test_planning_after_the_final_meeting_is_flagged():
    existing = [_m(1, K.FIRST, 1), _m(2, K.FINAL, 8)]
    assert order_warning_for_new(existing, K.PLANNING, date(2025, 1, 9)) == (
        "«встреча-планирование» после встречи «заключительная»."
    )
    assert order_warning_for_new(existing, K.REFLECTION, date(2025, 1, 9)) is None


def test_mentor_logs_a_meeting_through_the_htmx_dialog(world, login):
    pair = world_pair(world)
    client = login(world.users["mentor"])
    my = client.get(reverse("pairs:my_pairs"))
    dialog_url = reverse("pairs:meeting_new", args=[pair.uuid])
    assert dialog_url in my.content.decode()  # click 1: the button on «Мои пары»
    dialog = client.get(dialog_url, **HTMX)
    body = dialog.content.decode()
    assert "<dialog" in body and "<html" not in body
    assert 'value="second"' in body and "selected" in body  # the next kind is proposed
    people = [str(p.uuid) for p in pair.participant_people()]
    response = client.post(  # click 2: «Сохранить встречу» with the prefilled values
        dialog_url,
        {
            "kind": "first",
            "date": date.today().isoformat(),
            "duration_minutes": 45,
            "format": "in_person",
            "topic": "Разбор урока",
            "attendees": people,
        },
        **HTMX,
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Встреча" in text and "записана" in text and 'hx-swap-oob="true"' in text
    assert "Порядок встреч необычен: Организационная встреча уже была." in text
    assert pair.meetings.filter(topic="Разбор урока").exists()


def test_invalid_meeting_keeps_the_dialog_open_with_errors(world, login):
    pair = world_pair(world)
    client = login(world.users["mentor"])
    response = client.post(reverse("pairs:meeting_new", args=[pair.uuid]), {"kind": "regular"}, **HTMX)
    assert "<dialog" in response.content.decode()
    assert pair.meetings.count() == 1


def test_attendee_of_another_school_cannot_be_posted(world, login):
    pair = world_pair(world)
    client = login(world.users["mentor"])
    client.post(
        reverse("pairs:meeting_new", args=[pair.uuid]),
        {
            "kind": "regular",
            "date": "2025-01-01",
            "duration_minutes": 45,
            "format": "remote",
            "topic": "x",
            "attendees": [str(world.other_person.uuid)],
        },
        **HTMX,
    )
    assert pair.meetings.count() == 1


def test_mentee_fills_own_feedback_and_pending_panel_clears(world, login):
    meeting = world_meeting(world)
    client = login(world.users["mentee"])
    dashboard = client.get(reverse("dashboard")).content.decode()
    url = reverse("pairs:feedback_new", args=[meeting.uuid])
    assert url in dashboard
    response = client.post(
        url, {"usefulness": 9, "comfort": 10, "clarity": 8, "what_worked": "всё", "private_note": "тайна"}
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get(meeting=meeting)
    assert feedback.person.user == world.users["mentee"]
    assert url not in client.get(reverse("dashboard")).content.decode()


def test_rating_out_of_range_is_refused(world, login):
    meeting = world_meeting(world)
    client = login(world.users["mentee"])
    response = client.post(
        reverse("pairs:feedback_new", args=[meeting.uuid]), {"usefulness": 11, "comfort": 5, "clarity": 5}
    )
    assert response.status_code == 200
    assert (
        "Убедитесь, что это значение меньше либо равно 10" in response.content.decode()
        or "от 1 до 10" in response.content.decode()
    )
    assert not Feedback.objects.exists()


def test_private_note_is_shown_to_curator_not_to_mentor(world, login):
    meeting = world_meeting(world)
    Feedback.objects.create(
        meeting=meeting,
        person=world.person_of("mentee"),
        usefulness=5,
        comfort=5,
        clarity=5,
        private_note="секрет-для-куратора",
    )
    pair_url = reverse("pairs:pair_detail", args=[meeting.pair.uuid])
    assert "секрет-для-куратора" in login(world.users["curator"]).get(pair_url).content.decode()
    assert "секрет-для-куратора" not in login(world.users["mentor"]).get(pair_url).content.decode()


def test_journal_exports(world, login):
    pair = world_pair(world)
    client = login(world.users["mentor"])
    pdf = client.get(reverse("pairs:meetings_pdf", args=[pair.uuid]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("pairs:meetings_xlsx", args=[pair.uuid]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(b"".join(xlsx.streaming_content)))
    rows = list(book["Журнал встреч"].iter_rows(min_row=3, values_only=True))
    assert rows[0][2] == "первая (организационная)"
    assert "Заметка для куратора" not in [
        c for c in next(book["Обратная связь"].iter_rows(min_row=2, max_row=2, values_only=True))
    ]


def test_meeting_date_order_used_for_warning_not_creation_order():
    meetings = [_m(2, K.FIRST, 1), _m(1, K.SECOND, 2)]
    assert meeting_order_warnings(meetings) == {}


def test_the_scale_inputs_are_1_to_10_and_zero_is_refused_in_russian(world, login):
    import re

    meeting = world_meeting(world)
    client = login(world.users["mentee"])
    url = reverse("pairs:feedback_new", args=[meeting.uuid])
    page = client.get(url).content.decode()
    for name in ("usefulness", "comfort", "clarity"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)[0]
        assert 'min="1"' in tag and 'max="10"' in tag, tag
    response = client.post(url, {"usefulness": 0, "comfort": 5, "clarity": 5})
    assert response.status_code == 200
    assert "Оценка — от 1 до 10." in response.content.decode()
    assert not Feedback.objects.exists()
