"""Nothing of another organization is visible: cards answer 404, lists do not show it."""

from __future__ import annotations

from django.urls import reverse

from people.models import Person


def test_curator_of_other_school_gets_404_for_a_card(world, login):
    client = login(world.other_curator)
    response = client.get(reverse("people:person_detail", args=[world.staff.uuid]))
    assert response.status_code == 404


def test_curator_list_shows_only_own_school(world, login):
    client = login(world.users["curator"])
    response = client.get(reverse("people:person_list"))
    names = [p.last_name for p in response.context["page"].object_list]
    assert "Чужая" not in names
    assert "Сидорова" in names


def test_visible_to_scopes_by_organization(world):
    visible = Person.objects.visible_to(world.other_curator)
    assert set(visible.values_list("organization", flat=True)) == {world.other_org.pk}


def test_admin_sees_every_organization(world):
    visible = Person.objects.visible_to(world.users["admin"])
    assert {world.org.pk, world.other_org.pk} <= set(visible.values_list("organization", flat=True))


def test_mentee_sees_own_card_only(world, login):
    client = login(world.users["mentee"])
    own = world.person_of("mentee")
    assert client.get(reverse("people:person_detail", args=[own.uuid])).status_code == 200
    assert client.get(reverse("people:person_detail", args=[world.staff.uuid])).status_code == 404


def test_switching_to_a_foreign_organization_is_refused(world, login):
    client = login(world.users["curator"])
    response = client.post(reverse("switch_organization"), {"organization": world.other_org.pk}, follow=True)
    assert "Эта организация вам недоступна." in response.content.decode()
    assert response.context["request"].organization == world.org
