"""Two people editing the same activity: the first save wins, the second sees who changed what
and writes nothing; a status move from a stale page does not undo the other person's move."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mentoring.lib.concurrency import EditConflict
from people.tests.factories import make_member
from roadmap import actions
from roadmap.forms import ActivityForm
from roadmap.models import Activity
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, RoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db


def _session(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def second_curator(world):
    user = make_member(world.org, "curator", username="curator2")
    user.first_name, user.last_name = "Анна", "Петрова"
    user.save()
    return user


def _edit_data(client: Client, activity: Activity) -> dict:
    form = client.get(reverse("roadmap:activity_edit", args=[activity.uuid])).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["responsible"] = [str(pk) for pk in data["responsible"] or []]
    return {k: ("" if v is None else v) for k, v in data.items()}


def test_second_save_of_an_activity_shows_the_other_change_and_keeps_it(world, second_curator):
    activity = ActivityFactory(stage=StageFactory(roadmap=RoadmapFactory(organization=world.org)))
    first, second = _session(world.users["curator"]), _session(second_curator)
    url = reverse("roadmap:activity_edit", args=[activity.uuid])
    mine, theirs = _edit_data(first, activity), _edit_data(second, activity)

    theirs |= {"title": "Анкетирование педагогов", "deadline_text": "до 15 октября"}
    theirs["responsible"] = [str(world.staff.pk)]
    assert second.post(url, theirs).status_code == 302

    mine |= {"title": "Анкетирование молодых специалистов", "kpi": "100 % опрошены"}
    response = first.post(url, mine)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Мероприятие изменил(а) Анна Петрова" in page and "ваши изменения не сохранены" in page
    changes = {c.label: (c.saved, c.entered) for c in response.context["conflict"].changes}
    assert changes["Содержание деятельности"] == (
        "Анкетирование педагогов",
        "Анкетирование молодых специалистов",
    )
    assert changes["Сроки (как написано)"][0] == "до 15 октября"
    assert changes["Ответственные сотрудники"] == (world.staff.full_name, "—")
    assert changes["Показатель эффективности"] == ("—", "100 % опрошены")
    activity.refresh_from_db()
    assert activity.title == "Анкетирование педагогов" and activity.kpi == ""
    assert list(activity.responsible.all()) == [world.staff]


def test_conflict_is_shown_even_when_the_stale_form_is_also_invalid(world, second_curator):
    activity = ActivityFactory(stage=StageFactory(roadmap=RoadmapFactory(organization=world.org)))
    first, second = _session(world.users["curator"]), _session(second_curator)
    url = reverse("roadmap:activity_edit", args=[activity.uuid])
    mine, theirs = _edit_data(first, activity), _edit_data(second, activity)
    second.post(url, theirs | {"title": "Новое"})
    response = first.post(url, mine | {"title": ""})
    assert "ваши изменения не сохранены" in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).title == "Новое"


def test_status_move_from_a_stale_page_does_not_undo_done(world, second_curator):
    roadmap = ApprovedRoadmapFactory(organization=world.org)
    activity = ActivityFactory(stage=StageFactory(roadmap=roadmap))
    activity.responsible.add(world.person_of("mentor"))
    mentor, curator = _session(world.users["mentor"]), _session(second_curator)
    url = reverse("roadmap:activity_status", args=[activity.uuid])
    stale = mentor.get(url).context["form"]["version"].value()
    fresh = curator.get(url).context["form"]["version"].value()
    done = {"version": fresh, "status": "done", "completed_on": "2024-09-20", "evidence_note": "Протокол № 3"}
    assert curator.post(url, done).status_code == 302

    # From done the form offers «в работе» too, so only the version tells the page is stale.
    response = mentor.post(url, {"version": stale, "status": "in_progress"}, follow=True)
    assert "Мероприятие изменил(а) Анна Петрова" in response.content.decode()
    activity.refresh_from_db()
    assert (activity.status, activity.evidence_note) == ("done", "Протокол № 3")


def test_action_level_second_update_with_the_same_version_conflicts(world):
    activity = ActivityFactory(stage=StageFactory(roadmap=RoadmapFactory(organization=world.org)))
    version = Activity.objects.get(pk=activity.pk).version

    def form(title: str) -> ActivityForm:
        instance = Activity.objects.select_related("stage__roadmap").get(pk=activity.pk)
        bound = ActivityForm(
            {"version": version, "title": title, "deadline_text": "сентябрь"},
            instance=instance,
            organization=world.org,
        )
        assert bound.is_valid(), bound.errors
        return bound

    one, two = form("Первый"), form("Второй")
    actions.activity_update(one.instance, form=one, version=version, actor=None)
    with pytest.raises(EditConflict) as caught:
        actions.activity_update(two.instance, form=two, version=version, actor=None)
    assert "ваши изменения не сохранены" in caught.value.message
    assert Activity.objects.get(pk=activity.pk).title == "Первый"
