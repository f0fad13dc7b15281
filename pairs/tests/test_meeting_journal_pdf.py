"""The meeting journal (PDF) is signed: a line for each mentor and mentee and for the curator,
«____ /И.О. Фамилия/», kept on the page of the journal's last row, never alone on a page."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from pypdf import PdfReader

from pairs import actions
from pairs.exports import render_meetings_pdf
from pairs.models import Meeting, Pair
from pairs.tests.factories import world_pair

pytestmark = pytest.mark.django_db


def page_texts(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def test_journal_has_signature_lines_of_mentor_mentee_and_curator(world, login):
    pair = world_pair(world)
    response = login(world.users["mentor"]).get(reverse("pairs:meetings_pdf", args=[pair.uuid]))
    assert response.status_code == 200
    text = " ".join(page_texts(response.content))
    mentor, mentee, curator = (world.person_of(role) for role in ("mentor", "mentee", "curator"))
    for role, person in (("Наставник", mentor), ("Наставляемый", mentee), ("Куратор", curator)):
        assert f"{role} ____________________ /{person.signature_name}/" in text


def test_signatures_stay_with_the_last_row(world):
    pair = Pair.objects.for_list().get(pk=world_pair(world).pk)
    start = date.today() - timedelta(days=200)
    for number in range(1, 19):
        actions.meeting_log(
            pair,
            data=dict(
                kind=Meeting.Kind.REGULAR,
                date=start + timedelta(days=7 * number),
                topic=f"Тема {number:02d}",
                summary="Обсудили ход работы, трудности и приёмы, наметили задачи на следующую неделю. " * 2,
                duration_minutes=45,
            ),
            attendees=pair.participant_people(),
            actor=None,
        )
    meetings = list(pair.meetings.held().for_list())
    breaks = 0
    pages_before = 1
    for count in range(1, len(meetings) + 1):
        pages = page_texts(render_meetings_pdf(pair, meetings[:count]))
        last_topic = meetings[count - 1].topic
        signed = [text for text in pages if "Куратор ____" in text]
        assert len(signed) == 1
        assert last_topic in signed[0], f"{count} meetings: the signatures stand apart from the last row"
        breaks += len(pages) > pages_before
        pages_before = len(pages)
    assert breaks >= 2, "the journal did not grow across two page breaks"
