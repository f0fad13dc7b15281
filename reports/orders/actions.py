"""Workflows of orders: draft from the data, edit, send for signature, sign, cancel."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone

from mentoring.lib.actions import ActionRefused, action
from notifications import notify
from notifications.models import Kind
from people.models import AcademicYear, Organization, Person, User
from people.roles import DIRECTOR
from reports.orders import kinds
from reports.orders.documents import order_plain_text, render_order_pdf
from reports.orders.models import Order, OrderPair, OrderPerson
from reports.orders.signals import order_signed
from roadmap import actions as roadmap_actions
from roadmap.models import Roadmap


def _apply_generated(order: Order) -> None:
    generated = kinds.build(order)
    order.title = generated["title"]
    order.preamble = generated["preamble"]
    order.points = generated["points"]
    if "appendix" in generated:
        order.appendix = generated["appendix"]
    _, mark = kinds.executor_of(order)
    order.executor_mark = mark


def _add_people(order: Order, people: list[Person], role: str, **fields) -> None:
    OrderPerson.objects.bulk_create(
        OrderPerson(order=order, person=person, role=role, position_in_order=i, **fields)
        for i, person in enumerate(people)
    )


def _add_pairs(order: Order, pairs: list) -> None:
    """Link the pairs and name their mentors and mentees, each once per role, in table order."""
    from pairs.models import PairMentee, PairMentor

    OrderPair.objects.bulk_create(
        OrderPair(order=order, pair=pair, position_in_order=i) for i, pair in enumerate(pairs)
    )
    mentors = PairMentor.objects.filter(pair__in=pairs).select_related("mentor__person")
    mentees = PairMentee.objects.filter(pair__in=pairs).select_related("mentee__person")
    position = {pair.pk: i for i, pair in enumerate(pairs)}
    people: list[tuple[Person, str]] = []
    for link in sorted(mentors, key=lambda link: (position[link.pair_id], link.pk)):
        people.append((link.mentor.person, OrderPerson.Role.MENTOR))
    for link in sorted(mentees, key=lambda link: (position[link.pair_id], link.pk)):
        people.append((link.mentee.person, OrderPerson.Role.MENTEE))
    seen = set()
    rows = []
    for person, role in people:
        if (person.pk, role) not in seen:
            seen.add((person.pk, role))
            rows.append(OrderPerson(order=order, person=person, role=role, position_in_order=len(rows)))
    OrderPerson.objects.bulk_create(rows)


@action
def order_draft(
    organization: Organization,
    kind: str,
    *,
    actor,
    people: list[Person] = (),
    role: str | None = None,
    academic_year: AcademicYear | None = None,
    params: dict | None = None,
    person_fields: dict | None = None,
    pairs: list = (),
    wording: dict | None = None,
    roadmap: Roadmap | None = None,
    approve: dict | None = None,
) -> Order:
    """A new draft of `kind`, its text generated from the people it names and the parameters;
    a free-form order takes its `wording` (title, preamble, points, appendix) as the curator typed it.

    A launch order approves exactly the `roadmap` and the documents of `approve` ({key: [versions]},
    see reports/orders/approvals.py) chosen now: they are linked to the draft and attached to it.
    """
    foreign = [p for p in [*people, *pairs] if p.organization_id != organization.pk]
    if foreign:
        raise ValueError("В приказ можно включить только участников своей организации")
    year = academic_year or AcademicYear.objects.current()
    order = Order.objects.create(
        organization=organization,
        kind=kind,
        created_by=actor,
        params={"academic_year": year.label, **(params or {})},
        **{"title": Order.Kind(kind).label, **(wording or {})},
    )
    if kind == Order.Kind.LAUNCH:
        _attach_launch_documents(order, roadmap=roadmap, approve=approve or {})
        if role == OrderPerson.Role.CURATOR and people:
            _refuse_second_curator(order)
        elif roadmap is None and not any((approve or {}).values()):
            raise ActionRefused(
                "Выберите, что утверждает приказ (положение, дорожную карту), или назначаемого куратора."
            )
    if people:
        _add_people(order, list(people), role, **(person_fields or {}))
    if pairs:
        _add_pairs(order, list(pairs))
    _apply_generated(order)
    order.save()
    return order


def _attach_launch_documents(order: Order, *, roadmap: Roadmap | None, approve: dict) -> None:
    from reports.orders.approvals import approvables

    if roadmap is not None:
        if roadmap.organization_id != order.organization_id:
            raise ValueError("В приказ можно включить только дорожную карту своей организации")
        if roadmap.status not in (Roadmap.Status.DRAFT, Roadmap.Status.REVIEW):
            raise ActionRefused(
                f"Дорожная карта {roadmap.academic_year.label} (версия {roadmap.version}) "
                f"уже {roadmap.get_status_display()}: приказ не может утвердить её повторно."
            )
        order.roadmap = roadmap
        order.save(update_fields=["roadmap"])
    for approvable in approvables():
        chosen = list(approve.get(approvable.key) or [])
        if chosen:
            approvable.attach(order, chosen)


def appointed_curator(order: Order) -> OrderPerson | None:
    """The curator already appointed by a signed launch order of the same academic year."""
    return (
        OrderPerson.objects.filter(
            role=OrderPerson.Role.CURATOR,
            order__organization_id=order.organization_id,
            order__kind=Order.Kind.LAUNCH,
            order__status=Order.Status.SIGNED,
            order__params__academic_year=order.params.get("academic_year"),
        )
        .exclude(order=order)
        .select_related("order", "person")
        .first()
    )


def _refuse_second_curator(order: Order) -> None:
    appointed = appointed_curator(order)
    if appointed is not None:
        raise ActionRefused(
            f"Куратор на {order.params.get('academic_year')} учебный год уже назначен приказом "
            f"{appointed.order.display_number}: {appointed.person.full_name}. Чтобы назначить другого, "
            "сначала отмените тот приказ; или составьте приказ без назначения куратора."
        )


def _check_launch_documents(order: Order) -> None:
    """Before the signature: what the launch order approves is still awaiting approval."""
    from reports.orders.approvals import approvables

    if order.roadmap_id:
        roadmap = Roadmap.objects.select_related("academic_year").get(pk=order.roadmap_id)
        if roadmap.status != Roadmap.Status.REVIEW:
            raise ActionRefused(
                f"Дорожная карта {roadmap.academic_year.label} (версия {roadmap.version}) "
                f"{roadmap.get_status_display()}, а не на утверждении: приказ не может её утвердить. "
                "Отправьте её на утверждение или верните приказ куратору."
            )
    for approvable in approvables():
        approvable.check(order, approvable.attached(order))
    if order.people.filter(role=OrderPerson.Role.CURATOR).exists():
        _refuse_second_curator(order)


def _locked(order: Order) -> Order:
    """The order as stored now, locked for the transaction: callers may hold a stale copy."""
    return Order.objects.select_for_update(of=("self",)).select_related("organization").get(pk=order.pk)


def _require_draft(order: Order) -> None:
    if order.status != Order.Status.DRAFT:
        raise ActionRefused("Изменять можно только черновик приказа.")


@action
def order_regenerate(order: Order, *, actor) -> Order:
    """Rebuild the wording from the data (the corrected name forms are kept)."""
    order = _locked(order)
    _require_draft(order)
    _apply_generated(order)
    order.save()
    return order


@action
def order_person_update(
    entry: OrderPerson,
    *,
    actor,
    declined_name: str,
    reward: str = "",
    merit: str = "",
    letter_to: str = OrderPerson.LetterTo.PERSON,
) -> None:
    """Correct how a person is named (kept for the order) and, for rewards, what they receive.

    A corrected name replaces the old form wherever it stands in the text, so the curator's
    other edits survive; a different reward regroups the points, which rebuilds them.
    """
    # Read the entry afresh: a bound ModelForm has already put the new values on the instance.
    entry = (
        OrderPerson.objects.select_related("person", "order__organization")
        .select_for_update(of=("self",))
        .get(pk=entry.pk)
    )
    order = entry.order
    _require_draft(order)
    old_name = entry.name_in_text
    letter_to = letter_to or OrderPerson.LetterTo.PERSON
    regroup = entry.reward != reward or entry.merit != merit or entry.letter_to != letter_to
    if entry.letter_to != letter_to:
        declined_name = ""  # the case changes with the addressee: decline afresh
    entry.declined_name = declined_name.strip() if declined_name.strip() != entry.automatic_name else ""
    entry.reward, entry.merit, entry.letter_to = reward, merit.strip(), letter_to
    entry.save()
    new_name = entry.name_in_text
    if regroup:
        _apply_generated(order)
    elif old_name != new_name:
        for point in order.points:
            point["text"] = point.get("text", "").replace(old_name, new_name)
        order.preamble = order.preamble.replace(old_name, new_name)
    order.save()


@action
def order_update(order: Order, *, actor, **fields) -> Order:
    order = _locked(order)
    _require_draft(order)
    for name, value in fields.items():
        setattr(order, name, value)
    order.save()
    return order


@action
def order_submit(order: Order, *, actor) -> Order:
    """The curator sends the draft to the director for signature."""
    order = _locked(order)
    _require_draft(order)
    if not any((p.get("text") or "").strip() for p in order.points):
        raise ActionRefused("В приказе нет ни одного пункта.")
    order.status = Order.Status.PENDING
    order.submitted_at = timezone.now()
    order.save()
    notify(
        User.objects.filter(memberships__organization_id=order.organization_id, memberships__role=DIRECTOR)
        .values_list("pk", flat=True)
        .distinct(),
        kind=Kind.ORDER_SIGNATURE,
        key=f"order-signature:{order.uuid}:{order.submitted_at.isoformat()}",
        title="Приказ ждёт подписи",
        text=f"Куратор отправил на подпись: «{order.title}».",
        link=order.get_absolute_url(),
    )
    return order


@action
def order_return(order: Order, *, actor) -> Order:
    """The director returns an order awaiting signature to the curator for changes."""
    order = _locked(order)
    if order.status != Order.Status.PENDING:
        raise ActionRefused("Вернуть на доработку можно только приказ, ожидающий подписи.")
    order.status = Order.Status.DRAFT
    order.submitted_at = None
    order.save()
    return order


def next_sequence(organization_id: int, year: int) -> int:
    """The next number of the year, counted under the lock of the organization's row.

    The lock is held until the caller's transaction ends (outside one `select_for_update` fails), so
    a second signature of the same organization waits and then counts the first one's number.
    """
    Organization.objects.select_for_update().only("pk").get(pk=organization_id)
    last = Order.objects.filter(organization_id=organization_id, year=year).aggregate(n=Max("sequence"))["n"]
    return (last or 0) + 1


@action
def order_sign(order: Order, *, actor, on: date | None = None) -> Order:
    """The director signs: the next number of the year is given and the PDF is frozen.

    The organization's row is locked for the transaction, so two orders signed at the same moment
    get consecutive numbers; the unique constraint on (organization, year, sequence) is the last
    line of defence. Numbers are never reused: signed and cancelled orders cannot be deleted.
    """
    Organization.objects.select_for_update().get(pk=order.organization_id)
    order = Order.objects.select_for_update().select_related("organization").get(pk=order.pk)
    if order.status != Order.Status.PENDING:
        raise ActionRefused("Подписать можно только приказ, отправленный на подпись.")
    organization = order.organization
    day = on or timezone.localdate()
    order.year = day.year
    order.sequence = next_sequence(organization.pk, day.year)
    order.number = f"{order.sequence}{organization.order_suffix}"
    order.date = day
    order.signer_position = organization.director_position
    order.signer_name = organization.director_signature_name
    if order.kind == Order.Kind.LAUNCH:
        _check_launch_documents(order)
    if order.kind == Order.Kind.PAIRS:
        # The order assigns its pairs; a pair that may not start stops the signature, with the reason.
        _activate_pairs(order, actor=actor)
    order.status = Order.Status.SIGNED
    order.text = order_plain_text(order)
    content = render_order_pdf(order)
    order.pdf_sha256 = Order.checksum(content)
    order.pdf.save("order.pdf", ContentFile(content), save=False)
    order.signed_at = timezone.now()
    order.signed_by = actor
    try:
        order.save()
    except Exception:
        # The number was not taken after all: do not leave a PDF that no order owns.
        order.pdf.storage.delete(order.pdf.name)
        raise
    if order.kind == Order.Kind.LAUNCH:
        _approve_roadmap(order, actor=actor)
    if order.kind == Order.Kind.PROGRAMS:
        _approve_programs(order, actor=actor)
    _cancel_by(order, actor=actor)
    # Sections above this one learn of the signature here (the launch order approves the Положение).
    order_signed.send(sender=Order, order=order, actor=actor)
    for entry in order.people.select_related("person"):
        if not entry.declined_name:
            # The forms as signed stay with the order even if the declension rules change later.
            entry.declined_name = entry.automatic_name
            entry.save(update_fields=["declined_name"])
    return order


def _approve_roadmap(order: Order, *, actor) -> None:
    """The launch order approves the version of the roadmap chosen when it was drafted: it takes the
    order's number and date, so the roadmap's stamp and the register never disagree."""
    if not order.roadmap_id:
        return
    roadmap = Roadmap.objects.get(pk=order.roadmap_id)
    roadmap_actions.roadmap_approve(
        roadmap,
        actor=actor,
        approved_on=order.date,
        order_number=order.number,
        order_date=order.date,
        protocol_number=roadmap.protocol_number,
        protocol_date=roadmap.protocol_date,
    )


def _approve_programs(order: Order, *, actor) -> None:
    """The signed order «Об утверждении персонализированных программ …» approves the programmes of
    its pairs not yet approved: their stamp then cites the order. One the director has already
    approved keeps that approval (a programme is approved once)."""
    from pairs.actions import program_approve_by_order
    from pairs.models import Program

    for program in Program.objects.filter(pair__order_links__order=order).exclude(
        status=Program.Status.APPROVED
    ):
        try:
            program_approve_by_order(program, order_number=order.number, order_date=order.date, actor=actor)
        except ActionRefused as exc:
            raise ActionRefused(
                f"Программа пары «{program.pair}» не может быть утверждена: {' '.join(exc.messages)}"
            ) from exc


def _activate_pairs(order: Order, *, actor) -> None:
    """The signed order assigns its pairs: those still in «проект» start on the order's date."""
    from pairs.actions import pair_activate
    from pairs.models import Pair

    for link in order.pair_links.select_related("pair"):
        if link.pair.status != Pair.Status.PROJECT:
            continue
        try:
            pair_activate(link.pair, started_on=order.date, actor=actor)
        except ActionRefused as exc:
            raise ActionRefused(
                f"Пара «{link.pair}» не может начать работу: {' '.join(exc.messages)}"
            ) from exc


def cancelling_orders(order: Order):
    """The signed orders of the register that may cancel `order`: of its organization, signed on
    its date or later, other than itself, newest first."""
    return (
        Order.objects.filter(
            organization_id=order.organization_id, status=Order.Status.SIGNED, date__gte=order.date
        )
        .exclude(pk=order.pk)
        .order_by("-date", "-sequence")
    )


@action
def order_cancel(order: Order, *, actor, by_order: Order | None, reason: str = "") -> Order:
    """The director cancels a signed order by another signed order of the register; it keeps its
    number and its PDF, and its download is stamped «Отменён приказом от … № …»."""
    order = _locked(order)
    if order.status != Order.Status.SIGNED:
        raise ActionRefused("Отменить можно только подписанный приказ.")
    if by_order is None:
        raise ActionRefused("Выберите подписанный приказ, которым отменяется этот приказ.")
    if not cancelling_orders(order).filter(pk=by_order.pk).exists():
        raise ActionRefused(
            "Отменить приказ можно только другим подписанным приказом своей организации "
            "от той же даты или позже."
        )
    order.status = Order.Status.CANCELLED
    order.cancelled_at = timezone.now()
    order.cancelled_by = actor
    order.cancelled_by_order = by_order
    order.cancel_reason = (reason.strip() or by_order.title)[:300]
    order.save()
    return order


def cancellation_wording(order: Order) -> dict:
    """The wording of a free-form order «Об отмене приказа …» drafted for `order`."""
    named = f"от {order.date:%d.%m.%Y}\u00a0№\u00a0{order.number} «{order.title}»"
    return {
        "title": f"Об отмене приказа {named}"[:500],
        "preamble": "",
        "points": [{"text": f"Признать утратившим силу приказ {named}."}],
    }


@action
def order_draft_cancellation(order: Order, *, actor) -> Order:
    """A draft «Иной приказ» that cancels `order` once signed; its employees acquaint themselves."""
    if order.status != Order.Status.SIGNED:
        raise ActionRefused("Составить приказ об отмене можно только для подписанного приказа.")
    people = [
        entry.person for entry in order.ordered_people() if entry.person.kind != entry.person.Kind.STUDENT
    ]
    return order_draft(
        order.organization,
        Order.Kind.OTHER,
        actor=actor,
        people=list(dict.fromkeys(people)),
        role=OrderPerson.Role.ACQUAINTED,
        params={"cancels": str(order.uuid)},
        wording=cancellation_wording(order),
    )


def _cancel_by(order: Order, *, actor) -> None:
    """A signed order drafted to cancel another one cancels it in the same transaction."""
    target_uuid = order.params.get("cancels")
    if not target_uuid:
        return
    target = Order.objects.filter(organization_id=order.organization_id, uuid=target_uuid).first()
    if target is None or target.status != Order.Status.SIGNED:
        raise ActionRefused("Приказ, который отменяет этот приказ, уже отменён или не подписан.")
    order_cancel(target, actor=actor, by_order=order)


@action
def order_delete_draft(order: Order, *, actor) -> None:
    order = _locked(order)
    if order.status not in (Order.Status.DRAFT,):
        raise ActionRefused("Удалить можно только черновик; подписанный приказ можно только отменить.")
    order.delete()
