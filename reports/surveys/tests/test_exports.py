"""Excel exports of survey results: raw answers and summary, names only for the curator, formulas
neutralised, a fixed number of queries."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from jobs.testing import export
from pairs.tests.factories import consenting_mentee
from reports.surveys.models import Participation
from reports.surveys.tests.factories import submit, world_campaign

pytestmark = pytest.mark.django_db


def _book(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _rows(sheet):
    return [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]


def _answer(world, campaign, n=1, **extra):
    for _ in range(n):
        mentee = consenting_mentee(world.org)
        Participation.objects.create(campaign=campaign, person=mentee.person)
        submit(campaign, mentee.person, overall=6, **extra)


def test_raw_answers_carry_names_for_the_curator_only(world, login):
    campaign = world_campaign(world)
    submit(
        campaign, world.person_of("mentee"), overall=9, **{"Что было полезно": [0, 2], "Комментарий": "=1+1"}
    )
    url = reverse("statistics:campaign_export", args=[campaign.uuid, "answers"])
    header, row = _rows(_book(export(login(world.users["curator"]), url)).active)[:2]
    assert header[:3] == ["№", "Респондент", "Отправлено"]
    assert header[3:] == [
        "1. Общая оценка",
        "2. Продолжите участие?",
        "3. Ваша роль",
        "4. Что было полезно",
        "5. Комментарий",
    ]
    assert row[1] == world.person_of("mentee").full_name
    assert row[3:] == [9, "да", "наставляемый", "встречи; уроки", "=1+1"]
    sheet = _book(export(login(world.users["curator"]), url)).active
    assert sheet.cell(row=3, column=8).data_type == "s"  # the formula is text, not a formula
    director_header, director_row = _rows(_book(export(login(world.users["director"]), url)).active)[:2]
    assert "Респондент" not in director_header and world.person_of("mentee").full_name not in director_row


def test_anonymous_answers_never_carry_names(world, login):
    campaign = world_campaign(world, anonymous=True)
    submit(campaign, world.person_of("mentee"), overall=3)
    url = reverse("statistics:campaign_export", args=[campaign.uuid, "answers"])
    rows = _rows(_book(export(login(world.users["curator"]), url)).active)
    # One answer of an anonymous campaign is not exported at all (fewer than five: test_anonymity).
    assert "Респондент" not in rows[0] and len(rows) == 1


def test_summary_lists_counts_means_and_shares(world, login):
    campaign = world_campaign(world)
    submit(campaign, world.person_of("mentee"), overall=4)
    submit(campaign, world.person_of("mentor"), overall=8)
    url = reverse("statistics:campaign_export", args=[campaign.uuid, "summary"])
    rows = _rows(_book(export(login(world.users["director"]), url)).active)
    first = next(r for r in rows if r[1] == "Общая оценка")
    assert first[3:5] == [2, 6.0] and first[5:8] == ["1", 0, 0.0]
    four = next(r for r in rows[rows.index(first) :] if r[5] == "4")
    assert four[6:8] == [1, 0.5]


def test_summary_stores_shares_as_fractions_with_a_percent_format(world, login):
    campaign = world_campaign(world)
    submit(campaign, world.person_of("mentee"), overall=4)
    submit(campaign, world.person_of("mentor"), overall=8)
    url = reverse("statistics:campaign_export", args=[campaign.uuid, "summary"])
    sheet = _book(export(login(world.users["director"]), url)).active
    rows = [row for row in sheet.iter_rows(min_row=3)]
    scale = next(r for r in rows if r[1].value == "Общая оценка")
    assert scale[4].value == 6.0 and scale[4].number_format == "0.00"  # a mean, not a share
    yes_no = next(r for r in rows if r[1].value == "Продолжите участие?")
    assert 0 <= yes_no[4].value <= 1 and yes_no[4].number_format == "0.0%"  # the share of «да»
    shares = [r[7] for r in rows if r[7].value is not None]
    assert shares and all(0 <= c.value <= 1 and c.number_format == "0.0%" for c in shares)
    assert sheet.auto_filter.ref == f"A2:H{sheet.max_row}"  # no totals: every row filters


def test_year_exports_are_registered_on_the_statistics_page(world, login):
    campaign = world_campaign(world)
    submit(campaign, world.person_of("mentee"))
    client = login(world.users["curator"])
    page = client.get(reverse("statistics:index")).content.decode()
    for kind in ("survey_answers", "survey_summary"):
        assert reverse("statistics:export", args=[kind]) in page
        book = _book(export(client, reverse("statistics:export", args=[kind])))
        assert book.sheetnames == [campaign.title]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = export(client, url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        lambda c: reverse("statistics:campaign_export", args=[c.uuid, "answers"]),
        lambda c: reverse("statistics:campaign_export", args=[c.uuid, "summary"]),
        lambda c: reverse("statistics:export", args=["survey_answers"]),
        lambda c: reverse("statistics:export", args=["survey_summary"]),
    ],
)
def test_survey_exports_do_not_grow_with_answers(world, login, url):
    campaign = world_campaign(world)
    client = login(world.users["curator"])
    _answer(world, campaign, 2, **{"Комментарий": "текст", "Что было полезно": [1]})
    small = _queries(client, url(campaign))
    _answer(world, campaign, 6, **{"Комментарий": "текст", "Что было полезно": [0, 1]})
    assert _queries(client, url(campaign)) == small


def test_other_school_curator_gets_404_for_the_export(world, login):
    campaign = world_campaign(world)
    client = login(world.other_curator)
    for kind in ("answers", "summary"):
        assert (
            client.post(reverse("statistics:campaign_export", args=[campaign.uuid, kind])).status_code == 404
        )
