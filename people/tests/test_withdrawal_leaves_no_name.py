"""A withdrawn person's name (every case, initials forms) is planted in every free-text field the
anonymization registry lists; after withdrawal no text column of any table holds it, except the
signed order the destruction act lists as kept."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from mentoring.tests.pdf import pdf_text
from pairs.models import Feedback, PairMentorEvent
from pairs.tests.factories import world_pair
from people import anonymization
from people.actions import consent_withdraw
from people.models import BankStatusChange, DestructionAct, MentorTraining, SupportAction
from reports.events.models import EventMaterial
from reports.events.tests.factories import held_event, make_protocol
from reports.orders.models import Order, OrderPerson
from reports.orders.tests.factories import launch_order, signed
from reports.surveys.tests.factories import submit, world_campaign
from roadmap.tests.factories import ActivityFactory, RoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db

FORMS = [
    "Бурмистров Игорь Анатольевич",  # nominative
    "Бурмистрову Игорю Анатольевичу",  # dative
    "с Бурмистровым Игорем",  # instrumental, surname + first name
    "Бурмистров И.А.",
    "И. А. Бурмистрова",  # initials before the genitive surname
]
STEM = "урмистров"  # every case of the surname contains it


def _planted(limit: int | None) -> str:
    text = "Встреча: " + "; ".join(FORMS)
    if limit is None or len(text) <= limit:
        return text
    return FORMS[0][:limit]


def _plant(value, field) -> object:
    if isinstance(value, list):
        return [{"text": _planted(None)}]
    if isinstance(value, dict):
        return {"text": _planted(None)}
    return _planted(getattr(field, "max_length", None))


def _text_hits() -> list[tuple[str, dict]]:
    """Every row of every table whose text, varchar or json columns contain the surname."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'public'"
            " AND data_type IN ('text', 'character varying', 'json', 'jsonb')"
        )
        columns = cursor.fetchall()
        hits = []
        for table, column in columns:
            cursor.execute(
                f'SELECT row_to_json(t)::text FROM "{table}" t WHERE t."{column}"::text ILIKE %s',  # noqa: S608
                [f"%{STEM}%"],
            )
            hits += [(table, row[0]) for row in cursor.fetchall()]
    return hits


def test_withdrawal_leaves_the_name_only_in_the_signed_order_the_act_lists(world):
    pair = world_pair(world)
    person = world.person_of("mentor")
    person.last_name, person.first_name, person.middle_name, person.gender = (
        "Бурмистров",
        "Игорь",
        "Анатольевич",
        "m",
    )
    person.experience_years, person.position, person.subjects = 17, "учитель физики", "физика"
    person.save()
    world.users["mentor"].last_name = "Бурмистров"
    world.users["mentor"].save()
    mentor, mentee = pair.mentors.get(), pair.mentees.get()

    # A row in every registered model, so that every registered field gets the name.
    meeting = world.extra["meeting"]
    Feedback.objects.create(meeting=meeting, person=mentee.person, usefulness=8, comfort=8, clarity=8)
    MentorTraining.objects.create(mentor=mentor, date=timezone.localdate(), topic="x", hours=2)
    SupportAction.objects.create(mentee=mentee, date=timezone.localdate(), action="x")
    BankStatusChange.objects.create(mentor=mentor, new_status="active", comment="x")
    roadmap = RoadmapFactory(organization=world.org)
    ActivityFactory(stage=StageFactory(roadmap=roadmap))
    # The draft first: once the signed order appoints the curator, a second one is refused.
    draft = launch_order(world.org, curator=person)
    kept = signed(launch_order(world.org, curator=person, roadmap=None))
    submit(world_campaign(world), person)
    council = held_event(world.org, people=[person])
    make_protocol(council)
    EventMaterial.objects.create(
        event=council, name="x", file=ContentFile(b"%PDF-1.4", name="x.pdf"), file_type="pdf"
    )
    registry, frozen = anonymization.text_fields(), anonymization.kept_rows()
    for model, fields in registry.items():
        rows = list(model.objects.exclude(pk__in=frozen.get(model, [])))
        assert rows, f"no {model.__name__} row to plant the name in"
        for row in rows:
            for name in fields:
                field = model._meta.get_field(name)
                if field.choices:
                    continue
                setattr(row, name, _plant(getattr(row, name), field))
            row.save()
    planted = {table for table, _ in _text_hits()}
    assert planted >= {model._meta.db_table for model in registry}, "the name was not planted everywhere"
    # Every history table too, but PairMentor's: it records inserts and deletes only.
    histories = {m._meta.db_table for model in registry for m in anonymization.event_models(model)}
    assert histories - planted <= {PairMentorEvent._meta.db_table}

    # The crawl below sees the planted name before the withdrawal, on pages, exports and PDFs.
    before = _crawl(world)
    assert len(before) > 30 and any("export" in hit or "pdf" in hit for hit in before), before
    acts = DestructionAct.objects.count()  # the crawl's URL builders may have made some

    act = consent_withdraw(person, actor=world.users["curator"])

    allowed_orders = {kept.pk}
    order_events = {m._meta.db_table for m in anonymization.event_models(Order)}
    leaks = []
    for table, row in _text_hits():
        data = json.loads(row)
        if table == Order._meta.db_table and data["id"] in allowed_orders:
            continue
        if table in order_events and data["pgh_obj_id"] in allowed_orders:
            continue
        if table == OrderPerson._meta.db_table and data["order_id"] in allowed_orders:
            continue
        leaks.append((table, {k: v for k, v in data.items() if STEM in str(v)}))
    assert not leaks
    draft.refresh_from_db()
    assert f"Участник № {person.pk}" in str(draft.preamble) + str(draft.points)
    # The act says what was kept and why.
    text = pdf_text(act.pdf.read())
    assert str(kept) in text or kept.number in text
    assert "подписанные приказы" in text
    assert DestructionAct.objects.count() == acts + 1

    # Every page each role reaches, with every export and document, says nothing of the person
    # either; only the signed order the act lists (its page, PDF, .docx) still names them.
    leaks = [hit for hit in _crawl(world) if str(kept.uuid) not in hit]
    assert not leaks, leaks


def _document_text(response) -> str:
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("application/pdf") and len(body) > 100:  # not the stub material
        return pdf_text(body)
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return " ".join(
            str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v
        )
    if "wordprocessingml" in content_type:
        from docx import Document

        document = Document(io.BytesIO(body))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return " ".join([p.text for p in document.paragraphs] + cells)
    return body.decode("utf-8", errors="replace")


# Exports and documents that are made by a background job: the crawl starts each one (POST), runs
# the job as the worker does and reads the file from «Мои файлы».
JOB_STARTERS = {
    "statistics:export",
    "statistics:monitoring_note",
    "statistics:campaign_export",
    "roadmap:roadmap_pdf",
    "roadmap:roadmap_xlsx",
    "people:mentor_export",
    "people:mentee_export",
    "orders:order_pdf",
    "orders:order_letters",
}


def _export(client, path: str):
    """The file a started job made, or None when the role may not start it."""
    from jobs.testing import run_queued_jobs

    started = client.post(path)
    if started.status_code not in (200, 302):
        return None
    jobs = run_queued_jobs()
    if not jobs:
        return started  # a document of one record is still a direct download
    return client.get(f"/files/{jobs[0].uuid}/download/")


def _crawl(world) -> list[str]:
    """GET every URL of the permission matrix as anonymous and as each role; the pages, exports
    and documents that name the person (by any form of the surname)."""
    from django.test import Client

    from mentoring.tests.test_permission_matrix import all_cases

    hits = []
    for role in ("anonymous", "admin", "director", "curator", "mentor", "mentee"):
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            user = world.users[role]
            user.refresh_from_db()
            if not user.is_active:
                continue  # the withdrawn mentor: no way in any more
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        for name, case in all_cases().items():
            if name == "jobs:download":
                continue  # the world's stub job; the real files are fetched below, export by export
            if case.method != "get" and name not in JOB_STARTERS:
                continue
            # Savepoints: a URL builder that makes its own record, or a page that fails, must not
            # break the test's transaction for the pages after it.
            try:
                with transaction.atomic():
                    path = case.url(world)
            except Exception:  # noqa: BLE001, S112 — a record the withdrawal removed: nothing to show
                continue
            with transaction.atomic():
                response = _export(client, path) if name in JOB_STARTERS else client.get(path)
            if response is None or response.status_code != 200:
                continue
            if STEM in _document_text(response).replace("\xad", ""):
                hits.append(f"{role} {name} {path}")
    return hits
