from __future__ import annotations

from datetime import date, timedelta

import factory
from factory.django import DjangoModelFactory

from people.models import (
    AcademicYear,
    Consent,
    LegalRepresentative,
    Membership,
    Mentee,
    Mentor,
    Municipality,
    Organization,
    Person,
    User,
)


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    slug = factory.Sequence(lambda n: f"org-{n}")
    full_name = factory.Sequence(
        lambda n: f"Муниципальное бюджетное общеобразовательное учреждение «Школа № {n}»"
    )
    short_name = factory.Sequence(lambda n: f"МБОУ «Школа № {n}»")
    city = "Вологда"
    director_name = "Прохорова Светлана Викторовна"


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Муниципальный округ № {n}")
    short_name = factory.Sequence(lambda n: f"Округ № {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pass-Word-123")


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    organization = factory.SubFactory(OrganizationFactory)
    kind = Person.Kind.STAFF
    last_name = factory.Iterator(["Иванова", "Петрова", "Сидорова", "Кузнецова"])
    first_name = factory.Iterator(["Мария", "Анна", "Ольга", "Елена"])
    middle_name = "Петровна"
    gender = Person.Gender.FEMALE
    position = "учитель математики"
    experience_years = 10


class StudentFactory(PersonFactory):
    kind = Person.Kind.STUDENT
    position = ""
    experience_years = None
    school_class = "7Б"
    gender = Person.Gender.MALE
    last_name = factory.Iterator(["Смирнов", "Орлов", "Волков"])
    first_name = factory.Iterator(["Илья", "Егор", "Максим"])
    middle_name = "Андреевич"


class RepresentativeFactory(DjangoModelFactory):
    class Meta:
        model = LegalRepresentative

    student = factory.SubFactory(StudentFactory)
    last_name = "Смирнова"
    first_name = "Ольга"
    middle_name = "Ивановна"
    relation = LegalRepresentative.Relation.MOTHER
    phone = "+7 900 000-00-00"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.CURATOR


def make_member(organization: Organization, role: str, username: str | None = None, **person_fields) -> User:
    """A user holding `role` in `organization`, linked to a staff person there; a coordinator of
    the organization's municipality instead."""
    user = UserFactory(username=username) if username else UserFactory()
    if role == Membership.Role.ADMIN:
        Membership.objects.create(user=user, organization=None, role=role)
        return user
    if role == Membership.Role.COORDINATOR:
        # Bound to the organization's municipality (made for it when it has none), holding no card.
        if organization.municipality_id is None:
            organization.municipality = MunicipalityFactory()
            organization.save(update_fields=["municipality"])
        Membership.objects.create(user=user, municipality=organization.municipality, role=role)
        return user
    Membership.objects.create(user=user, organization=organization, role=role)
    PersonFactory(organization=organization, user=user, **person_fields)
    return user


class ConsentFactory(DjangoModelFactory):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    kind = Consent.Kind.PROCESSING
    signer = Consent.Signer.SELF
    signed_on = factory.LazyFunction(lambda: date.today() - timedelta(days=10))
    purposes = "организация наставничества"
    data_list = "ФИО, дата рождения, контакты"
    actions = "сбор, запись, хранение"


class MentorFactory(DjangoModelFactory):
    class Meta:
        model = Mentor

    person = factory.SubFactory(PersonFactory)
    organization = factory.SelfAttribute("person.organization")
    academic_year = factory.LazyFunction(lambda: AcademicYear.objects.current())
    status = Mentor.Status.CANDIDATE
    subjects = "Математика"


class MenteeFactory(DjangoModelFactory):
    class Meta:
        model = Mentee

    person = factory.SubFactory(PersonFactory, experience_years=1)
    organization = factory.SelfAttribute("person.organization")
    academic_year = factory.LazyFunction(lambda: AcademicYear.objects.current())
    category = Mentee.Category.YOUNG_SPECIALIST
    status = Mentee.Status.APPLICATION
