"""The name forms the scrub looks for, and what withdrawal generalizes or detaches."""

from __future__ import annotations

import pytest

from people.actions import consent_withdraw, experience_band
from people.anonymization import name_forms

NAMES = name_forms("Яковенко", "Ирина", "Алексеевна", "f", "Участник № 7")


@pytest.mark.parametrize(
    "text",
    [
        "Встреча с Яковенко Ириной Алексеевной",
        "назначить Яковенко Ирину Алексеевну",
        "Ирина Алексеевна Яковенко провела урок",
        "отв. Яковенко И.А.",
        "отв. Яковенко И. А.",
        "И.А. Яковенко",
        "ИРИНЕ ЯКОВЕНКО",
    ],
)
def test_every_form_of_the_name_becomes_the_pseudonym(text):
    assert "Участник № 7" in NAMES.replace(text)
    assert "Яковенко" not in NAMES.replace(text).title()


def test_a_namesake_sharing_only_the_surname_is_left_alone():
    assert NAMES.replace("Яковенко Пётр Ильич") == "Яковенко Пётр Ильич"


@pytest.mark.parametrize("years,band", [(None, None), (0, 0), (2, 0), (3, 3), (10, 3), (11, 11), (35, 11)])
def test_experience_is_generalized_to_a_band(years, band):
    assert experience_band(years) == band


@pytest.mark.django_db
def test_withdrawal_clears_quasi_identifiers_and_detaches_named_answers(world):
    from reports.surveys.models import SurveyResponse
    from reports.surveys.tests.factories import world_campaign, world_response

    response = world_response(world)
    person = world.person_of("mentee")
    person.position, person.subjects, person.experience_years = "учитель химии", "химия", 7
    person.save()
    consent_withdraw(person, actor=world.users["curator"])
    person.refresh_from_db()
    assert (person.gender, person.position, person.subjects, person.experience_years) == ("", "", "", 3)
    response = SurveyResponse.objects.get(pk=response.pk)
    assert response.person_id is None and response.submitted_at is None
    assert world_campaign(world).responses.count() == 1  # still counted in the results
