"""seed_demo builds the demo school once, and generated organizations in bulk."""

from __future__ import annotations

from django.core.management import call_command

from people.models import LegalRepresentative, Membership, Organization, Person, User


def test_seed_demo_is_idempotent(db):
    call_command("seed_demo")
    counts = (
        Organization.objects.count(),
        Person.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )
    call_command("seed_demo")
    assert counts == (
        Organization.objects.count(),
        Person.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )


def test_demo_school_has_staff_students_representatives_and_users(db):
    call_command("seed_demo")
    org = Organization.objects.get(slug="school7")
    assert 38 <= Person.objects.filter(organization=org, kind="staff").count() <= 45
    students = Person.objects.filter(organization=org, kind="student")
    assert students.count() == 150
    assert (
        LegalRepresentative.objects.filter(student__organization=org).values("student").distinct().count()
        == 150
    )
    for username in ("admin", "director", "curator", "mentor", "mentee", "coordinator"):
        assert User.objects.get(username=username).check_password("demo")
    assert Membership.objects.filter(user__username="admin", organization=None, role="admin").exists()
    assert Membership.objects.filter(
        user__username="coordinator", municipality=org.municipality, role="coordinator"
    ).exists()
    assert Membership.objects.filter(user__username="mentor", organization=org, role="mentor").exists()


def test_seed_organizations_adds_generated_schools(db):
    call_command("seed_demo", organizations=2)
    generated = Organization.objects.filter(slug__startswith="gen-")
    assert generated.count() == 2
    for org in generated:
        assert org.municipality == Organization.objects.get(slug="school7").municipality
        assert org.people.filter(kind="staff").count() == 150
        assert org.people.filter(kind="student").count() == 600
    call_command("seed_demo", organizations=1)
    assert Organization.objects.filter(slug__startswith="gen-").count() == 3


def test_seeding_sends_no_mail_even_though_the_workflows_notify(transactional_db, mailoutbox):
    # transactional_db: each workflow commits, so its notifications really are sent (or not).
    from io import StringIO

    from django.core import mail
    from django.core.management import call_command

    from roadmap.models import Roadmap

    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert Roadmap.objects.filter(organization__slug="school7", status="approved").exists()
    assert mail.outbox == [] and mailoutbox == []
    assert "Демо-данные готовы" in out.getvalue() and "Subject:" not in out.getvalue()
