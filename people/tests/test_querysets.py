"""`Person.objects.not_anonymized`: anonymized cards drop out of every choice of people."""

from __future__ import annotations

import pytest
from django.utils import timezone

from people.forms import MenteeForm, MentorForm
from people.models import Person
from people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_anonymized_people_are_not_offered_to_the_banks(world):
    kept = PersonFactory(organization=world.org)
    gone = PersonFactory(organization=world.org, anonymized_at=timezone.now())
    assert kept in Person.objects.not_anonymized()
    assert gone not in Person.objects.not_anonymized()
    for form in (MentorForm(organization=world.org), MenteeForm(organization=world.org)):
        choices = form.fields["person"].queryset
        assert kept in choices and gone not in choices
