"""The analytical note counts mentors one way in its text and its table: people working in the
year's pairs and groups (the bank, which also holds mentors without a pair, is named separately),
and the curator signs it as «И.О. Фамилия»."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobs.testing import export
from mentoring.tests.pdf import pdf_text
from pairs.models import PairMentee, PairMentor
from people.models import Mentee, Mentor
from reports.monitoring.tests import stats_data
from reports.monitoring.tests.stats_data import _mentor

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    data = stats_data.build(world)
    _mentor(world.org, data["year"], last_name="Безпарная")  # in the bank, in no pair
    return data


def note_text(client) -> str:
    response = export(client, reverse("statistics:monitoring_note"))
    assert response.status_code == 200
    return pdf_text(response.content)


def test_text_and_table_count_the_mentors_of_the_pairs(world, data, login):
    from mentoring.lib.grammar import plural, predicate

    in_pairs = PairMentor.objects.filter(pair__organization=world.org).values("mentor").distinct().count()
    mentees_in_pairs = (
        PairMentee.objects.filter(pair__organization=world.org).values("mentee").distinct().count()
    )
    bank = Mentor.objects.filter(organization=world.org).count()
    assert bank > in_pairs  # the case of the defect: the bank is larger than the pairs

    text = note_text(login(world.users["director"]))
    working = predicate(in_pairs, "работали", "наставник")
    assert (
        f"В парах и группах учебного года {working} {plural(in_pairs, 'наставник')} и "
        f"{plural(mentees_in_pairs, 'наставляемый')} (в банках наставников и наставляемых учебного года — "
        f"{plural(bank, 'наставник')} и {plural(Mentee.objects.filter(organization=world.org).count(), 'наставляемый')})"
    ) in text
    # The table by form: its mentors add up to the mentors of the pairs (each pair here is of one form).
    assert "Наставников в парах и группах" in text
    from django.utils import timezone

    from reports.monitoring import notes
    from reports.monitoring.exports import Scope

    context = notes.note_context(Scope([world.org], data["year"]), timezone.localdate())
    assert sum(counts["mentors"] for _, counts in context["forms"]) == in_pairs


def test_the_curator_signs_with_initials_and_surname(world, data, login):
    curator = world.person_of("curator")
    text = note_text(login(world.users["director"]))
    assert f"Куратор программы наставничества ____________ / {curator.signature_name}" in text
    assert curator.signature_name.endswith(curator.last_name) and "." in curator.signature_name
