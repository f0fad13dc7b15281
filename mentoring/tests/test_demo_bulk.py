"""Generated organizations are loaded with COPY (mentoring/demo/bulk.py): the same rows as
bulk_create, constraints in force, triggers back on and the kept figures stale afterwards."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from mentoring.demo.bulk import bulk_load, insert
from mentoring.models import DashboardFigures
from people.models import AcademicYear, Mentor, Person

pytestmark = pytest.mark.django_db


def _enabled_user_triggers(table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [table],
        )
        return {name for name, enabled in cursor.fetchall() if enabled != "D"}


def _people(world, n: int = 2) -> list[Person]:
    return [
        Person(
            organization=world.org,
            kind=Person.Kind.STAFF,
            last_name=f"Тест\\ова\t{i}",
            first_name="Анна\nМария",
            middle_name="",
            position='Учитель «русского» "языка"',
            birth_date=date(1980, 2, 29),
            experience_years=i,
        )
        for i in range(n)
    ]


def test_copy_loads_what_bulk_create_loads(world):
    triggers = _enabled_user_triggers("people_person")
    with transaction.atomic(), bulk_load():
        copied = insert(_people(world))
        assert _enabled_user_triggers("people_person") == set()
        mentor = insert(
            [
                Mentor(
                    organization=world.org,
                    person=copied[0],
                    academic_year=AcademicYear.objects.current(),
                    questionnaire={"motivation": "Помочь\tколлегам", "time": None},
                    capacity=2,
                )
            ]
        )[0]
    assert _enabled_user_triggers("people_person") == triggers
    created = Person.objects.bulk_create(_people(world))
    fields = [
        f.attname
        for f in Person._meta.concrete_fields
        if f.attname not in ("id", "uuid", "created_at", "updated_at")
    ]
    for a, b in zip(copied, created, strict=True):
        assert a.pk and not a._state.adding
        stored, expected = Person.objects.get(pk=a.pk), Person.objects.get(pk=b.pk)
        assert [getattr(stored, f) for f in fields] == [getattr(expected, f) for f in fields]
        assert stored.uuid == a.uuid and stored.created_at is not None
    assert Mentor.objects.get(pk=mentor.pk).questionnaire == {"motivation": "Помочь\tколлегам", "time": None}


def test_foreign_keys_stay_checked_during_a_load(world):
    with pytest.raises(IntegrityError), transaction.atomic(), bulk_load():
        insert([Person(organization_id=10**9, kind=Person.Kind.STAFF, last_name="Нет", first_name="Школы")])
    assert not Person.objects.filter(last_name="Нет").exists()


def test_the_kept_figures_are_stale_after_a_load(world, login, client):
    from django.urls import reverse

    login(world.users["curator"])
    client.get(reverse("dashboard"))
    row = DashboardFigures.objects.get(organization=world.org)
    assert row.version == row.computed_version
    with transaction.atomic(), bulk_load():
        insert(_people(world, 1))  # its triggers are off: the load marks every row stale itself
    row.refresh_from_db()
    assert row.version > row.computed_version
