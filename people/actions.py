"""Workflows of the people app: the banks, consents and their withdrawal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from pghistory.models import Events

from mentoring.lib.actions import ActionRefused, action
from mentoring.lib.pdf import render_pdf
from people import anonymization, importer
from people.importer import Preview
from people.models import (
    AcademicYear,
    BankStatusChange,
    Consent,
    ConsentEvent,
    DestructionAct,
    ImportColumnMapping,
    LegalRepresentative,
    LegalRepresentativeEvent,
    Membership,
    Mentee,
    MenteeEvent,
    Mentor,
    MentorEvent,
    Organization,
    Person,
    PersonEvent,
    SupportAction,
    User,
)
from people.signals import people_imported, person_anonymizing, person_withdrawing

ADULT_AGE = 18
# Under 14 only a legal representative may consent for a child (ГК РФ ст. 28, 152-ФЗ ст. 9 ч. 6).
OWN_CONSENT_AGE = 14

MENTOR_TRANSITIONS = {
    Mentor.Status.CANDIDATE: {Mentor.Status.INTERVIEWED, Mentor.Status.INACTIVE},
    Mentor.Status.INTERVIEWED: {Mentor.Status.TRAINED, Mentor.Status.INACTIVE},
    Mentor.Status.TRAINED: {Mentor.Status.ACTIVE, Mentor.Status.INACTIVE},
    Mentor.Status.ACTIVE: {Mentor.Status.INACTIVE},
    Mentor.Status.INACTIVE: {Mentor.Status.CANDIDATE, Mentor.Status.ACTIVE},
}
MENTEE_TRANSITIONS = {
    Mentee.Status.APPLICATION: {Mentee.Status.WAITING, Mentee.Status.UNPAIRED, Mentee.Status.REMOVED},
    Mentee.Status.WAITING: {Mentee.Status.PAIRED, Mentee.Status.UNPAIRED, Mentee.Status.REMOVED},
    Mentee.Status.UNPAIRED: {Mentee.Status.WAITING, Mentee.Status.PAIRED, Mentee.Status.REMOVED},
    Mentee.Status.PAIRED: {Mentee.Status.COMPLETED, Mentee.Status.WAITING},
    Mentee.Status.COMPLETED: {Mentee.Status.WAITING},
    Mentee.Status.REMOVED: {Mentee.Status.APPLICATION},
}
# Statuses in which the person takes part in the programme: a valid processing consent is required.
MENTEE_ACTIVE = {Mentee.Status.WAITING, Mentee.Status.UNPAIRED, Mentee.Status.PAIRED}
ANONYMOUS_REPRESENTATIVE = "Представитель"


IMPORT_CHUNK = 500  # rows written per statement


@dataclass
class ImportResult:
    created: list[Person]
    updated: list[Person]
    skipped: int  # rows with errors left out
    accounts: object | None = None  # what the accounts app handed over (create_accounts)


def has_valid_processing_consent(person: Person, on: date | None = None) -> bool:
    return Consent.objects.filter(person=person).processing().valid(on).exists()


def _require_consent(person: Person) -> None:
    if person.anonymized_at or not has_valid_processing_consent(person):
        raise ActionRefused(
            "Нет действующего согласия на обработку персональных данных: "
            "сначала внесите согласие участника (или его законного представителя)."
        )


def _refuse_anonymized(person: Person) -> None:
    # Read from the database: the caller's instance may predate the withdrawal.
    if Person.objects.filter(pk=person.pk, anonymized_at__isnull=False).exists():
        raise ActionRefused("Данные участника обезличены после отзыва согласия: включить его нельзя.")


@action
def mentor_create(person: Person, *, actor: User, **fields) -> Mentor:
    """Put a person into the mentor bank as a candidate; competencies/forms are lists of objects."""
    _refuse_anonymized(person)
    if Mentor.objects.filter(person=person).exists():
        raise ActionRefused("Участник уже есть в банке наставников.")
    competencies = fields.pop("competencies", [])
    forms = fields.pop("preferred_forms", [])
    fields.setdefault("academic_year", AcademicYear.objects.current())
    mentor = Mentor(organization=person.organization, person=person, status=Mentor.Status.CANDIDATE, **fields)
    mentor.full_clean(exclude=["person", "organization"])
    mentor.save()
    mentor.competencies.set(competencies)
    mentor.preferred_forms.set(forms)
    BankStatusChange.objects.create(mentor=mentor, new_status=mentor.status, changed_by=actor)
    return mentor


@action
def mentor_change_status(mentor: Mentor, new_status: str, *, actor: User | None, comment: str = "") -> Mentor:
    """Move a mentor along кандидат → … → активен → не активен; active needs a valid consent."""
    mentor = Mentor.objects.select_for_update().select_related("person").get(pk=mentor.pk)
    if new_status == mentor.status:
        return mentor
    if new_status not in MENTOR_TRANSITIONS.get(mentor.status, set()):
        raise ActionRefused(
            f"Нельзя перевести наставника из статуса «{mentor.get_status_display()}» "
            f"в «{Mentor.Status(new_status).label}»."
        )
    if new_status == Mentor.Status.ACTIVE:
        _require_consent(mentor.person)
    old = mentor.status
    mentor.status = new_status
    mentor.status_changed_at = timezone.now()
    mentor.save(update_fields=["status", "status_changed_at"])
    BankStatusChange.objects.create(
        mentor=mentor, old_status=old, new_status=new_status, comment=comment, changed_by=actor
    )
    return mentor


@action
def mentee_create(person: Person, *, actor: User, **fields) -> Mentee:
    """Put a person into the mentee bank with the status «заявка»."""
    _refuse_anonymized(person)
    if Mentee.objects.filter(person=person).exists():
        raise ActionRefused("Участник уже есть в банке наставляемых.")
    requests = fields.pop("requests", [])
    fields.setdefault("academic_year", AcademicYear.objects.current())
    mentee = Mentee(
        organization=person.organization, person=person, status=Mentee.Status.APPLICATION, **fields
    )
    mentee.full_clean(exclude=["person", "organization"])
    mentee.save()
    mentee.requests.set(requests)
    BankStatusChange.objects.create(mentee=mentee, new_status=mentee.status, changed_by=actor)
    return mentee


@action
def mentee_change_status(mentee: Mentee, new_status: str, *, actor: User | None, comment: str = "") -> Mentee:
    """заявка → ожидает пары → в паре → завершил, or «без пары»; taking part needs a valid consent."""
    mentee = Mentee.objects.select_for_update().select_related("person").get(pk=mentee.pk)
    if new_status == mentee.status:
        return mentee
    if new_status not in MENTEE_TRANSITIONS.get(mentee.status, set()):
        raise ActionRefused(
            f"Нельзя перевести наставляемого из статуса «{mentee.get_status_display()}» "
            f"в «{Mentee.Status(new_status).label}»."
        )
    if new_status in MENTEE_ACTIVE:
        _require_consent(mentee.person)
    old = mentee.status
    mentee.status = new_status
    mentee.status_changed_at = timezone.now()
    # Waiting starts again when a mentee comes back from a pair (or from the end of one).
    if new_status in Mentee.WAITING_STATUSES and old not in Mentee.WAITING_STATUSES:
        mentee.waiting_since = timezone.localdate()
    mentee.save(update_fields=["status", "status_changed_at", "waiting_since"])
    BankStatusChange.objects.create(
        mentee=mentee, old_status=old, new_status=new_status, comment=comment, changed_by=actor
    )
    return mentee


@action
def mentee_support_add(mentee: Mentee, *, actor: User | None, on: date, text: str) -> SupportAction:
    """Log a measure of psychological-pedagogical support given while the mentee waits for a pair
    (from the person's card and from the waiting list alike)."""
    _refuse_anonymized(mentee.person)
    if not text.strip():
        raise ActionRefused("Опишите, что сделано.")
    return SupportAction.objects.create(mentee=mentee, date=on, action=text.strip(), author=actor)


@action
def people_import(
    preview: Preview,
    organization: Organization,
    *,
    actor: User | None,
    valid_only: bool = False,
    create_accounts: bool = False,
    site_url: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Write an import preview (`importer.parse`): new people are added, people already in the
    registry get the fields the file changes. All or nothing unless `valid_only`, when the rows
    with errors are left out and the others written. With `create_accounts` the people of the
    file who take part (and the representatives of the student mentees) get their accounts in the
    same transaction: if that fails, nothing of the file is written either. `progress(done, total)`
    hears of the rows written, chunk by chunk (a background import shows it on its card)."""
    if preview.errors and not valid_only:
        raise ActionRefused("В файле есть ошибки: ничего не записано.")
    if not preview.valid_rows:
        raise ActionRefused("В файле нет ни одной верной строки: ничего не записано.")
    new_rows, changed_rows = preview.new_rows, preview.changed_rows
    total, done = len(new_rows) + len(changed_rows), 0
    # In chunks: a 10,000-row file is written in seconds (the audit triggers still fire per row),
    # a few queries per chunk whatever its size.
    created, new_reps = [], []
    for start in range(0, len(new_rows), IMPORT_CHUNK):
        chunk = new_rows[start : start + IMPORT_CHUNK]
        people, representatives = [], []
        for row in chunk:
            values = dict(row.values)
            representatives.append(values.pop("representative", None))
            people.append(Person(organization=organization, kind=preview.kind, **values))
        chunk_created = Person.objects.bulk_create(people)
        new_reps += [
            LegalRepresentative(student=person, **rep)
            for person, rep in zip(chunk_created, representatives, strict=True)
            if rep
        ]
        created += chunk_created
        done += len(chunk)
        if progress:
            progress(done, total)
    updated, now = [], timezone.now()
    for start in range(0, len(changed_rows), IMPORT_CHUNK):
        chunk, fields = changed_rows[start : start + IMPORT_CHUNK], set()
        for row in chunk:
            person = row.existing
            person.updated_at = now
            for name in importer.UPDATABLE[preview.kind]:
                value = row.values.get(name)
                if value not in (None, "") and getattr(person, name) != value:
                    setattr(person, name, value)
                    fields.add(name)
            rep = row.values.get("representative")
            if rep:
                # Prefetched with the match (students only: staff rows carry no representative).
                known = {r.full_name.lower().replace("ё", "е") for r in person.representatives.all()}
                full = " ".join(p for p in (rep["last_name"], rep["first_name"], rep["middle_name"]) if p)
                if full.lower().replace("ё", "е") not in known:
                    new_reps.append(LegalRepresentative(student=person, **rep))
        if fields:
            Person.objects.bulk_update(
                [row.existing for row in chunk], sorted(fields | {"updated_at"}), batch_size=IMPORT_CHUNK
            )
        updated += [row.existing for row in chunk]
        done += len(chunk)
        if progress:
            progress(done, total)
    LegalRepresentative.objects.bulk_create(new_reps, batch_size=IMPORT_CHUNK)
    result = ImportResult(created=created, updated=updated, skipped=preview.errors)
    if create_accounts:
        answers = [
            answer
            for _, answer in people_imported.send(
                sender=Person,
                people=created + updated,
                organization=organization,
                actor=actor,
                site_url=site_url,
            )
            if answer is not None
        ]
        if not answers:
            raise ActionRefused("Создание учётных записей недоступно: ничего не записано.")
        result.accounts = answers[0]
    return result


@action
def import_mapping_remember(
    organization: Organization, *, actor: User | None, kind: str, mapping: dict[str, str | None]
) -> None:
    """Remember what the curator said each column of a file means, for the next file."""
    for header, field in mapping.items():
        key = importer.normalize_header(header)
        if key:
            ImportColumnMapping.objects.update_or_create(
                organization=organization, kind=kind, header=key, defaults={"field": field or ""}
            )


def _check_signer(person: Person, signer: str, representative: LegalRepresentative | None, on: date) -> None:
    if signer == Consent.Signer.REPRESENTATIVE:
        if representative is None:
            raise ActionRefused("Укажите законного представителя, подписавшего согласие.")
        if representative.student_id != person.pk:
            raise ActionRefused("Этот законный представитель относится к другому обучающемуся.")
        return
    age = person.age_on(on)
    if person.kind == Person.Kind.STUDENT and (age is None or age < OWN_CONSENT_AGE):
        raise ActionRefused(
            "За обучающегося младше 14 лет (или без указанной даты рождения) согласие "
            "подписывает законный представитель."
        )


@action
def consent_record(
    person: Person,
    *,
    actor: User,
    kind: str,
    signed_on: date,
    purposes: str,
    data_list: str,
    actions: str,
    signer: str | None = None,
    representative: LegalRepresentative | None = None,
    valid_until: date | None = None,
    withdrawal_procedure: str = "",
    scan=None,
) -> Consent:
    """Record a signed consent; for a minor the representative signs unless said otherwise."""
    _refuse_anonymized(person)
    if signer is None:
        age = person.age_on(signed_on)
        minor = person.kind == Person.Kind.STUDENT and (age is None or age < ADULT_AGE)
        signer = Consent.Signer.REPRESENTATIVE if minor else Consent.Signer.SELF
    _check_signer(person, signer, representative, signed_on)
    if valid_until and valid_until < signed_on:
        raise ActionRefused("Срок действия не может закончиться раньше даты подписания.")
    consent = Consent(
        person=person,
        kind=kind,
        signer=signer,
        representative=representative if signer == Consent.Signer.REPRESENTATIVE else None,
        signed_on=signed_on,
        purposes=purposes,
        data_list=data_list,
        actions=actions,
        valid_until=valid_until,
        withdrawal_procedure=withdrawal_procedure,
    )
    if scan is not None:
        consent.scan.save(scan.name, scan, save=False)
    consent.save()
    return consent


PERSON_ANONYMOUS = {
    "first_name": "",
    "middle_name": "",
    "birth_date": None,
    "email": "",
    "phone": "",
}
# Quasi-identifiers: with the school known, gender, position and subjects single a teacher out.
QUASI_IDENTIFIERS = {"gender": "", "position": "", "subjects": ""}
REPRESENTATIVE_ANONYMOUS = {
    "last_name": ANONYMOUS_REPRESENTATIVE,
    "first_name": "",
    "middle_name": "",
    "phone": "",
    "email": "",
    "address": "",
}
EVENT_LABELS = {"insert": "создание записи", "update": "изменение", "delete": "удаление"}
MODEL_LABELS = {
    "people.Person": "карточка участника",
    "people.LegalRepresentative": "законный представитель",
    "people.Consent": "согласие",
    "people.Mentor": "банк наставников",
    "people.Mentee": "банк наставляемых",
}


def anonymous_name(person: Person) -> str:
    return f"Участник № {person.pk}"


def _event_extract(person: Person) -> list[dict]:
    """The person's event log as the act lists it: when, what, which record, by whom — no values."""
    # references(): the person's own events and those of rows pointing at them (representatives,
    # consents, bank entries).
    events = Events.objects.references(person).order_by("pgh_created_at", "pgh_id")
    return [
        {
            "at": event.pgh_created_at,
            "label": EVENT_LABELS.get(event.pgh_label, event.pgh_label),
            "model": MODEL_LABELS.get(event.pgh_obj_model, event.pgh_obj_model),
            "username": (event.pgh_context or {}).get("username", ""),
        }
        for event in events
    ]


def check_consent_withdraw(person: Person) -> None:
    """A withdrawal needs a consent on file not withdrawn yet: without one there is nothing to
    withdraw, and the irreversible anonymization must not start by mistake."""
    if person.anonymized_at:
        raise ActionRefused("Согласие уже отозвано, данные участника обезличены.")
    if not Consent.objects.filter(person=person, withdrawn_on__isnull=True).exists():
        raise ActionRefused("У участника нет действующих согласий, отзывать нечего.")


@action
def consent_withdraw(
    person: Person, *, actor: User, withdrawn_on: date | None = None, reason: str = ""
) -> DestructionAct:
    """Withdrawal: date the consents, leave the banks, anonymize (history included), make the act.

    All in one transaction: if the act cannot be produced nothing is anonymized, and no readable
    copy of the data stays in the event tables afterwards. The person row stays (without personal
    data) so that statistics still count them.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    check_consent_withdraw(person)
    withdrawn_on = withdrawn_on or timezone.localdate()
    consents = list(Consent.objects.filter(person=person, withdrawn_on__isnull=True))
    if any(c.signed_on > withdrawn_on for c in consents):
        raise ActionRefused("Дата отзыва раньше даты подписания согласия.")
    comment = "Отзыв согласия на обработку персональных данных" + (f": {reason}" if reason else "")
    person_withdrawing.send(sender=Person, person=person, actor=actor)
    mentor = Mentor.objects.filter(person=person).first()
    if mentor and mentor.status != Mentor.Status.INACTIVE:
        _force_status(mentor, Mentor.Status.INACTIVE, actor, comment)
    mentee = Mentee.objects.filter(person=person).first()
    if mentee and mentee.status not in {Mentee.Status.COMPLETED, Mentee.Status.REMOVED}:
        final = Mentee.Status.COMPLETED if mentee.status == Mentee.Status.PAIRED else Mentee.Status.REMOVED
        _force_status(mentee, final, actor, comment)

    reps = list(LegalRepresentative.objects.filter(student=person))
    extract = _event_extract(person)
    for consent in consents:
        consent.withdrawn_on = withdrawn_on
    Consent.objects.bulk_update(consents, ["withdrawn_on"])
    scans = [c.scan for c in Consent.objects.filter(person=person).exclude(scan="")]
    person_anonymizing.send(sender=Person, person=person, actor=actor)
    names = anonymization.name_forms(
        person.last_name, person.first_name, person.middle_name, person.gender, anonymous_name(person)
    )
    kept = _kept_documents(person, names)
    events_count = anonymization.scrub_name_everywhere(person, names, actor=actor)
    old_login = person.user.username if person.user_id else None
    events_count += _anonymize(person, reps)
    if old_login:
        new_login = User.objects.get(pk=person.user_id).username
        extract = [{**row, "username": new_login} if row["username"] == old_login else row for row in extract]
    act = _make_act(
        person, actor=actor, withdrawn_on=withdrawn_on, extract=extract, events=events_count, kept=kept
    )
    storage_names = [(scan.storage, scan.name) for scan in scans]
    # Scanned copies hold the signature and the name: the files go once the transaction holds.
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in storage_names])
    return act


def _force_status(record, new_status: str, actor: User, comment: str) -> None:
    old = record.status
    record.status = new_status
    record.status_changed_at = timezone.now()
    record.save(update_fields=["status", "status_changed_at"])
    key = "mentor" if isinstance(record, Mentor) else "mentee"
    BankStatusChange.objects.create(
        **{key: record}, old_status=old, new_status=new_status, comment=comment, changed_by=actor
    )


def experience_band(years: int | None) -> int | None:
    """Стаж generalized to the lower bound of its band (до 3 лет, 3–10, более 10): the statistics
    («стаж менее 3 лет») still count the person, the exact figure no longer singles them out."""
    if years is None:
        return None
    return 0 if years < 3 else 3 if years <= 10 else 11


def _kept_documents(person: Person, names) -> list[str]:
    """Signed documents that name the person and are kept as signed (legal retention)."""
    kept = []
    for model, pks in anonymization.kept_rows().items():
        fields = anonymization.text_fields()[model]
        for row in model.objects.filter(pk__in=pks).iterator():
            if (
                any(names.found_in(str(getattr(row, f))) for f in fields)
                or getattr(row, "person_id", 0) == person.pk
            ):
                document = str(getattr(row, "order", row))
                if document not in kept:
                    kept.append(document)
    return kept


def _anonymize(person: Person, reps: list[LegalRepresentative]) -> int:
    """Clear personal data in the rows and in every copy pghistory holds; returns rows touched."""
    name = anonymous_name(person)
    now = timezone.now()
    generalized = {"experience_years": experience_band(person.experience_years), **QUASI_IDENTIFIERS}
    Person.objects.filter(pk=person.pk).update(
        last_name=name, anonymized_at=now, **PERSON_ANONYMOUS, **generalized
    )
    if person.user_id:
        _close_account(person)
    rep_ids = [r.pk for r in reps]
    _close_representative_accounts(person, reps)
    LegalRepresentative.objects.filter(pk__in=rep_ids).update(**REPRESENTATIVE_ANONYMOUS)
    Consent.objects.filter(person=person).update(scan="")
    Mentor.objects.filter(person=person).update(questionnaire={}, interview_result="", subjects="")
    Mentee.objects.filter(person=person).update(requests_text="")
    # The updates above wrote new events with the cleared values; now rewrite the older ones.
    touched = PersonEvent.objects.filter(pgh_obj_id=person.pk).update(
        last_name=name, **PERSON_ANONYMOUS, **generalized
    )
    touched += LegalRepresentativeEvent.objects.filter(pgh_obj_id__in=rep_ids).update(
        **REPRESENTATIVE_ANONYMOUS
    )
    touched += ConsentEvent.objects.filter(person_id=person.pk).update(scan="")
    touched += MentorEvent.objects.filter(person_id=person.pk).update(
        questionnaire={}, interview_result="", subjects=""
    )
    touched += MenteeEvent.objects.filter(person_id=person.pk).update(requests_text="")
    person.refresh_from_db()
    return touched


def _close_account(person: Person) -> None:
    """The withdrawn person's account: a neutral login, no name, no password, inactive, and every
    session ended. Its old login is also replaced where it was copied: the history's context
    (shown by the audit log) and django-axes' login records. An account that still has a card in
    another organization (a teacher of two schools) keeps working there, under the neutral login."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.sessions.models import Session
    from pghistory.models import Context

    user = User.objects.get(pk=person.user_id)
    old_login, new_login = user.username, f"withdrawn-{user.pk}"
    still_used = Person.objects.filter(user=user, anonymized_at__isnull=True).exclude(pk=person.pk).exists()
    user.username, user.first_name, user.last_name, user.email = new_login, "", anonymous_name(person), ""
    if not still_used:
        user.is_active = False
        user.set_unusable_password()
    user.save()
    _rename_in_contexts(Context, old_login, new_login)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=old_login).update(username=new_login)
    if still_used:
        return
    # Sessions are signed blobs; the user id is inside. Only this account's sessions go.
    ended = [s.pk for s in Session.objects.iterator() if s.get_decoded().get("_auth_user_id") == str(user.pk)]
    Session.objects.filter(pk__in=ended).delete()


# --- законный представитель (issue 19) ---
def _close_representative_accounts(person: Person, reps: list[LegalRepresentative]) -> None:
    """The parents' logins end with the child's consent: the role in this school goes unless they
    represent another child here; an account left with no role and no card is closed like the
    child's own (neutral login, no name, no password, sessions ended)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.sessions.models import Session
    from pghistory.models import Context

    for rep in reps:
        if not rep.user_id:
            continue
        user = User.objects.get(pk=rep.user_id)
        others_here = LegalRepresentative.objects.filter(
            user=user, student__organization_id=person.organization_id, student__anonymized_at__isnull=True
        ).exclude(student=person)
        if not others_here.exists():
            Membership.objects.filter(
                user=user, organization_id=person.organization_id, role=Membership.Role.REPRESENTATIVE
            ).delete()
        LegalRepresentative.objects.filter(pk=rep.pk).update(user=None)
        if user.memberships.exists() or Person.objects.filter(user=user, anonymized_at__isnull=True).exists():
            continue
        old_login, new_login = user.username, f"withdrawn-{user.pk}"
        user.username, user.first_name, user.last_name, user.email = new_login, "", "", ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        _rename_in_contexts(Context, old_login, new_login)
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username=old_login).update(username=new_login)
        ended = [
            s.pk for s in Session.objects.iterator() if s.get_decoded().get("_auth_user_id") == str(user.pk)
        ]
        Session.objects.filter(pk__in=ended).delete()


# --- end законный представитель ---


def _rename_in_contexts(context_model, old_login: str, new_login: str) -> None:
    rows = list(context_model.objects.filter(metadata__username=old_login))
    for row in rows:
        row.metadata = {**row.metadata, "username": new_login}
    context_model.objects.bulk_update(rows, ["metadata"], batch_size=500)


def user_full_name(user: User, organization_id: int) -> str:
    """The user as a document names them: ФИО from their card in the organization, else the
    account's full name; the login only when there is no name at all."""
    person = (
        Person.objects.filter(user=user, organization_id=organization_id, anonymized_at__isnull=True)
        .only("last_name", "first_name", "middle_name")
        .first()
    )
    if person is not None:
        return person.full_name
    return user.get_full_name() or user.username


def _named_extract(person: Person, extract: list[dict], actor: User) -> list[dict]:
    """The extract with every login replaced by the name of whoever it was; the withdrawn
    person's own account by their anonymous designation."""
    users = User.objects.filter(username__in={row["username"] for row in extract if row["username"]})
    names = {
        user.username: anonymous_name(person)
        if user.pk == person.user_id
        else user_full_name(user, person.organization_id)
        for user in users
    }
    return [{**row, "user": names.get(row["username"], row["username"])} for row in extract]


def _make_act(
    person: Person, *, actor: User, withdrawn_on: date, extract: list[dict], events: int, kept: list[str]
) -> DestructionAct:
    # The organization's row lock makes two withdrawals at once take numbers one after the other.
    org = Organization.objects.select_for_update().get(pk=person.organization_id)
    last = DestructionAct.objects.filter(organization=org).aggregate(n=Max("number"))["n"]
    act = DestructionAct(
        organization=org,
        person=person,
        number=(last or 0) + 1,
        made_on=timezone.localdate(),
        withdrawn_on=withdrawn_on,
        events_count=events,
        created_by=actor,
    )
    actor_name = user_full_name(actor, org.pk)
    # The destruction is itself an event of the person's log: the act confirms it, so it lists it.
    extract = [
        *_named_extract(person, extract, actor),
        {
            "at": timezone.now(),
            "model": "участник",
            "label": f"уничтожение и обезличивание персональных данных (акт № {act.number})",
            "username": actor.username,
            "user": actor_name,
        },
    ]
    pdf = render_pdf(
        "documents/destruction_act.html",
        {
            "act": act,
            "organization": org,
            "person": person,
            "extract": extract,
            "actor": actor,
            "actor_name": actor_name,
            "kept": kept,
        },
    )
    act.pdf.save(f"act-{org.slug}-{act.number}.pdf", ContentFile(pdf), save=False)
    act.save()
    return act
