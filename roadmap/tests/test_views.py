"""Roadmap pages as each role uses them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.testing import export
from people.models import AcademicYear
from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, RoadmapFactory, StageFactory

SAMPLE = Path("/work/shared/samples/ddt-ermak-2023-2024.docx")


def test_curator_creates_a_draft_from_the_template(world, login):
    client = login(world.users["curator"])
    year = AcademicYear.objects.current().start_year
    response = client.post(reverse("roadmap:roadmap_create"), {"year": str(year), "source": "template"})
    roadmap = Roadmap.objects.get(organization=world.org)
    assert response.status_code == 302 and response["Location"] == roadmap.get_absolute_url()
    assert roadmap.status == "draft" and roadmap.stages.count() == 7


def test_curator_copies_last_years_roadmap(world, login):
    source = ApprovedRoadmapFactory(organization=world.org, academic_year__start_year=2024)
    ActivityFactory(stage=StageFactory(roadmap=source), deadline_text="октябрь")
    client = login(world.users["curator"])
    client.post(reverse("roadmap:roadmap_create"), {"year": "2025", "source": "copy", "copy_from": source.pk})
    copy = Roadmap.objects.get(organization=world.org, academic_year__start_year=2025)
    assert Activity.objects.get(stage__roadmap=copy).end == date(2025, 10, 31)


def test_import_shows_a_preview_and_saves_only_on_confirmation(world, login):
    client = login(world.users["curator"])
    upload = SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes())
    response = client.post(reverse("roadmap:roadmap_import"), {"file": upload, "year": "2023"})
    assert response.status_code == 302 and response["Location"] == reverse("roadmap:roadmap_import_preview")
    preview = client.get(reverse("roadmap:roadmap_import_preview"))
    assert "Яковенко И.А." in preview.content.decode() and "13.09.2024" in preview.content.decode()
    assert not Roadmap.objects.exists()
    response = client.post(reverse("roadmap:roadmap_import_preview"))
    roadmap = Roadmap.objects.get(organization=world.org)
    assert roadmap.source == "import" and Activity.objects.filter(stage__roadmap=roadmap).count() == 21


def test_import_preview_shows_which_responsible_are_staff(world, login):
    from people.tests.factories import PersonFactory

    PersonFactory(organization=world.org, last_name="Нечесова", first_name="Анна", middle_name="Андреевна")
    client = login(world.users["curator"])
    client.post(
        reverse("roadmap:roadmap_import"),
        {"file": SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes()), "year": "2023"},
    )
    page = client.get(reverse("roadmap:roadmap_import_preview")).content.decode()
    assert "Нечесова Анна Андреевна" in page  # matched: shown with the full name
    assert "Яковенко И.А." in page  # nobody of that name: kept as written


def test_import_of_a_non_docx_file_says_why_and_saves_nothing(world, login):
    client = login(world.users["curator"])
    upload = SimpleUploadedFile("roadmap.pdf", b"%PDF-1.4")
    response = client.post(reverse("roadmap:roadmap_import"), {"file": upload, "year": "2023"})
    assert response.status_code == 200
    assert "формате .docx" in response.content.decode()
    assert not Roadmap.objects.exists()


def test_mentor_reads_the_approved_roadmap_but_not_a_draft(world, login):
    approved = ApprovedRoadmapFactory(organization=world.org)
    draft = RoadmapFactory(organization=world.org, academic_year=approved.academic_year)
    client = login(world.users["mentor"])
    assert client.get(approved.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 403
    listing = client.get(reverse("roadmap:roadmap_list")).content.decode()
    assert approved.get_absolute_url() in listing and draft.get_absolute_url() not in listing


def test_curator_of_other_school_gets_404(world, login):
    roadmap = ApprovedRoadmapFactory(organization=world.org)
    client = login(world.other_curator)
    assert client.get(roadmap.get_absolute_url()).status_code == 404
    assert client.post(reverse("roadmap:roadmap_pdf", args=[roadmap.uuid])).status_code == 404


def test_director_approves_with_order_and_protocol(world, login):
    roadmap = RoadmapFactory(organization=world.org, status="review")
    ActivityFactory(stage=StageFactory(roadmap=roadmap))
    client = login(world.users["director"])
    client.post(
        reverse("roadmap:roadmap_approve", args=[roadmap.uuid]),
        {
            "approved_on": "2024-09-02",
            "order_number": "41-од",
            "order_date": "2024-09-02",
            "protocol_number": "1",
            "protocol_date": "2024-08-30",
        },
    )
    roadmap.refresh_from_db()
    assert (roadmap.status, roadmap.order_number, roadmap.protocol_date) == (
        "approved",
        "41-од",
        date(2024, 8, 30),
    )


def test_approval_without_order_number_changes_nothing(world, login):
    roadmap = RoadmapFactory(organization=world.org, status="review")
    client = login(world.users["director"])
    response = client.post(
        reverse("roadmap:roadmap_approve", args=[roadmap.uuid]), {"approved_on": "2024-09-02"}, follow=True
    )
    roadmap.refresh_from_db()
    assert roadmap.status == "review"
    assert "не утверждена" in response.content.decode()


def test_approved_roadmap_is_read_only_for_the_curator(world, login):
    roadmap = ApprovedRoadmapFactory(organization=world.org)
    activity = ActivityFactory(stage=StageFactory(roadmap=roadmap))
    client = login(world.users["curator"])
    assert client.get(reverse("roadmap:activity_edit", args=[activity.uuid])).status_code == 403
    assert client.post(reverse("roadmap:activity_delete", args=[activity.uuid])).status_code == 403


def test_curator_edits_a_draft_activity_and_the_deadline_is_reparsed(world, login):
    roadmap = RoadmapFactory(organization=world.org, academic_year__start_year=2024)
    activity = ActivityFactory(stage=StageFactory(roadmap=roadmap))
    activity.refresh_from_db()  # the version the edit page would show
    client = login(world.users["curator"])
    response = client.post(
        reverse("roadmap:activity_edit", args=[activity.uuid]),
        {
            "version": activity.version,
            "number": "1.1",
            "title": "Анкетирование",
            "deadline_text": "до 20 октября",
            "responsible": [world.staff.pk],
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.end == date(2024, 10, 20) and list(activity.responsible.all()) == [world.staff]


def test_responsible_mentor_marks_done_with_evidence(world, login):
    activity = ActivityFactory(stage=StageFactory(roadmap=ApprovedRoadmapFactory(organization=world.org)))
    activity.responsible.add(world.person_of("mentor"))
    activity.refresh_from_db()
    client = login(world.users["mentor"])
    url = reverse("roadmap:activity_status", args=[activity.uuid])
    response = client.post(url, {"version": activity.version, "status": "done", "completed_on": "2024-09-20"})
    assert "приложите файл" in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == "planned"
    client.post(
        url,
        {
            "version": activity.version,
            "status": "done",
            "completed_on": "2024-09-20",
            "evidence_note": "Протокол № 2",
        },
    )
    activity.refresh_from_db()
    assert (activity.status, activity.evidence_note) == ("done", "Протокол № 2")


def test_mentee_not_responsible_cannot_change_status(world, login):
    activity = ActivityFactory(stage=StageFactory(roadmap=ApprovedRoadmapFactory(organization=world.org)))
    client = login(world.users["mentee"])
    assert (
        client.post(
            reverse("roadmap:activity_status", args=[activity.uuid]), {"status": "in_progress"}
        ).status_code
        == 403
    )


def _roadmap_with(org, count: int) -> Roadmap:
    roadmap = ApprovedRoadmapFactory(organization=org)
    stage = StageFactory(roadmap=roadmap)
    for _ in range(count):
        ActivityFactory(stage=stage).responsible.add(*org.people.filter(kind="staff")[:2])
    return roadmap


@pytest.mark.parametrize("name", ["roadmap:roadmap_detail", "roadmap:roadmap_xlsx"])
def test_query_count_does_not_grow_with_activities(world, login, name):
    client = login(world.users["curator"])
    counts = []
    for size in (2, 12):
        roadmap = _roadmap_with(world.org, size)
        with CaptureQueriesContext(connection) as ctx:
            url = reverse(name, args=[roadmap.uuid])
            response = export(client, url) if name.endswith("xlsx") else client.get(url)
        assert response.status_code == 200
        counts.append(len(ctx))
        roadmap.status = "archived"
        roadmap.save()
    assert counts[0] == counts[1]


def test_list_and_my_activities_query_counts_do_not_grow(world, login):
    client = login(world.users["mentor"])
    mentor = world.person_of("mentor")
    counts = []
    for size in (1, 8):
        roadmap = ApprovedRoadmapFactory(organization=world.org)
        stage = StageFactory(roadmap=roadmap)
        for _ in range(size):
            ActivityFactory(stage=stage).responsible.add(mentor)
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("roadmap:roadmap_list"))
            client.get(reverse("roadmap:my_activities"))
        counts.append(len(ctx))
        roadmap.status = "archived"
        roadmap.save()
    assert counts[0] == counts[1]


def test_mentor_detail_query_count_does_not_grow(world, login):
    client = login(world.users["mentor"])
    mentor = world.person_of("mentor")
    counts = []
    for size in (2, 10):
        roadmap = ApprovedRoadmapFactory(organization=world.org)
        stage = StageFactory(roadmap=roadmap)
        for _ in range(size):
            ActivityFactory(stage=stage).responsible.add(mentor)
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(roadmap.get_absolute_url()).content.decode()
        assert page.count(">статус</a>") == size
        counts.append(len(ctx))
        roadmap.status = "archived"
        roadmap.save()
    assert counts[0] == counts[1]


def test_evidence_file_is_served_to_readers_only(world, login):
    roadmap = ApprovedRoadmapFactory(organization=world.org)
    activity = ActivityFactory(stage=StageFactory(roadmap=roadmap))
    activity.responsible.add(world.person_of("mentor"))
    activity.refresh_from_db()
    client = login(world.users["mentor"])
    upload = SimpleUploadedFile("protokol.pdf", b"%PDF-1.4 protocol")
    client.post(
        reverse("roadmap:activity_status", args=[activity.uuid]),
        {
            "version": activity.version,
            "status": "done",
            "completed_on": "2024-09-20",
            "evidence_file": upload,
        },
    )
    url = reverse("roadmap:activity_evidence", args=[activity.uuid])
    response = login(world.users["mentee"]).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 protocol"
    assert login(world.other_curator).get(url).status_code == 404


def test_curator_adds_and_renames_stages_of_a_draft(world, login):
    roadmap = RoadmapFactory(organization=world.org)
    StageFactory(roadmap=roadmap, number=1, title="Подготовка")
    client = login(world.users["curator"])
    client.post(reverse("roadmap:stage_add", args=[roadmap.uuid]), {"title": "Информационная поддержка"})
    client.post(reverse("roadmap:stage_edit", args=[roadmap.uuid, 1]), {"title": "Подготовка условий"})
    assert list(roadmap.stages.values_list("number", "title")) == [
        (1, "Подготовка условий"),
        (2, "Информационная поддержка"),
    ]


def test_director_archives_the_approved_roadmap(world, login):
    roadmap = ApprovedRoadmapFactory(organization=world.org)
    login(world.users["director"]).post(reverse("roadmap:roadmap_archive", args=[roadmap.uuid]))
    roadmap.refresh_from_db()
    assert roadmap.status == "archived"
    # Still readable by a mentor.
    assert login(world.users["mentor"]).get(roadmap.get_absolute_url()).status_code == 200


def test_import_preview_shows_dates_as_written_in_russia(world, login):
    client = login(world.users["curator"])
    upload = SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes())
    client.post(reverse("roadmap:roadmap_import"), {"file": upload, "year": "2023"})
    page = client.get(reverse("roadmap:roadmap_import_preview")).content.decode()
    assert "01.09.2023 — 15.09.2023" in page and "от 01.09.2023" in page


def test_approval_form_is_prefilled_from_the_imported_stamp(world, login):
    roadmap = RoadmapFactory(
        organization=world.org,
        status="review",
        order_number="231",
        order_date=date(2023, 9, 1),
        protocol_number="1",
    )
    page = login(world.users["director"]).get(roadmap.get_absolute_url()).content.decode()
    assert 'name="order_number" value="231"' in page and 'value="2023-09-01"' in page


def test_curator_renames_a_draft_but_not_an_approved_roadmap(world, login):
    draft = RoadmapFactory(organization=world.org)
    approved = ApprovedRoadmapFactory(organization=world.org)
    client = login(world.users["curator"])
    client.post(
        reverse("roadmap:roadmap_edit", args=[draft.uuid]), {"title": "Дорожная карта МБОУ «Школа А»"}
    )
    draft.refresh_from_db()
    assert draft.title == "Дорожная карта МБОУ «Школа А»"
    assert (
        client.post(reverse("roadmap:roadmap_edit", args=[approved.uuid]), {"title": "x"}).status_code == 403
    )


@pytest.mark.parametrize(
    "name,content",
    [("отчёт.html", b"<html><script>alert(1)</script></html>"), ("протокол.pdf", b"<html></html>")],
)
def test_evidence_is_checked_by_content_like_the_library(world, login, name, content):
    roadmap = ApprovedRoadmapFactory(organization=world.org)
    activity = ActivityFactory(stage=StageFactory(roadmap=roadmap))
    activity.refresh_from_db()
    client = login(world.users["curator"])
    response = client.post(
        reverse("roadmap:activity_status", args=[activity.uuid]),
        {
            "version": activity.version,
            "status": "done",
            "completed_on": "2024-09-20",
            "evidence_file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    assert "не принимается" in str(response.context["form"].errors["evidence_file"])
    activity.refresh_from_db()
    assert not activity.evidence_file and activity.status != "done"


def _done_activity(world):
    activity = ActivityFactory(stage=StageFactory(roadmap=ApprovedRoadmapFactory(organization=world.org)))
    activity.responsible.add(world.person_of("mentor"))
    Activity.objects.filter(pk=activity.pk).update(
        status=Activity.Status.DONE, completed_on=date(2024, 9, 20), evidence_note="Протокол № 2"
    )
    activity.refresh_from_db()
    return activity


@pytest.mark.parametrize("role", ["mentor", "curator"])
def test_a_done_activity_offers_only_the_return_to_work_with_no_date_to_fill(world, login, role):
    activity = _done_activity(world)
    page = login(world.users[role]).get(reverse("roadmap:activity_status", args=[activity.uuid]))
    form = page.context["form"]
    assert [value for value, _ in form.fields["status"].choices] == [Activity.Status.IN_PROGRESS]
    html = page.content.decode()
    assert 'name="completed_on"' not in html and 'name="evidence_file"' not in html
    assert "верните его в работу" in html and "20.09.2024" in html


def test_returning_a_done_activity_to_work_clears_its_date_and_keeps_the_evidence(world, login):
    activity = _done_activity(world)
    client = login(world.users["mentor"])
    url = reverse("roadmap:activity_status", args=[activity.uuid])
    refused = client.post(url, {"version": activity.version, "status": "cancelled"})
    assert "Выберите корректный вариант" in refused.content.decode()
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DONE
    client.post(url, {"version": activity.version, "status": "in_progress"})
    activity.refresh_from_db()
    assert (activity.status, activity.completed_on, activity.evidence_note) == (
        Activity.Status.IN_PROGRESS,
        None,
        "Протокол № 2",
    )


def test_a_planned_activity_prefills_no_completion_date(world, login):
    activity = ActivityFactory(stage=StageFactory(roadmap=ApprovedRoadmapFactory(organization=world.org)))
    page = login(world.users["curator"]).get(reverse("roadmap:activity_status", args=[activity.uuid]))
    form = page.context["form"]
    assert {value for value, _ in form.fields["status"].choices} == {"in_progress", "done", "cancelled"}
    assert form["completed_on"].value() is None
    assert "если не указана — сегодня" in page.content.decode()
