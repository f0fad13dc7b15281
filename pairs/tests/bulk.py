"""A large bank built with bulk inserts, for the matching benchmark."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from people.models import AcademicYear, Competency, Consent, Mentee, Mentor, Person


def big_bank(org, *, mentors: int, mentees: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    year = AcademicYear.objects.current()
    today = timezone.localdate()
    competencies = list(Competency.objects.filter(for_students=False))
    subjects = ["Математика", "Русский язык", "История", "Физика", "Биология", "Английский язык"]
    people = Person.objects.bulk_create(
        [
            Person(
                organization=org,
                last_name=f"Фамилия{i}",
                first_name="Имя",
                gender="f",
                subjects=rng.choice(subjects),
                experience_years=rng.randint(8, 30) if i < mentors else rng.randint(0, 3),
            )
            for i in range(mentors + mentees)
        ]
    )
    Consent.objects.bulk_create(
        [
            Consent(person=p, signed_on=today - timedelta(days=5), purposes="н", data_list="ф", actions="о")
            for p in people
        ]
    )
    bank_mentors = Mentor.objects.bulk_create(
        [
            Mentor(
                organization=org, person=p, academic_year=year, status="active", capacity=rng.randint(1, 3)
            )
            for p in people[:mentors]
        ]
    )
    bank_mentees = Mentee.objects.bulk_create(
        [
            Mentee(
                organization=org,
                person=p,
                academic_year=year,
                category="young",
                status="waiting",
                waiting_since=today,
            )
            for p in people[mentors:]
        ]
    )
    Through = Mentor.competencies.through
    Through.objects.bulk_create(
        [
            Through(mentor_id=m.pk, competency_id=c.pk)
            for m in bank_mentors
            for c in rng.sample(competencies, 4)
        ]
    )
    Requests = Mentee.requests.through
    Requests.objects.bulk_create(
        [
            Requests(mentee_id=m.pk, competency_id=c.pk)
            for m in bank_mentees
            for c in rng.sample(competencies, 2)
        ]
    )
