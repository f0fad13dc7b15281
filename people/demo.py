"""Demo school and generated organizations: people, representatives, users and roles."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db.models import Max

from people import demo_names as names
from people.models import AcademicYear, LegalRepresentative, Membership, Organization, Person, User

DEMO_SLUG = "school7"
DEMO_PASSWORD = "demo"  # noqa: S105 — documented demo logins, never used in production data
CLASSES = [f"{grade}{letter}" for grade in range(1, 12) for letter in "АБ"]


class NameMaker:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def person(self, gender: str | None = None) -> tuple[str, str, str, str]:
        gender = gender or self.rng.choice("mf")
        surname = self.rng.choice(names.SURNAMES)
        _, father_m, father_f = self.rng.choice(names.MALE_NAMES)
        if gender == "m":
            first = self.rng.choice(names.MALE_NAMES)[0]
            return surname, first, father_m, "m"
        return names.female_surname(surname), self.rng.choice(names.FEMALE_NAMES), father_f, "f"


def _birth_date(rng: random.Random, age_from: int, age_to: int, today: date) -> date:
    days = rng.randint(age_from * 365, age_to * 365 + 364)
    return today - timedelta(days=days)


def _staff(rng: random.Random, maker: NameMaker, org: Organization, count: int, today: date) -> list[Person]:
    people = []
    for _ in range(count):
        last, first, middle, gender = maker.person("f" if rng.random() < 0.8 else "m")
        position, subjects = rng.choice(names.POSITIONS_SUBJECTS)
        age = rng.randint(22, 64)
        experience = max(0, min(age - 22, int(rng.triangular(0, age - 21, (age - 21) / 2))))
        people.append(
            Person(
                organization=org,
                kind=Person.Kind.STAFF,
                last_name=last,
                first_name=first,
                middle_name=middle,
                gender=gender,
                birth_date=_birth_date(rng, age, age, today),
                position=position,
                subjects=subjects,
                experience_years=experience,
                email=f"t{rng.randint(10000, 99999)}@{org.slug}.edu.example.ru",
                phone=f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
            )
        )
    return people


def _students(
    rng: random.Random, maker: NameMaker, org: Organization, count: int, today: date
) -> list[Person]:
    people = []
    for i in range(count):
        school_class = CLASSES[i % len(CLASSES)]
        grade = int(school_class[:-1])
        last, first, middle, gender = maker.person()
        people.append(
            Person(
                organization=org,
                kind=Person.Kind.STUDENT,
                last_name=last,
                first_name=first,
                middle_name=middle,
                gender=gender,
                birth_date=_birth_date(rng, grade + 6, grade + 6, today),
                school_class=school_class,
            )
        )
    return people


def _representatives(
    rng: random.Random, maker: NameMaker, students: list[Person]
) -> list[LegalRepresentative]:
    reps = []
    for student in students:
        mother_first = rng.choice(names.FEMALE_NAMES)
        _, _, mother_middle = rng.choice(names.MALE_NAMES)
        surname = student.last_name if student.gender == "f" else names.female_surname(student.last_name)
        reps.append(
            LegalRepresentative(
                student=student,
                last_name=surname,
                first_name=mother_first,
                middle_name=mother_middle,
                relation=LegalRepresentative.Relation.MOTHER,
                phone=f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
            )
        )
        if rng.random() < 0.3:
            father_first, _, _ = rng.choice(names.MALE_NAMES)
            _, father_middle, _ = rng.choice(names.MALE_NAMES)
            reps.append(
                LegalRepresentative(
                    student=student,
                    last_name=student.last_name if student.gender == "m" else student.last_name[:-1],
                    first_name=father_first,
                    middle_name=father_middle,
                    relation=LegalRepresentative.Relation.FATHER,
                )
            )
    return reps


DEMO_USERS = [
    # username, role, person attributes (None for the system administrator)
    ("admin", Membership.Role.ADMIN, None),
    (
        "director",
        Membership.Role.DIRECTOR,
        ("Прохорова", "Светлана", "Викторовна", "f", "директор", "", 31, 1968),
    ),
    (
        "curator",
        Membership.Role.CURATOR,
        ("Нечесова", "Анна", "Андреевна", "f", "заместитель директора по УВР", "Математика", 18, 1979),
    ),
    (
        "mentor",
        Membership.Role.MENTOR,
        (
            "Яковенко",
            "Ирина",
            "Александровна",
            "f",
            "учитель русского языка и литературы",
            "Русский язык, литература",
            24,
            1974,
        ),
    ),
    (
        "mentee",
        Membership.Role.MENTEE,
        ("Петров", "Иван", "Сергеевич", "m", "учитель математики", "Математика", 1, 2001),
    ),
]


def seed_demo(rng: random.Random) -> Organization:
    """The demo school with ~40 staff, ~150 students with representatives, and the demo users."""
    AcademicYear.objects.current()
    org, created = Organization.objects.get_or_create(
        slug=DEMO_SLUG,
        defaults=dict(
            full_name="Муниципальное бюджетное общеобразовательное учреждение "
            "«Средняя общеобразовательная школа № 7» города Вологды",
            short_name="МБОУ «СОШ № 7»",
            city="Вологда",
            address="160009, г. Вологда, ул. Мальцева, д. 12",
            phone="+7 (8172) 72-15-40",
            email="school7@edu.example.ru",
            director_name="Прохорова Светлана Викторовна",
            director_position="Директор",
            order_suffix="-од",
            inn="3525012345",
        ),
    )
    today = date.today()
    if created:
        maker = NameMaker(rng)
        Person.objects.bulk_create(_staff(rng, maker, org, 36, today))
        students = Person.objects.bulk_create(_students(rng, maker, org, 150, today))
        LegalRepresentative.objects.bulk_create(_representatives(rng, maker, students))
    _ensure_demo_users(org, today)
    return org


def _ensure_demo_users(org: Organization, today: date) -> None:
    for username, role, attrs in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.email = f"{username}@example.ru"
        if role == Membership.Role.ADMIN:
            # Django admin's model permissions come from the superuser flag; entry is still
            # decided by the admin membership (mentoring.apps).
            user.is_superuser = user.is_staff = True
            user.first_name, user.last_name = "Системный", "администратор"
            user.save()
            Membership.objects.get_or_create(user=user, organization=None, role=role)
            continue
        last, first, middle, gender, position, subjects, experience, born = attrs
        user.first_name, user.last_name = first, last
        user.save()
        Person.objects.get_or_create(
            organization=org,
            user=user,
            defaults=dict(
                kind=Person.Kind.STAFF,
                last_name=last,
                first_name=first,
                middle_name=middle,
                gender=gender,
                birth_date=date(born, 3, 14),
                position=position,
                subjects=subjects,
                experience_years=experience,
                email=user.email,
            ),
        )
        Membership.objects.get_or_create(user=user, organization=org, role=role)


def seed_organizations(
    count: int, rng: random.Random, staff: int = 150, students: int = 600
) -> list[Organization]:
    """`count` more schools with bulk inserts, numbered after the ones already generated."""
    maker = NameMaker(rng)
    today = date.today()
    start = (Organization.objects.filter(slug__startswith="gen-").aggregate(n=Max("id"))["n"] or 0) + 1
    orgs = []
    for i in range(start, start + count):
        city = rng.choice(names.CITIES)
        number = rng.randint(1, 60)
        last, first, middle, gender = maker.person()
        orgs.append(
            Organization(
                slug=f"gen-{i}",
                full_name=f"Муниципальное общеобразовательное учреждение «Средняя школа № {number}» г. {city}",
                short_name=f"МОУ СШ № {number} ({city}) #{i}",
                city=city,
                address=f"г. {city}, ул. Школьная, д. {rng.randint(1, 80)}",
                director_name=f"{last} {first} {middle}",
            )
        )
    orgs = Organization.objects.bulk_create(orgs)
    hashed = make_password(DEMO_PASSWORD)
    for org in orgs:
        people = _staff(rng, maker, org, staff, today) + _students(rng, maker, org, students, today)
        people = Person.objects.bulk_create(people, batch_size=2000)
        LegalRepresentative.objects.bulk_create(
            _representatives(rng, maker, [p for p in people if p.kind == Person.Kind.STUDENT]),
            batch_size=2000,
        )
        # One curator and one director account per generated school, for the benchmark.
        users = User.objects.bulk_create(
            [
                User(username=f"{org.slug}-curator", password=hashed),
                User(username=f"{org.slug}-director", password=hashed),
            ]
        )
        Membership.objects.bulk_create(
            [
                Membership(user=users[0], organization=org, role=Membership.Role.CURATOR),
                Membership(user=users[1], organization=org, role=Membership.Role.DIRECTOR),
            ]
        )
        staff_people = [p for p in people if p.kind == Person.Kind.STAFF]
        staff_people[0].user = users[0]
        staff_people[1].user = users[1]
        Person.objects.bulk_update(staff_people[:2], ["user"])
    return orgs
