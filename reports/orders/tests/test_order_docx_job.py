"""The .docx of an order with more than ORDER_DOCX_JOB_PAIRS pairs in its appendix is made by a
job, like the draft's PDF; a smaller order's .docx is still downloaded at once."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from jobs.models import Job
from jobs.testing import export, queued_job_ids
from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair
from reports.orders import actions
from reports.orders.models import Order
from reports.orders.tests.factories import curator_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(world):
    pairs = [
        make_pair(world.org, [consenting_mentor(world.org)], [consenting_mentee(world.org)]) for _ in range(3)
    ]
    return actions.order_draft(world.org, Order.Kind.PAIRS, actor=curator_of(world.org), pairs=pairs)


def test_a_large_order_is_made_as_docx_by_a_job_with_every_pair(world, login, order, settings):
    settings.ORDER_DOCX_JOB_PAIRS = 2
    client = login(world.users["director"])
    url = reverse("orders:order_docx", args=[order.uuid])
    page = client.get(order.get_absolute_url()).text
    assert f'hx-post="{url}"' in page  # the Word button starts a job
    assert client.get(url).status_code == 405 and not Job.objects.exists()
    response = export(client, url)
    assert response["Content-Disposition"].endswith('.docx"') or ".docx" in response["Content-Disposition"]
    table = Document(io.BytesIO(response.content)).tables[-2]
    mentees = {
        link.mentee.person.full_name for pl in order.pair_links.all() for link in pl.pair.pair_mentees.all()
    }
    assert {table.cell(r, 3).text for r in (1, 2, 3)} == mentees


def test_at_the_threshold_the_docx_is_downloaded_at_once(world, login, order, settings):
    settings.ORDER_DOCX_JOB_PAIRS = 3
    client = login(world.users["curator"])
    url = reverse("orders:order_docx", args=[order.uuid])
    assert f'href="{url}"' in client.get(order.get_absolute_url()).text
    response = client.get(url)
    assert response.status_code == 200 and Document(io.BytesIO(response.content)).tables
    assert queued_job_ids() == []


def test_other_organizations_staff_cannot_start_or_fetch_it(world, login, order, settings):
    settings.ORDER_DOCX_JOB_PAIRS = 2
    url = reverse("orders:order_docx", args=[order.uuid])
    assert login(world.other_curator).post(url).status_code == 404
    assert login(world.users["mentor"]).post(url).status_code == 404
    assert not Job.objects.exists()
    login(world.users["curator"]).post(url)
    job = Job.objects.get()
    client = login(world.other_curator)
    assert client.get(reverse("jobs:download", args=[job.uuid])).status_code == 404
