"""Changes to personal data are recorded with who made them; card views are logged."""

from __future__ import annotations

from django.urls import reverse
from pghistory.models import Events

from people.models import AccessLog, LegalRepresentative, Person, PersonEvent
from people.tests.factories import PersonFactory, RepresentativeFactory


def test_update_is_recorded_with_old_and_new_values(db):
    person = PersonFactory(last_name="Иванова")
    person.last_name = "Петрова"
    person.save()
    events = Events.objects.tracks(person).order_by("pgh_created_at", "pgh_id")
    assert [e.pgh_label for e in events] == ["insert", "update"]
    assert events.last().pgh_diff["last_name"] == ["Иванова", "Петрова"]


def test_bulk_update_is_recorded(db):
    people = [PersonFactory(position="учитель") for _ in range(3)]
    Person.objects.filter(pk__in=[p.pk for p in people]).update(position="методист")
    assert PersonEvent.objects.filter(pgh_label="update", position="методист").count() == 3


def test_change_through_a_request_records_the_user(world, login, client):
    import pghistory

    from mentoring.middleware import AuditContextMiddleware  # noqa: F401 — the middleware under test

    with pghistory.context(user=world.users["curator"].pk, username="curator"):
        world.staff.phone = "+7 900 111-22-33"
        world.staff.save()
    event = PersonEvent.objects.filter(pgh_obj=world.staff, pgh_label="update").get()
    assert event.pgh_context.metadata["username"] == "curator"


def test_representative_changes_are_recorded(db):
    rep = RepresentativeFactory()
    LegalRepresentative.objects.filter(pk=rep.pk).update(phone="+7 911 000-00-00")
    labels = list(Events.objects.tracks(rep).order_by("pgh_id").values_list("pgh_label", flat=True))
    assert labels == ["insert", "update"]


def test_viewing_a_card_is_logged(world, login):
    client = login(world.users["director"])
    client.get(reverse("people:person_detail", args=[world.staff.uuid]))
    entry = AccessLog.objects.get(person=world.staff)
    assert entry.user == world.users["director"]


def test_the_access_log_records_the_client_behind_the_trusted_proxy(world, login, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    client = login(world.users["director"])
    url = reverse("people:person_detail", args=[world.staff.uuid])
    client.get(url, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    client.get(url, REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.8")
    logged = list(
        AccessLog.objects.filter(person=world.staff).order_by("pk").values_list("ip_address", flat=True)
    )
    # Through the proxy: the client's address; from anywhere else the header decides nothing.
    assert logged == ["203.0.113.7", "198.51.100.9"]


def test_admin_reads_audit_and_access_log_for_one_person(world, login):
    login(world.users["curator"]).get(reverse("people:person_detail", args=[world.staff.uuid]))
    client = login(world.users["admin"])
    response = client.get(reverse("people:access_log"), {"person": str(world.staff.uuid)})
    assert [e.person for e in response.context["page"].object_list] == [world.staff]
    world.staff.phone = "+7 900 000-11-22"
    world.staff.save()
    response = client.get(reverse("people:audit_log"), {"person": str(world.staff.uuid)})
    assert {e.pgh_obj_id for e in response.context["page"].object_list} == {str(world.staff.pk)}
    assert "+7 900 000-11-22" in response.content.decode()
    assert client.get(reverse("people:audit_log"), {"person": "not-a-uuid"}).status_code == 200


def test_apps_register_their_history_tables_once_with_a_name():
    from pairs.models import PairEvent
    from people.audit import AUDITED_EVENT_MODELS, AUDITED_MODEL_LABELS, register_audited

    assert PersonEvent in AUDITED_EVENT_MODELS and PairEvent in AUDITED_EVENT_MODELS
    assert AUDITED_MODEL_LABELS["people.Person"] == "участник"
    assert AUDITED_MODEL_LABELS["pairs.Pair"] == "пара (группа)"
    before = len(AUDITED_EVENT_MODELS)
    register_audited(PairEvent, "пара (группа)")
    assert len(AUDITED_EVENT_MODELS) == before


def test_a_change_by_the_system_account_is_shown_in_russian(world, login):
    import pghistory

    from mentoring.lib.actions import SYSTEM_USERNAME, system_user

    with pghistory.context(user=system_user().pk, username=SYSTEM_USERNAME):
        world.staff.phone = "+7 900 222-33-44"
        world.staff.save()
    with pghistory.context(user=world.users["curator"].pk, username="curator"):
        world.staff.phone = "+7 900 222-33-55"
        world.staff.save()
    card = login(world.users["curator"]).get(reverse("people:person_detail", args=[world.staff.uuid]))
    html = card.content.decode()
    assert "изменение · система" in html and "изменение · curator" in html
    assert f"· {SYSTEM_USERNAME}<" not in html
    log = login(world.users["admin"]).get(reverse("people:audit_log"), {"person": str(world.staff.uuid)})
    assert "<td>система</td>" in log.content.decode()
    assert f"<td>{SYSTEM_USERNAME}</td>" not in log.content.decode()
