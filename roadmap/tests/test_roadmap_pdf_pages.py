"""A roadmap running over several pages: a page that starts inside a stage repeats the stage's
name «(продолжение)» in its first row, so no page opens with an empty stage cell."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from roadmap.exports import render_roadmap_pdf
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db

CONTENT = "Подготовка и проведение мероприятия с участием наставников и наставляемых. " * 3


def test_a_page_inside_a_stage_repeats_the_stage_name(world):
    roadmap = ApprovedRoadmapFactory(organization=world.org)
    stages = {}
    for s in (1, 2, 3):
        stage = StageFactory(roadmap=roadmap, number=s, title=f"Этап номер {s} программы")
        for a in range(1, 9):
            ActivityFactory(
                stage=stage, number=f"{s}.{a}", position=a, title=f"Мероприятие {s}.{a}", content=CONTENT
            )
        stages[s] = stage
    pages = [
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(render_roadmap_pdf(roadmap))).pages
    ]
    assert len(pages) >= 3, "the roadmap should run across at least two page breaks"
    continued_pages = 0
    for number, text in enumerate(pages[1:], start=2):
        first = re.search(r"Мероприятие (\d)\.(\d)", text)
        assert first, f"page {number} has no activity"
        stage, activity = int(first[1]), int(first[2])
        label = f"{stage}. {stages[stage].title} (продолжение)"
        if activity == 1:
            assert f"{stage}. {stages[stage].title}" in text and label not in text
        else:
            assert label in text, f"page {number} starts inside stage {stage} without its name"
            continued_pages += 1
        assert text.count("(продолжение)") <= 1, f"page {number}: a label on a row not at the top"
    assert continued_pages >= 1
