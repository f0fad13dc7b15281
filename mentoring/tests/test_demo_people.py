"""The demo school shows every state of the banks and consents, and seeding twice changes nothing."""

from __future__ import annotations

from django.core.management import call_command

from people.models import (
    BankStatusChange,
    Consent,
    DestructionAct,
    Mentee,
    Mentor,
    MentorTraining,
    Person,
    PersonEvent,
    SupportAction,
)


def _counts():
    return tuple(
        m.objects.count()
        for m in (Consent, DestructionAct, Mentor, Mentee, MentorTraining, SupportAction, BankStatusChange)
    )


def test_demo_has_both_banks_every_consent_state_and_one_withdrawal(db):
    call_command("seed_demo")
    assert Mentor.objects.filter(organization__slug="school7", status="active").exists()
    assert Mentee.objects.filter(organization__slug="school7", status="waiting").exists()
    states = {c.status for c in Consent.objects.filter(person__organization__slug="school7")}
    assert states == {"valid", "withdrawn", "expired"}
    assert Consent.objects.filter(kind="dissemination").exists()
    assert Consent.objects.filter(signer="representative").exists()
    act = DestructionAct.objects.get(organization__slug="school7")
    person = act.person
    assert person.full_name == f"Участник № {person.pk}" and person.anonymized_at
    assert not person.representatives.exclude(last_name="Представитель").exists()
    assert not PersonEvent.objects.filter(pgh_obj_id=person.pk).exclude(last_name=person.last_name).exists()
    assert Person.objects.filter(
        kind="student", representatives__isnull=False, anonymized_at__isnull=True
    ).exists()
    assert MentorTraining.objects.exists() and SupportAction.objects.exists()


def test_seeding_twice_changes_nothing_in_the_banks(db):
    call_command("seed_demo")
    before = _counts()
    call_command("seed_demo")
    assert _counts() == before


def test_most_people_of_the_banks_have_an_account_or_an_open_invitation(db):
    from django.db.models import Exists, OuterRef

    from accounts.models import Invitation
    from people.models import ACCOUNT_ACTIVE, Mentee, Mentor, Person

    in_bank = Exists(Mentor.objects.filter(person=OuterRef("pk"))) | Exists(
        Mentee.objects.filter(person=OuterRef("pk"))
    )
    call_command("seed_demo")
    call_command("seed_demo")  # the second run invites nobody again
    people = Person.objects.filter(organization__slug="school7").filter(in_bank).with_account_state()
    reached = sum(
        1
        for state, pk in people.values_list("account_state", "pk")
        if state == ACCOUNT_ACTIVE or Invitation.objects.open().filter(person_id=pk).exists()
    )
    assert reached >= 0.8 * people.count()
    assert Invitation.objects.filter(revoked_at__isnull=False).count() == 0


def test_most_representatives_of_student_mentees_have_an_account_or_an_open_invitation(db):
    from accounts.actions import representatives_of_mentees
    from accounts.models import Invitation
    from people.models import Membership, Organization

    call_command("seed_demo")
    call_command("seed_demo")  # the second run invites nobody again
    org = Organization.objects.get(slug="school7")
    reps = list(representatives_of_mentees(org.pk).select_related("user"))
    assert reps, "the demo school has student mentees with representatives"
    open_for = set(
        Invitation.objects.open().filter(representative__in=reps).values_list("representative", flat=True)
    )
    reached = [r for r in reps if (r.user and r.user.has_usable_password()) or r.pk in open_for]
    assert len(reached) >= 0.8 * len(reps)
    assert Membership.objects.filter(organization=org, role="representative").count() == len(
        {r.user_id for r in reached}
    )
    assert not Invitation.objects.filter(representative__isnull=False, revoked_at__isnull=False).exists()
