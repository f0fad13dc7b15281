"""Two curators editing the same pair or programme: the first save wins, the second is told who
changed what and writes nothing. Status buttons on a stale page are refused too."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from mentoring.lib.concurrency import EditConflict
from pairs import actions
from pairs.forms import PairEditForm
from pairs.models import Pair, Program
from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair, world_pair
from people.tests.factories import OrganizationFactory, make_member

pytestmark = pytest.mark.django_db


def _session(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def two_curators(world):
    second = make_member(world.org, "curator", username="curator2")
    second.first_name, second.last_name = "Анна", "Петрова"
    second.save()
    return _session(world.users["curator"]), _session(second)


def _form_data(client: Client, url: str) -> dict:
    """What the browser would post back: the form's fields as the page rendered them."""
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or name == "mentor_consent_scan":
            continue
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def test_second_save_of_a_pair_gets_the_conflict_and_the_first_save_stays(world, two_curators):
    pair = world_pair(world)
    first, second = two_curators
    url = reverse("pairs:pair_edit", args=[pair.uuid])
    mine, theirs = _form_data(first, url), _form_data(second, url)  # both open the form

    new_end = pair.planned_end + timedelta(days=30)
    theirs["planned_end"] = new_end.isoformat()
    assert second.post(url, theirs).status_code == 302

    mine["planned_end"] = (pair.planned_end + timedelta(days=60)).isoformat()
    response = first.post(url, mine)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Пару изменил(а) Анна Петрова" in page and "ваши изменения не сохранены" in page
    conflict = response.context["conflict"]
    assert [(c.label, c.saved, c.entered) for c in conflict.changes] == [
        ("Плановое окончание", f"{new_end:%d.%m.%Y}", f"{pair.planned_end + timedelta(days=60):%d.%m.%Y}")
    ]
    pair.refresh_from_db()
    assert pair.planned_end == new_end
    # The form shown again holds what is saved now, so saving it again overwrites nothing.
    assert response.context["form"]["planned_end"].value() == new_end
    assert response.context["form"]["version"].value() == pair.version


def test_resaving_after_the_conflict_with_the_fresh_version_goes_through(world, two_curators):
    pair = world_pair(world)
    start, end = pair.planned_start, pair.planned_end
    first, second = two_curators
    url = reverse("pairs:pair_edit", args=[pair.uuid])
    mine, theirs = _form_data(first, url), _form_data(second, url)
    theirs["planned_start"] = (pair.planned_start + timedelta(days=1)).isoformat()
    second.post(url, theirs)
    first.post(url, mine)  # conflict
    again = _form_data(first, url)
    again["planned_end"] = (pair.planned_end + timedelta(days=5)).isoformat()
    assert first.post(url, again).status_code == 302
    pair.refresh_from_db()
    assert (pair.planned_start, pair.planned_end) == (start + timedelta(days=1), end + timedelta(days=5))


def test_a_form_without_its_version_writes_nothing(world, two_curators):
    pair = world_pair(world)
    first, _ = two_curators
    url = reverse("pairs:pair_edit", args=[pair.uuid])
    data = _form_data(first, url)
    del data["version"]
    data["planned_end"] = (pair.planned_end + timedelta(days=9)).isoformat()
    response = first.post(url, data)
    assert "Форма устарела" in response.content.decode()
    assert Pair.objects.get(pk=pair.pk).planned_end == pair.planned_end


def _programme_post(client: Client, url: str) -> dict:
    response = client.get(url)
    form, formset = response.context["form"], response.context["formset"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    management = formset.management_form
    data |= {management.add_prefix(n): management[n].value() for n in management.fields}
    for f in formset.forms:
        for name in ("id", "position", "content", "deadline", "expected_result", "reporting_form"):
            value = f[name].value()
            if value is not None:
                data[f.add_prefix(name)] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def test_second_save_of_a_programme_shows_the_other_plan_and_keeps_it(world, two_curators):
    pair = world_pair(world)
    first, second = two_curators
    url = reverse("pairs:program_edit", args=[pair.uuid])
    mine, theirs = _programme_post(first, url), _programme_post(second, url)

    theirs["items-0-content"] = "Знакомство с коллективом (уточнено)"
    theirs["goals"] = "Цели второго куратора"
    assert second.post(url, theirs).status_code == 302

    mine["goals"] = "Мои цели"
    response = first.post(url, mine)
    assert response.status_code == 200
    changes = {c.label: c for c in response.context["conflict"].changes}
    assert (changes["Цели"].saved, changes["Цели"].entered) == ("Цели второго куратора", "Мои цели")
    assert "Знакомство с коллективом (уточнено)" in changes["План"].saved
    assert "(уточнено)" not in changes["План"].entered
    program = Program.objects.get(pair=pair)
    assert program.goals == "Цели второго куратора"
    assert program.items.order_by("position").first().content == "Знакомство с коллективом (уточнено)"


def test_a_plan_only_change_still_moves_the_programme_version(world, two_curators):
    """Items are child rows: saving only them must still make other open forms stale."""
    pair = world_pair(world)
    first, second = two_curators
    url = reverse("pairs:program_edit", args=[pair.uuid])
    mine, theirs = _programme_post(first, url), _programme_post(second, url)
    theirs["items-1-content"] = "Другой второй пункт"
    second.post(url, theirs)
    mine["items-2-content"] = "Мой третий пункт"
    response = first.post(url, mine)
    assert "ваши изменения не сохранены" in response.content.decode()
    contents = list(
        Program.objects.get(pair=pair).items.order_by("position").values_list("content", flat=True)
    )
    assert "Другой второй пункт" in contents and "Мой третий пункт" not in contents


def test_sending_a_programme_for_approval_from_a_stale_page_is_refused(world, two_curators):
    pair = world_pair(world)
    first, second = two_curators
    detail = first.get(pair.get_absolute_url())
    stale_version = detail.context["program"].version
    url = reverse("pairs:program_edit", args=[pair.uuid])
    theirs = _programme_post(second, url)
    theirs["tasks"] = "Задачи изменены после того, как первый куратор открыл карточку"
    second.post(url, theirs)

    response = first.post(
        reverse("pairs:program_submit", args=[pair.uuid]), {"version": stale_version}, follow=True
    )
    assert "Программу изменил(а) Анна Петрова" in response.content.decode()
    assert Program.objects.get(pair=pair).status == Program.Status.DRAFT


def test_terminating_from_a_stale_page_does_not_undo_the_other_change(world, two_curators):
    org = world.org
    pair = make_pair(org, [consenting_mentor(org)], [consenting_mentee(org)])
    first, second = two_curators
    stale = first.get(pair.get_absolute_url()).context["pair"].version
    second.post(
        reverse("pairs:pair_activate", args=[pair.uuid]),
        {"version": second.get(pair.get_absolute_url()).context["pair"].version},
    )
    assert Pair.objects.get(pk=pair.pk).status == Pair.Status.ACTIVE

    response = first.post(
        reverse("pairs:pair_terminate", args=[pair.uuid]), {"version": stale, "reason": "ошибка"}, follow=True
    )
    assert "Действие не выполнено" in response.content.decode()
    assert Pair.objects.get(pk=pair.pk).status == Pair.Status.ACTIVE


def test_action_level_same_version_twice_first_wins(world):
    org = OrganizationFactory()
    pair = make_pair(org, [consenting_mentor(org)], [consenting_mentee(org)])
    version = Pair.objects.get(pk=pair.pk).version

    def form_with(days: int) -> PairEditForm:
        instance = Pair.objects.get(pk=pair.pk)
        data = {
            "version": version,
            "form": instance.form_id,
            "type": instance.type_id,
            "planned_start": instance.planned_start,
            "planned_end": instance.planned_end + timedelta(days=days),
            "mentor_consent_on": instance.mentor_consent_on,
        }
        form = PairEditForm(data, instance=instance)
        assert form.is_valid(), form.errors
        return form

    one, two = form_with(10), form_with(20)
    actions.pair_update(one.instance, form=one, version=version, actor=None)
    with pytest.raises(EditConflict):
        actions.pair_update(two.instance, form=two, version=version, actor=None)
    assert Pair.objects.get(pk=pair.pk).planned_end == pair.planned_end + timedelta(days=10)


def test_the_version_moves_on_any_change_and_never_goes_back(world):
    org = OrganizationFactory()
    pair = make_pair(org, [consenting_mentor(org)], [consenting_mentee(org)])
    stale = Pair.objects.get(pk=pair.pk)
    Pair.objects.filter(pk=pair.pk).update(end_reason="x")  # a bulk update bumps it too
    bumped = Pair.objects.get(pk=pair.pk).version
    assert bumped == stale.version + 1
    stale.save()  # an instance read before the change, saved: the version must not rewind
    assert Pair.objects.get(pk=pair.pk).version >= bumped


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_one_wins_one_conflicts():
    """Two sessions in two threads save the same version at once: the row lock serialises them."""
    org = OrganizationFactory()
    pair = make_pair(org, [consenting_mentor(org)], [consenting_mentee(org)])
    version = Pair.objects.get(pk=pair.pk).version
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(days: int) -> None:
        try:
            instance = Pair.objects.get(pk=pair.pk)
            form = PairEditForm(
                {
                    "version": version,
                    "form": instance.form_id,
                    "type": instance.type_id,
                    "planned_start": instance.planned_start,
                    "planned_end": instance.planned_end + timedelta(days=days),
                    "mentor_consent_on": instance.mentor_consent_on,
                },
                instance=instance,
            )
            assert form.is_valid()
            barrier.wait()
            try:
                actions.pair_update(instance, form=form, version=version, actor=None)
                outcomes.append(f"saved {days}")
            except EditConflict:
                outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(days,)) for days in (10, 20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[0] == "conflict" and len(outcomes) == 2
    winner = int(next(o for o in outcomes if o.startswith("saved")).split()[1])
    assert Pair.objects.get(pk=pair.pk).planned_end == pair.planned_end + timedelta(days=winner)
