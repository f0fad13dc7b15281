"""The methodical library: uploads checked by size and content, who adds and edits, filters,
best practices, and the link from the mentor bank."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.lib.actions import ActionRefused, action
from pairs.models import Pair
from pairs.tests.factories import world_pair
from people.models import MentoringForm
from reports.publication import actions
from reports.publication.models import MATERIAL_MAX_BYTES, BestPractice, Material
from reports.publication.tests import factories as f

pytestmark = pytest.mark.django_db


def _post(client, upload=None, **fields):
    data = {
        "title": "Памятка",
        "description": "",
        "category": "training",
        "topic": "первая встреча",
        "academic_year": "",
        "link": "",
        **fields,
    }
    if upload is not None:
        data["file"] = upload
    return client.post(reverse("library:create"), data)


def _year(client) -> str:
    form = client.get(reverse("library:create")).context["form"]
    return form.fields["academic_year"].initial


@pytest.mark.parametrize("role", ["curator", "mentor"])
def test_curator_and_mentor_upload_a_pdf(role, world, login, client):
    login(world.users[role])
    form = client.get(reverse("library:create")).context["form"]
    author = form.fields["author"].initial
    response = _post(client, f.pdf_upload(), academic_year=_year(client), author=author)
    assert response.status_code == 302
    material = Material.objects.get()
    assert (material.file_type, material.file_size, material.file_name) == (
        "pdf",
        len(f.PDF_BYTES),
        "материал.pdf",
    )
    assert material.author.user == world.users[role]
    download = client.get(reverse("library:file", args=[material.uuid]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == f.PDF_BYTES


def test_docx_recognised_by_its_parts(world, login, client):
    login(world.users["curator"])
    upload = SimpleUploadedFile("план.docx", f.docx_bytes())
    assert _post(client, upload, academic_year=_year(client)).status_code == 302
    assert Material.objects.get().file_type == "docx"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("вирус.pdf", b"MZ\x90\x00" + b"\x00" * 100, "Этот тип файла не принимается"),
        ("план.docx", f.PDF_BYTES, "не соответствует расширению"),
        ("архив.docx", b"PK\x03\x04broken zip", "Этот тип файла не принимается"),
        ("пусто.pdf", b"", "пуст"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason_and_nothing_saved(
    name, content, message, world, login, client
):
    login(world.users["curator"])
    response = _post(client, SimpleUploadedFile(name, content), academic_year=_year(client))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Material.objects.exists()


def test_oversized_upload_is_refused(world, login, client):
    login(world.users["curator"])
    big = SimpleUploadedFile("большой.pdf", b"%PDF-" + b"0" * MATERIAL_MAX_BYTES)
    response = _post(client, big, academic_year=_year(client))
    assert "Файл слишком большой" in response.content.decode()
    assert not Material.objects.exists()


def test_neither_file_nor_link_and_both_are_refused(world, login, client):
    login(world.users["curator"])
    year = _year(client)
    assert "Загрузите файл или укажите ссылку" in _post(client, academic_year=year).content.decode()
    both = _post(client, f.pdf_upload(), academic_year=year, link="https://example.ru/x")
    assert "что-то одно" in both.content.decode()
    assert not Material.objects.exists()
    assert _post(client, academic_year=year, link="example.ru/материал").status_code == 302
    assert Material.objects.get().link == "https://example.ru/материал"


def test_mentor_edits_own_material_but_not_the_curators(world, login, client):
    own = f.material(world.org, uploaded_by=world.users["mentor"])
    curators = f.material(world.org)
    login(world.users["mentor"])
    assert client.get(reverse("library:edit", args=[own.uuid])).status_code == 200
    assert client.get(reverse("library:edit", args=[curators.uuid])).status_code == 403
    assert client.post(reverse("library:delete", args=[curators.uuid])).status_code == 403
    assert client.post(reverse("library:delete", args=[own.uuid])).status_code == 302
    assert not Material.objects.filter(pk=own.pk).exists()


def test_replacing_the_file_by_a_link_deletes_the_file(
    world, login, client, django_capture_on_commit_callbacks
):
    material = f.material(world.org, with_file=True)
    stored = material.file.name
    storage = material.file.storage
    login(world.users["curator"])
    data = {
        "title": material.title,
        "category": "methodical",
        "academic_year": str(material.academic_year.start_year),
        "link": "https://example.ru/new",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("library:edit", args=[material.uuid]), data)
    assert response.status_code == 302, response.context["form"].errors
    material.refresh_from_db()
    assert not material.file and material.link == "https://example.ru/new"
    assert not storage.exists(stored)


def test_mentee_has_no_library_and_other_school_gets_404(world, login, client):
    material = f.material(world.org, with_file=True)
    login(world.users["mentee"])
    assert client.get(reverse("library:list")).status_code == 403
    assert client.get(reverse("library:file", args=[material.uuid])).status_code == 404
    login(world.other_curator)
    for name in ("library:detail", "library:file", "library:edit"):
        assert client.get(reverse(name, args=[material.uuid])).status_code == 404
    assert client.post(reverse("library:mark", args=[material.uuid])).status_code == 404
    assert material.title not in client.get(reverse("library:list")).content.decode()


def test_author_choices_are_the_schools_staff_only(world, login, client):
    login(world.users["curator"])
    form = client.get(reverse("library:create")).context["form"]
    assert world.other_person not in form.fields["author"].queryset
    assert world.staff in form.fields["author"].queryset


def test_search_and_filters(world, login, client):
    form = MentoringForm.objects.get(name="ученик – ученик")
    f.material(world.org, title="Сценарий классного часа", topic="профориентация", form=form)
    f.material(world.org, title="Установочная сессия", category="training")
    marked = f.material(world.org, title="Лучший урок")
    BestPractice.objects.create(organization=world.org, material=marked, title="Лучший урок")
    login(world.users["mentor"])

    def titles(**params) -> set[str]:
        page = client.get(reverse("library:list"), params).context["page"]
        return {m.title for m in page.object_list}

    assert titles(q="классного") == {"Сценарий классного часа"}
    assert titles(topic="профор") == {"Сценарий классного часа"}
    assert titles(form=form.pk) == {"Сценарий классного часа"}
    assert titles(category="training") == {"Установочная сессия"}
    assert titles(best="yes") == {"Лучший урок"}


def test_library_list_queries_do_not_grow(world, login, client):
    login(world.users["mentor"])
    f.material(world.org, author=world.staff, form=MentoringForm.objects.first())

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("library:list")).status_code == 200
        return len(captured)

    small = count()
    for i in range(6):
        item = f.material(world.org, title=f"М{i}", author=world.staff, form=MentoringForm.objects.first())
        if i % 2:
            BestPractice.objects.create(organization=world.org, material=item, title=item.title)
    assert count() == small


def test_curator_marks_a_material_once(world, login, client):
    material = f.material(world.org)
    login(world.users["curator"])
    response = client.post(reverse("library:mark", args=[material.uuid]))
    practice = BestPractice.objects.get(material=material)
    assert response["Location"] == reverse("library:practice_edit", args=[practice.uuid])
    assert not practice.is_public
    client.post(reverse("library:mark", args=[material.uuid]))
    assert BestPractice.objects.count() == 1
    client.post(
        reverse("library:practice_edit", args=[practice.uuid]),
        {"title": "Памятка", "summary": "Коротко", "is_public": "on"},
    )
    practice.refresh_from_db()
    assert practice.is_public and practice.summary == "Коротко"


def test_only_a_completed_pair_becomes_a_best_practice(world, login, client):
    pair = world_pair(world)
    login(world.users["curator"])
    client.post(reverse("library:pair_mark", args=[pair.uuid]))
    assert not BestPractice.objects.exists()
    Pair.objects.filter(pk=pair.pk).update(
        status="completed", outcome="achieved", outcome_text="Урок проведён"
    )
    client.post(reverse("library:pair_mark", args=[pair.uuid]))
    practice = BestPractice.objects.get(pair=pair)
    assert practice.details["form"] == pair.form.name and practice.details["goals"]
    assert "completion" in practice.details
    page = client.get(pair.get_absolute_url()).content.decode()
    assert reverse("library:practice_edit", args=[practice.uuid]) in page


def test_other_schools_curator_cannot_mark_our_pair(world, login, client):
    pair = world_pair(world)
    Pair.objects.filter(pk=pair.pk).update(status="completed", outcome="achieved")
    login(world.other_curator)
    assert client.post(reverse("library:pair_mark", args=[pair.uuid])).status_code == 404


def test_mentor_bank_and_mentor_card_link_to_training_materials(world, login, client):
    from pairs.tests.factories import MentorFactory

    mentor = MentorFactory(person=world.person_of("mentor"))
    training = reverse("library:list") + "?category=training"
    login(world.users["curator"])
    assert training in client.get(reverse("people:mentor_list")).content.decode()
    login(world.users["mentor"])
    assert training in client.get(mentor.person.get_absolute_url()).content.decode()


def test_deleting_a_material_removes_its_file_once_the_deletion_holds(
    world, login, client, django_capture_on_commit_callbacks
):
    material = f.material(world.org, with_file=True)
    storage, stored = material.file.storage, material.file.name
    login(world.users["curator"])
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("library:delete", args=[material.uuid]))
    assert response.status_code == 302
    assert not Material.objects.filter(pk=material.pk).exists()
    assert storage.exists(stored)  # not before the transaction commits
    for callback in callbacks:
        callback()
    assert not storage.exists(stored)


def test_a_deletion_that_is_refused_keeps_the_material_and_its_file(
    world, django_capture_on_commit_callbacks
):
    material = f.material(world.org, with_file=True)
    storage, stored = material.file.storage, material.file.name

    @action
    def material_delete_refused(material, *, actor):
        actions.material_delete(material, actor=actor)
        raise ActionRefused("Материал используется.")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ActionRefused):
            material_delete_refused(material, actor=world.users["curator"])
        assert Material.objects.filter(pk=material.pk).exists()
        # Deleted meanwhile by someone else: refused, and the file is not touched either.
        with pytest.raises(ActionRefused, match="уже удалён"):
            Material.objects.filter(pk=material.pk).delete()
            actions.material_delete(material, actor=world.users["curator"])
    assert callbacks == []
    assert storage.exists(stored)
    storage.delete(stored)
