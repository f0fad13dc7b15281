"""Demo school and generated organizations: people, representatives, users and roles."""

from __future__ import annotations

import functools
import random
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import models
from django.db.models import Max

from mentoring.demo import names
from mentoring.demo.bulk import insert
from people.models import (
    AcademicYear,
    BankStatusChange,
    Competency,
    Consent,
    DestructionAct,
    LegalRepresentative,
    Membership,
    Mentee,
    Mentor,
    MentoringForm,
    MentorTraining,
    Municipality,
    Organization,
    Person,
    SupportAction,
    User,
)
from people.wording import consent_wording

DEMO_SLUG = "school7"
DEMO_PASSWORD = "demo"  # noqa: S105 — documented demo logins, never used in production data
CLASSES = [f"{grade}{letter}" for grade in range(1, 12) for letter in "АБ"]

# The demo signs every consent with the standard wording (templates/documents/wording/).
WORDING = consent_wording()


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
    # The municipal coordinator of the demo municipality: no card in any school.
    ("coordinator", Membership.Role.COORDINATOR, None),
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
    if org.municipality_id is None:
        org.municipality = demo_municipality()
        org.save(update_fields=["municipality"])
    today = date.today()
    if created:
        maker = NameMaker(rng)
        Person.objects.bulk_create(_staff(rng, maker, org, 36, today))
        students = Person.objects.bulk_create(_students(rng, maker, org, 150, today))
        LegalRepresentative.objects.bulk_create(_representatives(rng, maker, students))
    _ensure_demo_users(org, today)
    if not Mentor.objects.filter(organization=org).exists():
        seed_banks([org], rng, today, demo=True)
    _seed_demo_details(org, rng, today)
    _invite_bank_participants(org)
    return org


def demo_municipality() -> Municipality:
    """The municipality of the demo school and of the generated ones."""
    municipality, _ = Municipality.objects.get_or_create(
        name="Городской округ город Вологда",
        defaults={"short_name": "г. Вологда", "oktmo": "19701000"},
    )
    return municipality


def _invite_bank_participants(org: Organization) -> None:
    """Accounts for everyone in the banks who has none, each with an access slip pending (as after
    the curator printed them for a class hour); a second run finds nobody left to invite."""
    from accounts.actions import accounts_create
    from people.models import ACCOUNT_NONE

    in_bank = models.Exists(Mentor.objects.filter(person=models.OuterRef("pk"))) | models.Exists(
        Mentee.objects.filter(person=models.OuterRef("pk"))
    )
    people = (
        Person.objects.filter(organization=org, anonymized_at__isnull=True)
        .filter(in_bank)
        .with_account_state()
        .filter(account_state=ACCOUNT_NONE)
        .order_by("pk")
    )
    accounts_create(people, actor=None, channel="slip")
    _invite_representatives(org)


def _invite_representatives(org: Organization) -> None:
    """законный представитель (issue 19): the parents of the student mentees get their accounts
    and slips too (for a parents' meeting); a second run finds nobody left."""
    from accounts.actions import representative_accounts_create, representatives_of_mentees

    reps = representatives_of_mentees(org.pk).filter(user__isnull=True).order_by("pk")
    representative_accounts_create(reps, actor=None, channel="slip")


def _seed_demo_details(org: Organization, rng: random.Random, today: date) -> None:
    """Status logs, trainings, support, consents of every kind and one withdrawal (idempotent)."""
    from people.actions import consent_withdraw

    if DestructionAct.objects.filter(organization=org).exists():
        return
    curator = User.objects.get(username="curator")
    mentors = list(Mentor.objects.filter(organization=org).select_related("person").order_by("id"))
    mentees = list(Mentee.objects.filter(organization=org).select_related("person").order_by("id"))
    BankStatusChange.objects.bulk_create(
        [
            BankStatusChange(mentor=m, new_status=m.status, changed_by=curator, comment="Включён в банк")
            for m in mentors
        ]
        + [
            BankStatusChange(mentee=m, new_status=m.status, changed_by=curator, comment="Заявка принята")
            for m in mentees
        ]
    )
    session = date(today.year if today.month >= 9 else today.year - 1, 9, 20)
    MentorTraining.objects.bulk_create(
        MentorTraining(
            mentor=m,
            date=min(session, today),
            topic="Установочная сессия для наставников: роль наставника, формы и этапы работы",
            hours=4,
            provider="Куратор программы наставничества",
        )
        for m in mentors
        if m.status in {Mentor.Status.ACTIVE, Mentor.Status.TRAINED}
    )
    SupportAction.objects.bulk_create(
        SupportAction(
            mentee=m,
            date=today - timedelta(days=rng.randint(1, 20)),
            action="Консультация педагога-психолога; подобраны материалы методической копилки",
            author=curator,
        )
        for m in mentees
        if m.status == Mentee.Status.UNPAIRED
    )
    signed = date(today.year if today.month >= 9 else today.year - 1, 9, 5)
    # Dissemination (ст. 10.1) for the active staff mentors, signed separately from processing.
    Consent.objects.bulk_create(
        Consent(
            person=m.person,
            kind=Consent.Kind.DISSEMINATION,
            signed_on=min(signed, today),
            purposes="информирование о ходе и результатах программы наставничества на сайте школы",
            data_list="фамилия, имя, отчество; должность; сведения об участии в программе",
            actions="распространение (опубликование)",
            valid_until=date(signed.year + 1, 8, 31),
            withdrawal_procedure=WORDING["withdrawal_procedure"],
        )
        for m in mentors
        if m.status == Mentor.Status.ACTIVE and m.person.kind == Person.Kind.STAFF
    )
    # An expired consent of last year next to the current one, as real archives have.
    first = mentors[0].person
    last_year = date(signed.year - 1, 9, 5)
    Consent.objects.create(
        person=first,
        kind=Consent.Kind.PROCESSING,
        signed_on=last_year,
        valid_until=date(last_year.year + 1, 8, 31),
        **WORDING,
    )
    # One student whose parent withdrew the consent: out of the bank, anonymized, with an act.
    leaving = next(
        m.person
        for m in reversed(mentees)
        if m.person.kind == Person.Kind.STUDENT and m.person.representatives.exists() and not m.person.user_id
    )
    signed_last = max(c.signed_on for c in leaving.consents.all())
    consent_withdraw(
        leaving,
        actor=curator,
        withdrawn_on=max(today, signed_last),
        reason="заявление законного представителя",
    )


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
        if role == Membership.Role.COORDINATOR:
            user.first_name, user.last_name = "Ольга", "Муниципальная"
            user.save()
            Membership.objects.get_or_create(user=user, municipality=org.municipality, role=role)
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


@functools.cache
def _demo_hash() -> str:
    """The demo password hashed once per process (the hasher is slow by design)."""
    return make_password(DEMO_PASSWORD)


def seed_organizations(
    count: int, rng: random.Random, staff: int = 150, students: int = 600
) -> list[Organization]:
    """`count` more schools with bulk inserts, numbered after the ones already generated."""
    maker = NameMaker(rng)
    today = date.today()
    start = (Organization.objects.filter(slug__startswith="gen-").aggregate(n=Max("id"))["n"] or 0) + 1
    municipality = demo_municipality()
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
                municipality=municipality,
            )
        )
    orgs = insert(orgs)
    hashed = _demo_hash()
    for org in orgs:
        people = _staff(rng, maker, org, staff, today) + _students(rng, maker, org, students, today)
        people = insert(people)
        insert(_representatives(rng, maker, [p for p in people if p.kind == Person.Kind.STUDENT]))
        # One curator and one director account per generated school, for the benchmark.
        users = insert(
            [
                User(username=f"{org.slug}-curator", password=hashed),
                User(username=f"{org.slug}-director", password=hashed),
            ]
        )
        insert(
            [
                Membership(user=users[0], organization=org, role=Membership.Role.CURATOR),
                Membership(user=users[1], organization=org, role=Membership.Role.DIRECTOR),
            ]
        )
        staff_people = [p for p in people if p.kind == Person.Kind.STAFF]
        staff_people[0].user = users[0]
        staff_people[1].user = users[1]
        Person.objects.bulk_update(staff_people[:2], ["user"])
    seed_banks(orgs, rng, today)
    return orgs


def _consents(
    rng: random.Random, people: list[Person], reps_by_student: dict[int, LegalRepresentative], today: date
):
    consents = []
    signed = date(today.year if today.month >= 9 else today.year - 1, 9, rng.randint(1, 10))
    for person in people:
        rep = reps_by_student.get(person.pk)
        signer = (
            Consent.Signer.REPRESENTATIVE
            if person.kind == Person.Kind.STUDENT and rep
            else Consent.Signer.SELF
        )
        consents.append(
            Consent(
                person=person,
                kind=Consent.Kind.PROCESSING,
                signer=signer,
                representative=rep if signer == Consent.Signer.REPRESENTATIVE else None,
                signed_on=signed,
                valid_until=date(signed.year + 1, 8, 31),
                **WORDING,
            )
        )
    return consents


def seed_banks(orgs: list[Organization], rng: random.Random, today: date, demo: bool = False) -> None:
    """Consents for everyone who takes part, and the banks of mentors and mentees."""
    year = AcademicYear.objects.for_date(today)
    forms = {f.name: f for f in MentoringForm.objects.all()}
    staff_competencies = list(Competency.objects.filter(for_students=False))
    student_competencies = list(Competency.objects.filter(for_students=True))
    mentors: list[Mentor] = []
    mentees: list[Mentee] = []
    participants: list[Person] = []
    for org in orgs:
        staff = list(Person.objects.filter(organization=org, kind=Person.Kind.STAFF).order_by("id"))
        students = list(Person.objects.filter(organization=org, kind=Person.Kind.STUDENT).order_by("id"))
        special = {p.user.username: p for p in staff if p.user_id} if demo else {}
        experienced = [
            p
            for p in staff
            if (p.experience_years or 0) >= 5 and p.pk not in {x.pk for x in special.values()}
        ]
        young = [
            p for p in staff if (p.experience_years or 0) < 3 and p.pk not in {x.pk for x in special.values()}
        ]
        n_mentors = 12 if demo else 50
        n_young = 8 if demo else 40
        staff_mentors = ([special["mentor"]] if "mentor" in special else []) + experienced[:n_mentors]
        staff_mentees = ([special["mentee"]] if "mentee" in special else []) + young[:n_young]
        older = [s for s in students if int(s.school_class[:-1]) >= 9]
        younger = [s for s in students if int(s.school_class[:-1]) <= 7]
        student_mentors = older[: (6 if demo else 20)]
        student_mentees = younger[: (16 if demo else 156)]
        statuses = [Mentor.Status.ACTIVE] * 6 + [
            Mentor.Status.TRAINED,
            Mentor.Status.INTERVIEWED,
            Mentor.Status.CANDIDATE,
            Mentor.Status.INACTIVE,
        ]
        for i, person in enumerate(staff_mentors + student_mentors):
            is_student = person.kind == Person.Kind.STUDENT
            status = Mentor.Status.ACTIVE if (demo and person.user_id) else statuses[i % len(statuses)]
            mentors.append(
                Mentor(
                    organization=org,
                    person=person,
                    academic_year=year,
                    status=status,
                    subjects=person.subjects,
                    resources="Готов делиться опытом подготовки уроков и работы с классом"
                    if not is_student
                    else "Помощь в учёбе и проектах",
                    qualification_category=rng.choice(["first", "highest", "none"])
                    if not is_student
                    else "none",
                    capacity=rng.randint(1, 3),
                    availability=rng.choice(
                        [
                            "понедельник и среда после 14:00",
                            "вторник, четверг после уроков",
                            "по договорённости",
                        ]
                    ),
                    questionnaire={
                        "motivation": "Хочу помочь коллегам быстрее освоиться",
                        "time": "2 часа в неделю",
                    },
                    interview_date=today - timedelta(days=rng.randint(20, 60))
                    if status != Mentor.Status.CANDIDATE
                    else None,
                )
            )
        mentee_statuses = [Mentee.Status.WAITING] * 5 + [Mentee.Status.APPLICATION, Mentee.Status.UNPAIRED]
        for i, person in enumerate(staff_mentees + student_mentees):
            is_student = person.kind == Person.Kind.STUDENT
            if is_student:
                category = rng.choice(["motivated", "learning", "learning", "ovz", "tjs"])
            else:
                category = (
                    "young"
                    if (person.experience_years or 0) < 3
                    else rng.choice(["new", "position", "difficulties"])
                )
            status = (
                Mentee.Status.WAITING
                if (demo and person.user_id)
                else mentee_statuses[i % len(mentee_statuses)]
            )
            mentees.append(
                Mentee(
                    organization=org,
                    person=person,
                    academic_year=year,
                    category=category,
                    requests_text="Нужна помощь с дисциплиной на уроке и с документацией"
                    if not is_student
                    else "Трудности с математикой",
                    desired_form=forms.get("ученик – ученик" if is_student else "учитель – учитель"),
                    status=status,
                    waiting_since=today - timedelta(days=rng.randint(3, 90))
                    if status != Mentee.Status.APPLICATION
                    else None,
                )
            )
        participants.extend(staff_mentors + student_mentors + staff_mentees + student_mentees)
    reps = {}
    for rep in LegalRepresentative.objects.filter(
        student__in=[p for p in participants if p.kind == Person.Kind.STUDENT]
    ):
        reps.setdefault(rep.student_id, rep)
    insert(_consents(rng, participants, reps, today))
    mentors = insert(mentors)
    mentees = insert(mentees)
    MentorCompetency = Mentor.competencies.through
    MenteeRequest = Mentee.requests.through
    MentorForm = Mentor.preferred_forms.through
    links, requests, preferred = [], [], []
    for mentor in mentors:
        pool = student_competencies if mentor.person.kind == Person.Kind.STUDENT else staff_competencies
        for competency in rng.sample(pool, k=min(len(pool), rng.randint(3, 5))):
            links.append(MentorCompetency(mentor_id=mentor.pk, competency_id=competency.pk))
        form = forms["ученик – ученик" if mentor.person.kind == Person.Kind.STUDENT else "учитель – учитель"]
        preferred.append(MentorForm(mentor_id=mentor.pk, mentoringform_id=form.pk))
    for mentee in mentees:
        pool = student_competencies if mentee.person.kind == Person.Kind.STUDENT else staff_competencies
        for competency in rng.sample(pool, k=min(len(pool), rng.randint(2, 3))):
            requests.append(MenteeRequest(mentee_id=mentee.pk, competency_id=competency.pk))
    insert(links)
    insert(requests)
    insert(preferred)
