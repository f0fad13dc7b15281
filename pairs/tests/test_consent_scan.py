"""The mentor's scanned consent to the extra duty is served only through a checked view."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from pairs.tests.factories import world_pair

pytestmark = pytest.mark.django_db
SCAN = b"%PDF-1.4\n%mentor consent\n"


@pytest.fixture
def pair(world):
    pair = world_pair(world)
    pair.mentor_consent_scan.save("consent.pdf", ContentFile(SCAN), save=True)
    return pair


def test_curator_sees_the_link_and_downloads_the_scan(world, login, pair):
    client = login(world.users["curator"])
    page = client.get(pair.get_absolute_url()).content.decode()
    link = reverse("pairs:pair_consent_scan", args=[pair.uuid])
    assert f'href="{link}"' in page
    assert pair.mentor_consent_scan.url not in page
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == SCAN


def test_mentee_sees_neither_the_link_nor_the_scan(world, login, pair):
    client = login(world.users["mentee"])
    page = client.get(pair.get_absolute_url()).content.decode()
    assert "pairs:pair_consent_scan" not in page and "скан</a>" not in page
    assert client.get(reverse("pairs:pair_consent_scan", args=[pair.uuid])).status_code == 403


def test_curator_of_other_school_gets_404(world, login, pair):
    response = login(world.other_curator).get(reverse("pairs:pair_consent_scan", args=[pair.uuid]))
    assert response.status_code == 404


def test_uploaded_files_are_not_served_from_media_url(world, login, pair):
    response = login(world.users["curator"]).get(pair.mentor_consent_scan.url)
    assert response.status_code == 404
