"""A finished export is recorded and offered to the activities expecting it; accepted, it completes
the activity and its file outlives the job."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobs.actions import job_start, jobs_purge_expired
from jobs.models import Job
from jobs.testing import export, run_queued_jobs
from reports.evidence.tests.conftest import activity
from reports.exportlog.models import ExportRecord
from roadmap.models import Activity, EvidenceSuggestion

pytestmark = pytest.mark.django_db

MONITORING = "Промежуточный мониторинг"


def _form_export(world, login, user="curator"):
    """The statistical form of the world's school, exported by `user` as from the statistics page."""
    response = export(login(world.users[user]), reverse("statistics:export", args=["form"]))
    return response, ExportRecord.objects.get(job__owner=world.users[user], kind="statistics_export")


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_a_finished_export_is_recorded_with_what_who_when_and_year(world, login, roadmap, year):
    response, record = _form_export(world, login, "director")
    assert record.organization == world.org and record.academic_year == year and record.single
    assert record.made_by == world.users["director"] and record.key == "export:statistics_export:form"
    assert record.made_at == record.job.finished_at and record.filename == record.job.filename
    assert record.title.startswith("Форма статистического наблюдения")
    # The file is the job's until the record is accepted.
    assert not record.file and record.stored == record.job.result


def test_the_export_is_offered_to_the_activities_expecting_it_and_nothing_is_completed(world, login, roadmap):
    _, record = _form_export(world, login)
    offered = EvidenceSuggestion.objects.filter(object_id=record.pk)
    assert {s.activity.title for s in offered} == {
        "Промежуточный мониторинг реализации программ",
        "Проведение мониторинга качества реализации персонализированных программ наставничества",
        "Подведение итогов реализации дорожной карты",
    }
    suggestion = offered.get(activity__title__startswith=MONITORING)
    assert suggestion.url == f"/exports/{record.uuid}/download/"
    assert suggestion.label.startswith("Сформирована выгрузка «Форма статистического наблюдения")
    assert activity(roadmap, MONITORING).status == Activity.Status.PLANNED
    # The roadmap page offers it to the curator.
    html = login(world.users["curator"]).get(roadmap.get_absolute_url()).text
    assert "Засчитать" in html and "Сформирована выгрузка" in html


def test_accepting_completes_the_activity_on_the_export_day_and_keeps_the_file(world, login, roadmap):
    response, record = _form_export(world, login)
    suggestion = EvidenceSuggestion.objects.get(object_id=record.pk, activity__title__startswith=MONITORING)
    client = login(world.users["curator"])
    client.post(reverse("roadmap:evidence_accept", args=[suggestion.uuid]))
    done = activity(roadmap, MONITORING)
    assert done.status == Activity.Status.DONE
    assert done.completed_on == timezone.localtime(record.made_at).date()
    assert done.evidence_link.endswith(f"/exports/{record.uuid}/download/")
    assert done.evidence_note == suggestion.label
    record.refresh_from_db()
    assert record.file and record.file.read() == response.content
    # The activity page shows it as its evidence.
    html = client.get(roadmap.get_absolute_url()).text
    assert f"/exports/{record.uuid}/download/" in html and suggestion.label in html


def test_the_accepted_file_survives_the_purge_of_its_job(world, login, roadmap):
    response, record = _form_export(world, login)
    suggestion = EvidenceSuggestion.objects.get(object_id=record.pk, activity__title__startswith=MONITORING)
    client = login(world.users["curator"])
    client.post(reverse("roadmap:evidence_accept", args=[suggestion.uuid]))
    assert jobs_purge_expired(timezone.now() + timedelta(days=30)) == 1
    assert not Job.objects.exists()
    record.refresh_from_db()
    assert record.job is None
    download = client.get(record.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == response.content
    # And the director, who may make the same export, reads it too.
    assert _client(world.users["director"]).get(record.get_absolute_url()).status_code == 200


def test_an_export_not_accepted_goes_with_its_job_and_can_no_longer_be_accepted(world, login, roadmap):
    _, record = _form_export(world, login)
    suggestion = EvidenceSuggestion.objects.get(object_id=record.pk, activity__title__startswith=MONITORING)
    jobs_purge_expired(timezone.now() + timedelta(days=30))
    client = login(world.users["curator"])
    assert client.get(record.get_absolute_url()).status_code == 404
    response = client.post(reverse("roadmap:evidence_accept", args=[suggestion.uuid]), follow=True)
    assert "больше не хранится" in response.text
    assert activity(roadmap, MONITORING).status == Activity.Status.PLANNED
    suggestion.refresh_from_db()
    assert suggestion.status == EvidenceSuggestion.Status.PENDING


def test_another_school_and_participants_do_not_get_the_file(world, login, roadmap):
    _, record = _form_export(world, login)
    for user in (world.other_curator, world.other_coordinator, world.users["mentor"], world.users["mentee"]):
        assert _client(user).get(record.get_absolute_url()).status_code == 404, user
    assert _client(world.users["coordinator"]).get(record.get_absolute_url()).status_code == 200
    # Nor can another school's curator accept the offer.
    suggestion = EvidenceSuggestion.objects.filter(object_id=record.pk).first()
    response = _client(world.other_curator).post(reverse("roadmap:evidence_accept", args=[suggestion.uuid]))
    assert response.status_code == 404
    assert activity(roadmap, suggestion.activity.title[:20]).status == Activity.Status.PLANNED


def test_an_export_of_several_schools_is_recorded_but_offered_to_none(world, roadmap, year):
    admin = world.users["admin"]
    parameters = {
        "export": "form",
        "year": year.start_year,
        "organizations": [world.org.pk, world.other_org.pk],
    }
    job_start(
        actor=admin, organization=world.org, kind="statistics_export", title="Форма", parameters=parameters
    )
    [job] = run_queued_jobs()
    record = ExportRecord.objects.get(job=job)
    assert not record.single and not EvidenceSuggestion.objects.exists()


def test_a_draft_orders_pdf_is_no_export(world, roadmap, year):
    from reports.orders import actions as order_actions
    from reports.orders.models import Order
    from reports.orders.tests.factories import curator_of

    order = order_actions.order_draft(
        world.org, Order.Kind.REWARD, actor=curator_of(world.org), academic_year=year
    )
    job_start(
        actor=world.users["curator"],
        organization=world.org,
        kind="order_document",
        title="Приказ",
        parameters={"order": order.pk, "document": "pdf"},
    )
    [job] = run_queued_jobs()
    assert job.status == Job.Status.DONE and not ExportRecord.objects.exists()


def test_a_recurring_activity_counts_the_export_for_the_window_it_falls_in(world, login, roadmap):
    from roadmap.models import Occurrence

    target = activity(roadmap, MONITORING)
    today = timezone.localdate()
    Activity.objects.filter(pk=target.pk).update(recurrence=Activity.Recurrence.QUARTERLY)
    current = Occurrence.objects.create(
        activity=target, start=today - timedelta(days=10), end=today + timedelta(days=5)
    )
    later = Occurrence.objects.create(
        activity=target, start=today + timedelta(days=6), end=today + timedelta(days=90)
    )
    _, record = _form_export(world, login)
    suggestion = EvidenceSuggestion.objects.get(object_id=record.pk, activity=target)
    login(world.users["curator"]).post(reverse("roadmap:evidence_accept", args=[suggestion.uuid]))
    current.refresh_from_db()
    later.refresh_from_db()
    assert current.status == "done" and current.completed_on == today
    assert current.evidence_link.endswith(record.get_absolute_url()) and later.status == "planned"
    assert activity(roadmap, MONITORING).status == Activity.Status.PLANNED
    record.refresh_from_db()
    assert record.file


def test_the_roadmap_pdf_shows_the_accepted_export_and_is_itself_an_export(world, login, roadmap):
    import io

    from pypdf import PdfReader

    _, record = _form_export(world, login)
    suggestion = EvidenceSuggestion.objects.get(object_id=record.pk, activity__title__startswith=MONITORING)
    client = login(world.users["curator"])
    client.post(reverse("roadmap:evidence_accept", args=[suggestion.uuid]))
    pdf = export(client, reverse("roadmap:roadmap_pdf", args=[roadmap.uuid])).content
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    day = timezone.localtime(record.made_at).date()
    assert f"Выполнено {day:%d.%m.%Y}: Сформирована выгрузка «Форма статистического наблюдения" in text
    # The roadmap document is an export too: offered to the activity about the roadmap's results.
    document = ExportRecord.objects.get(kind="roadmap_document")
    assert document.key == "export:roadmap_document" and document.academic_year == roadmap.academic_year
    offered = EvidenceSuggestion.objects.filter(object_id=document.pk)
    assert [s.activity.title for s in offered] == ["Подведение итогов реализации дорожной карты"]


def test_a_withdrawal_deletes_the_kept_lists_of_names_but_not_the_figures(
    world, login, roadmap, django_capture_on_commit_callbacks
):
    from people.actions import consent_withdraw
    from roadmap import actions as roadmap_actions

    curator = world.users["curator"]
    job_start(
        actor=curator,
        organization=world.org,
        kind="bank_export",
        title="Банк наставников",
        parameters={"bank": "mentor", "filters": {}},
    )
    [job] = run_queued_jobs()
    bank = ExportRecord.objects.get(job=job)
    suggestion = EvidenceSuggestion.objects.get(object_id=bank.pk)
    assert suggestion.activity.title == "Формирование банка данных наставников"
    roadmap_actions.evidence_accept(suggestion, actor=curator)
    _, form = _form_export(world, login)
    form_offer = EvidenceSuggestion.objects.get(object_id=form.pk, activity__title__startswith=MONITORING)
    roadmap_actions.evidence_accept(form_offer, actor=curator)
    bank.refresh_from_db()
    kept = bank.file.name
    storage = bank.file.storage
    assert kept and storage.exists(kept)
    from people.tests.factories import ConsentFactory

    ConsentFactory(person=world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(world.staff, actor=curator)
    bank.refresh_from_db()
    form.refresh_from_db()
    assert not bank.file and not storage.exists(kept) and form.file
    jobs_purge_expired(timezone.now() + timedelta(days=30))
    client = login(curator)
    assert client.get(bank.get_absolute_url()).status_code == 404
    assert client.get(form.get_absolute_url()).status_code == 200


def test_named_survey_answers_are_only_for_the_curator_they_were_named_for(world, year):
    from jobs.tests.factories import finished_job
    from reports.exportlog import actions

    parameters = {
        "export": "survey_answers",
        "year": year.start_year,
        "organizations": [world.org.pk],
        "names_for": [world.org.pk],
    }
    job = finished_job(world.users["curator"], world.org, parameters=parameters, filename="Ответы.xlsx")
    record = ExportRecord.objects.filter(job=job).first() or actions.export_record(job, actor=None)
    assert record.names_for == {world.org.pk}
    assert _client(world.users["curator"]).get(record.get_absolute_url()).status_code == 200
    for role in ("director", "coordinator"):
        assert _client(world.users[role]).get(record.get_absolute_url()).status_code == 404, role
