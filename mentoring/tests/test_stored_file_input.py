"""Edit forms show the file a record holds by the name it was uploaded with, linked to the view that
checks access — never the storage path, never a /media/ address (files may sit in S3)."""

from __future__ import annotations

import pytest
from django import forms
from django.core.files.base import ContentFile
from django.urls import reverse

from mentoring.lib.forms import StoredFileInput, show_stored_file
from pairs.tests.factories import world_pair
from reports.publication.models import Material
from reports.publication.tests.factories import material

pytestmark = pytest.mark.django_db


class MaterialFileForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = ["file"]
        widgets = {"file": StoredFileInput()}


def _current_file_block(text: str) -> str:
    start = text.index("На данный момент")
    return text[start : text.index("</div>", start)]


@pytest.mark.parametrize("role", ["curator", "admin"])
def test_library_edit_names_the_file_and_links_the_checked_view(world, login, role):
    item = material(world.org, with_file=True)
    response = login(world.users[role]).get(reverse("library:edit", args=[item.uuid]))
    assert response.status_code == 200
    block = _current_file_block(response.text)
    assert "памятка.pdf" in block
    assert f'href="{reverse("library:file", args=[item.uuid])}"' in block
    assert item.file.name not in response.text
    assert "/media/" not in response.text


def test_library_edit_is_not_for_a_mentor_nor_another_school(world, login):
    item = material(world.org, with_file=True)
    url = reverse("library:edit", args=[item.uuid])
    assert login(world.users["mentor"]).get(url).status_code == 403
    assert login(world.other_curator).get(url).status_code == 404


def test_the_linked_file_opens_for_the_curator(world, login):
    item = material(world.org, with_file=True)
    response = login(world.users["curator"]).get(reverse("library:file", args=[item.uuid]))
    assert response.status_code == 200


def test_pair_edit_links_the_mentor_consent_scan_through_its_view(world, login):
    pair = world_pair(world)
    pair.mentor_consent_scan.save("согласие.pdf", ContentFile(b"%PDF-1.4\n%scan\n"), save=True)
    client = login(world.users["curator"])
    response = client.get(reverse("pairs:pair_edit", args=[pair.uuid]))
    assert response.status_code == 200
    block = _current_file_block(response.text)
    scan_url = reverse("pairs:pair_consent_scan", args=[pair.uuid])
    assert f'href="{scan_url}"' in block and ".pdf" in block
    assert pair.mentor_consent_scan.name not in response.text
    assert "/media/" not in response.text
    assert client.get(scan_url).status_code == 200
    assert login(world.other_curator).get(reverse("pairs:pair_edit", args=[pair.uuid])).status_code == 404


def test_a_plain_rendering_shows_the_name_and_the_checked_url_too(world):
    item = material(world.org, with_file=True)

    form = MaterialFileForm(instance=item)
    show_stored_file(form, "file", "/checked/", "памятка.pdf")
    html = str(form["file"])
    assert '<a href="/checked/">памятка.pdf</a>' in html
    assert item.file.name not in html


def test_without_a_checked_url_the_widget_shows_no_file_at_all(world):
    item = material(world.org, with_file=True)

    html = str(MaterialFileForm(instance=item)["file"])
    assert item.file.name not in html and "/media/" not in html
