"""Accounts for participants, in bulk, and their hand-over by e-mail link or printed slip."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import VALID_FOR, Invitation, digest
from mentoring.lib.actions import ActionRefused, action
from people import roles
from people.models import LegalRepresentative, Membership, Mentee, Mentor, Person, User

AUTO, EMAIL, SLIP = "auto", Invitation.Channel.EMAIL, Invitation.Channel.SLIP
CHANNELS = (AUTO, EMAIL, SLIP)

# Why the people import created no account for someone of the file (issue 19).
NOT_IN_BANK = "не создана: нет записи в банке наставников или наставляемых"
CHILD_OUTSIDE = "не создана: обучающийся не участвует в программе наставничества"

# No look-alikes (0/O, 1/I/L) on a slip a pupil types in.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),
        strict=True,
    )
)


@dataclass
class Slip:
    """One printed slip: the secrets exist in clear only here, on their way into the PDF."""

    person: Person | LegalRepresentative
    username: str
    code: str
    link: str
    note: str = ""  # for a representative: whose


@dataclass
class Handover:
    created: list[User] = field(default_factory=list)
    emailed: list[Invitation] = field(default_factory=list)
    slips: list[Slip] = field(default_factory=list)
    skipped: list[tuple[Person | LegalRepresentative, str]] = field(default_factory=list)

    def slips_pdf(self, organization, site_url: str | None = None) -> bytes:
        from accounts.documents import slips_pdf

        return slips_pdf(self.slips, site_url=site_url or settings.SITE_URL, organization=organization)

    def merge(self, other: Handover) -> None:
        for name in ("created", "emailed", "slips", "skipped"):
            getattr(self, name).extend(getattr(other, name))

    def summary(self) -> dict:
        return {
            "accounts_created": len(self.created),
            "emailed": len(self.emailed),
            "slips": len(self.slips),
            "skipped": [{"person": person.full_name, "reason": reason} for person, reason in self.skipped],
        }


def transliterate(text: str) -> str:
    out = "".join(_TRANSLIT.get(ch, ch if ch.isascii() and ch.isalnum() else "") for ch in text.lower())
    return out.replace("-", "")


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def new_username(person: Person | LegalRepresentative) -> str:
    """A readable login that is not taken: the first name in Latin letters and three digits
    («maria482»), never the surname; «u» and digits when the first name gives nothing usable."""
    stem = transliterate(person.first_name)[:12]
    surname = transliterate(person.last_name)
    if len(stem) < 2 or (surname and surname in stem):
        stem = "u"
    for digits in (3, 3, 3, 4, 4, 5, 6):
        candidates = {f"{stem}{secrets.randbelow(10**digits):0{digits}d}" for _ in range(5)}
        taken = set(User.objects.filter(username__in=candidates).values_list("username", flat=True))
        free = sorted(candidates - taken)
        if free:
            return free[0]
    raise ActionRefused("Не удалось подобрать свободный логин; повторите попытку.")


def bank_roles(people: list[Person]) -> dict[int, set[str]]:
    """person id → the roles their bank entries imply (mentor, mentee)."""
    ids = [p.pk for p in people]
    found: dict[int, set[str]] = {pk: set() for pk in ids}
    for pk in Mentor.objects.filter(person_id__in=ids).values_list("person_id", flat=True):
        found[pk].add(roles.MENTOR)
    for pk in Mentee.objects.filter(person_id__in=ids).values_list("person_id", flat=True):
        found[pk].add(roles.MENTEE)
    return found


def activation_link(site_url: str, token: str) -> str:
    return site_url.rstrip("/") + reverse("accounts:activate_token", args=[token])


@action
def accounts_create(
    people: Iterable[Person],
    *,
    actor: User | None,
    channel: str = AUTO,
    site_url: str | None = None,
) -> Handover:
    """Create the accounts of `people` (a membership per bank entry: mentor, mentee) and invite
    each: by e-mail (`email`), on a printed slip (`slip`), or by e-mail where there is an address
    and on a slip otherwise (`auto`). A person not yet activated gets a new invitation that
    replaces the old one; people who cannot be invited are listed in `skipped` with the reason."""
    if channel not in CHANNELS:
        raise ActionRefused("Неизвестный способ приглашения.")
    site_url = site_url or settings.SITE_URL
    people = list(people)
    implied = bank_roles(people)
    now = timezone.now()
    result = Handover()
    users = {u.pk: u for u in User.objects.filter(pk__in=[p.user_id for p in people if p.user_id])}
    for person in people:
        user = users.get(person.user_id)
        way = channel if channel != AUTO else (EMAIL if person.email else SLIP)
        reason = None
        if person.anonymized_at:
            reason = "данные обезличены (согласие отозвано)"
        elif not implied[person.pk]:
            reason = "нет записи в банке наставников или наставляемых"
        else:
            reason = _refusal(user, way, person.email)
        if reason:
            result.skipped.append((person, reason))
            continue
        _invite(
            person,
            user,
            implied[person.pk],
            organization_id=person.organization_id,
            way=way,
            actor=actor,
            now=now,
            site_url=site_url,
            result=result,
        )
    return result


def _refusal(user: User | None, way: str, email: str) -> str | None:
    if user is not None and user.has_usable_password() and user.is_active:
        return "учётная запись уже активна"
    if way == EMAIL and not email:
        return "нет адреса электронной почты — напечатайте листок доступа"
    return None


def _invite(invitee, user, role_set, *, organization_id, way, actor, now, site_url, result, note=""):
    """The account of `invitee` (a Person or a LegalRepresentative), its roles and a fresh
    invitation that replaces the pending one."""
    is_person = isinstance(invitee, Person)
    if user is None:
        user = User.objects.create(
            username=new_username(invitee),
            password=make_password(None),
            first_name=invitee.first_name,
            last_name=invitee.last_name,
            email=invitee.email,
        )
        invitee.user = user
        invitee.save(update_fields=["user", "updated_at"] if is_person else ["user"])
        result.created.append(user)
    elif not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    Membership.objects.bulk_create(
        [Membership(user=user, organization_id=organization_id, role=role) for role in role_set],
        ignore_conflicts=True,
    )
    whom = {"person": invitee} if is_person else {"representative": invitee}
    Invitation.objects.filter(**whom, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    token, code = secrets.token_urlsafe(32), new_code()
    invitation = Invitation.objects.create(
        organization_id=organization_id,
        **whom,
        user=user,
        channel=way,
        token_digest=digest(token),
        code_digest=digest(code),
        created_by=actor,
        created_at=now,
        expires_at=now + VALID_FOR,
    )
    link = activation_link(site_url, token)
    if way == EMAIL:
        result.emailed.append(invitation)
        transaction.on_commit(
            lambda p=invitee, u=user, link=link: _send_invitation(p, u, link, organization_id)
        )
    else:
        result.slips.append(
            Slip(person=invitee, username=user.username, code=format_code(code), link=link, note=note)
        )


# --- законный представитель (issue 19) ---


def representatives_of_mentees(organization_id: int):
    """The representatives of the student mentees of the organization still in the programme
    (not removed from the bank, with their data not anonymized): those who get accounts."""
    return (
        LegalRepresentative.objects.filter(
            student__organization_id=organization_id,
            student__kind=Person.Kind.STUDENT,
            student__anonymized_at__isnull=True,
            student__mentee__isnull=False,
        )
        .exclude(student__mentee__status=Mentee.Status.REMOVED)
        .select_related("student__organization", "student__mentee")
    )


@action
def representative_accounts_create(
    representatives: Iterable[LegalRepresentative],
    *,
    actor: User | None,
    channel: str = AUTO,
    site_url: str | None = None,
) -> Handover:
    """Accounts with the role «законный представитель» for the representatives of student
    mentees, handed over as for the participants (e-mail link or printed slip)."""
    if channel not in CHANNELS:
        raise ActionRefused("Неизвестный способ приглашения.")
    site_url = site_url or settings.SITE_URL
    reps = list(representatives)
    now = timezone.now()
    result = Handover()
    users = {u.pk: u for u in User.objects.filter(pk__in=[r.user_id for r in reps if r.user_id])}
    for rep in reps:
        student = rep.student
        user = users.get(rep.user_id)
        way = channel if channel != AUTO else (EMAIL if rep.email else SLIP)
        mentee = getattr(student, "mentee", None)
        if student.anonymized_at:
            reason = "данные обучающегося обезличены (согласие отозвано)"
        elif student.kind != Person.Kind.STUDENT or mentee is None or mentee.status == Mentee.Status.REMOVED:
            reason = "обучающийся не участвует в программе наставничества"
        else:
            reason = _refusal(user, way, rep.email)
        if reason:
            result.skipped.append((rep, reason))
            continue
        note = f"{rep.get_relation_display()}: {student.full_name}"
        if student.school_class:
            note += f", {student.school_class}"
        _invite(
            rep,
            user,
            {roles.REPRESENTATIVE},
            organization_id=student.organization_id,
            way=way,
            actor=actor,
            now=now,
            site_url=site_url,
            result=result,
            note=note,
        )
    return result


# --- end законный представитель ---


def accounts_for_imported(sender, *, people, organization, actor, site_url=None, **kwargs) -> Handover:
    """The accounts of an import (the people app's `people_imported`): those of the file with an
    entry in a bank, and the representatives of its student mentees, who have no account yet.
    Everyone else of the file without an account is listed in `skipped` with the reason (a person
    outside the banks has no role to be given yet; a parent of a pupil outside the programme has
    nothing to see), so that the import never leaves someone without an account unexplained."""
    ids = [p.pk for p in people]
    without_account = (
        Person.objects.filter(pk__in=ids)
        .filter(Q(user__isnull=True) | Q(user__is_active=False))
        .order_by("last_name", "first_name", "pk")
    )
    participants = (
        without_account.filter(anonymized_at__isnull=True)
        .filter(Q(mentor__isnull=False) | Q(mentee__isnull=False))
        .select_related("organization")
    )
    result = accounts_create(participants, actor=actor, site_url=site_url)
    outside = without_account.filter(anonymized_at__isnull=True, mentor__isnull=True, mentee__isnull=True)
    result.skipped.extend((person, NOT_IN_BANK) for person in outside)
    reps = (
        representatives_of_mentees(organization.pk)
        .filter(student_id__in=ids, user__isnull=True)
        .order_by("last_name", "first_name", "pk")
    )
    result.merge(representative_accounts_create(reps, actor=actor, site_url=site_url))
    others = (
        LegalRepresentative.objects.filter(student_id__in=ids, user__isnull=True)
        .exclude(pk__in=reps.values("pk"))
        .order_by("last_name", "first_name", "pk")
    )
    result.skipped.extend((rep, CHILD_OUTSIDE) for rep in others)
    return result


def _send_invitation(person, user: User, link: str, organization_id: int) -> None:
    from people.models import Organization

    context = {
        "person": person,
        "organization": Organization.objects.get(pk=organization_id),
        "username": user.username,
        "link": link,
        "days": VALID_FOR.days,
    }
    send_mail(
        "Приглашение в программу наставничества",
        render_to_string("accounts/email/invitation.txt", context),
        None,
        [person.email],
    )


def invitation_refusal(invitation: Invitation | None) -> str | None:
    """Why `invitation` cannot set a password now, in words for the person; None when it can."""
    if invitation is None:
        return "Приглашение не найдено: проверьте логин и код или ссылку целиком."
    if invitation.used_at:
        return "Это приглашение уже использовано: пароль задан. Войдите со своим логином или восстановите пароль."
    if invitation.revoked_at:
        return "Это приглашение заменено новым. Воспользуйтесь последним письмом или листком доступа."
    if invitation.is_expired:
        return "Срок действия приглашения истёк (14 дней). Попросите куратора выслать новое."
    return None


def find_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("user", "person", "representative")
        .filter(token_digest=digest(token))
        .first()
    )


def find_by_code(username: str, code: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("user", "person", "representative")
        .filter(user__username__iexact=username.strip(), code_digest=digest(normalize_code(code)))
        .order_by("-created_at")
        .first()
    )


@action
def invitation_accept(invitation: Invitation, *, actor: User | None, password: str) -> User:
    """Set the password through `invitation`, once: the invitation is used up."""
    # Lock the row so that two submissions of the same link cannot both set a password.
    invitation = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
    refusal = invitation_refusal(invitation)
    if refusal:
        raise ActionRefused(refusal)
    user = invitation.user
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ActionRefused(exc.messages) from exc
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user
