"""Workflows of the publication section: the Положение (draft, edit, review, approval by an order),
the public page and its news, the materials of the library (each with its file), and best
practices marked from materials or completed pairs."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mentoring.lib.actions import ActionRefused, action
from notifications import notify
from notifications.models import Kind
from people.models import Organization, User
from people.roles import DIRECTOR
from reports.orders.models import Order
from reports.publication import standard
from reports.publication.documents import render_regulation_pdf
from reports.publication.models import BestPractice, Material, NewsItem, PublicPage, Regulation
from reports.publication.signals import news_published, regulation_approved


def _regulation_locked(regulation: Regulation) -> Regulation:
    return (
        Regulation.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=regulation.pk)
    )


@action
def regulation_create(organization: Organization, audience: str, *, actor) -> Regulation:
    """A new draft from the standard text, or a new edition of the one in force (its text copied)."""
    if Regulation.objects.filter(
        organization=organization,
        audience=audience,
        status__in=[Regulation.Status.DRAFT, Regulation.Status.REVIEW],
    ).exists():
        raise ActionRefused("Проект этого положения уже готовится: продолжите работу с ним.")
    last = (
        Regulation.objects.filter(organization=organization, audience=audience).order_by("-version").first()
    )
    in_force = Regulation.objects.filter(organization=organization, audience=audience).approved().first()
    return Regulation.objects.create(
        organization=organization,
        audience=audience,
        version=(last.version + 1) if last else 1,
        previous=in_force,
        title=in_force.title if in_force else standard.title_for(organization, audience),
        sections=in_force.sections if in_force else standard.standard_sections(organization, audience),
        created_by=actor,
    )


@action
def regulation_update(regulation: Regulation, *, actor, title: str, sections: list[dict]) -> Regulation:
    regulation = _regulation_locked(regulation)
    if not regulation.is_editable:
        raise ActionRefused(
            "Изменять можно только черновик положения; для изменений утверждённого создайте новую редакцию."
        )
    if not any((s.get("text") or "").strip() for s in sections):
        raise ActionRefused("В положении должен быть хотя бы один раздел с текстом.")
    regulation.title = title.strip()
    regulation.sections = sections
    regulation.save()
    return regulation


@action
def regulation_submit(
    regulation: Regulation, *, actor, protocol_date: date, protocol_number: str
) -> Regulation:
    """The curator sends the draft, adopted by the pedagogical council, to the director."""
    regulation = _regulation_locked(regulation)
    if regulation.status != Regulation.Status.DRAFT:
        raise ActionRefused("Отправить на утверждение можно только черновик положения.")
    if not protocol_number.strip() or protocol_date is None:
        raise ActionRefused("Укажите дату и номер протокола педагогического совета, принявшего положение.")
    if protocol_date > timezone.localdate():
        raise ActionRefused("Дата протокола педагогического совета не может быть в будущем.")
    regulation.status = Regulation.Status.REVIEW
    regulation.protocol_date = protocol_date
    regulation.protocol_number = protocol_number.strip()
    regulation.return_comment = ""
    regulation.save()
    notify(
        User.objects.filter(
            memberships__organization_id=regulation.organization_id, memberships__role=DIRECTOR
        )
        .values_list("pk", flat=True)
        .distinct(),
        kind=Kind.REGULATION_REVIEW,
        # The edition and when it was sent: a Положение returned and sent again is a new event.
        key=f"regulation-review:{regulation.uuid}:{regulation.updated_at.isoformat()}",
        title="Положение о наставничестве ждёт утверждения",
        text=f"Куратор отправил на утверждение «{regulation.title}» (редакция {regulation.version}), "
        f"принятое педагогическим советом (протокол от {regulation.protocol_date:%d.%m.%Y} "
        f"№ {regulation.protocol_number}).",
        link=regulation.get_absolute_url(),
    )
    return regulation


@action
def regulation_return(regulation: Regulation, *, actor, comment: str) -> Regulation:
    regulation = _regulation_locked(regulation)
    if regulation.status != Regulation.Status.REVIEW:
        raise ActionRefused("Вернуть можно только положение, отправленное на утверждение.")
    if not comment.strip():
        raise ActionRefused("Напишите, что нужно исправить.")
    regulation.status = Regulation.Status.DRAFT
    regulation.return_comment = comment.strip()
    regulation.save()
    return regulation


def signed_launch_orders(organization: Organization):
    """Signed orders «об утверждении положения о наставничестве и дорожной карты», newest first."""
    return Order.objects.filter(
        organization=organization, kind=Order.Kind.LAUNCH, status=Order.Status.SIGNED
    ).order_by("-date", "-sequence")


@action
def regulation_approve(
    regulation: Regulation,
    *,
    actor,
    order: Order | None = None,
    order_date: date | None = None,
    order_number: str = "",
) -> Regulation:
    """The director approves: by a signed launch order of the register, or by an order signed on
    paper (its date and number). The PDF with both stamps is frozen; the edition in force before
    goes to the archive."""
    regulation = _regulation_locked(regulation)
    if regulation.status != Regulation.Status.REVIEW:
        raise ActionRefused("Утвердить можно только положение, отправленное на утверждение.")
    if order is not None:
        if order.organization_id != regulation.organization_id or order.kind != Order.Kind.LAUNCH:
            raise ActionRefused("Выберите приказ об утверждении положения своей организации.")
        if order.status != Order.Status.SIGNED:
            raise ActionRefused("Положение утверждается подписанным приказом.")
        order_date, order_number = order.date, order.number
    elif not order_number.strip() or order_date is None:
        raise ActionRefused("Выберите подписанный приказ или укажите дату и номер приказа.")
    if order_date < regulation.protocol_date:
        raise ActionRefused("Приказ об утверждении не может быть раньше протокола педагогического совета.")
    Regulation.objects.filter(
        organization=regulation.organization_id,
        audience=regulation.audience,
        status=Regulation.Status.APPROVED,
    ).update(status=Regulation.Status.ARCHIVED)
    regulation.order = order
    regulation.order_date = order_date
    regulation.order_number = order_number.strip()
    regulation.status = Regulation.Status.APPROVED
    regulation.approved_at = timezone.now()
    regulation.approved_by = actor
    content = render_regulation_pdf(regulation)
    regulation.pdf_sha256 = Regulation.checksum(content)
    regulation.pdf.save("regulation.pdf", ContentFile(content), save=False)
    try:
        regulation.save()
    except Exception:
        regulation.pdf.storage.delete(regulation.pdf.name)
        raise
    regulation_approved.send(sender=Regulation, regulation=regulation, actor=actor)
    return regulation


# The public page and its news ------------------------------------------------------------------


@action
def public_page_update(page: PublicPage, *, actor) -> PublicPage:
    """Save the page's text and publication; it is dated when first published."""
    if page.is_published and page.published_at is None:
        page.published_at = timezone.now()
    page.save()
    return page


@action
def news_save(item, *, actor):
    """Save a news item; it is dated when first shown on the public page."""
    first_published = item.is_published and item.published_at is None
    if first_published:
        item.published_at = timezone.now()
    if item.author_id is None:
        item.author = actor
    item.save()
    if first_published:
        news_published.send(sender=type(item), item=item, actor=actor)
    return item


@action
def news_delete(item: NewsItem, *, actor) -> None:
    item.delete()


# The library: a material and its file ----------------------------------------------------------


def _save_material(material: Material) -> None:
    """Save, storing a new upload; if the row cannot be written, the stored upload goes too."""
    uploading = bool(material.file) and not material.file._committed
    try:
        material.save()
    except Exception:
        if uploading and material.file.name:
            material.file.storage.delete(material.file.name)
        raise


def _delete_file_on_commit(storage, name: str) -> None:
    """Remove a stored file once the transaction holds (a rollback keeps the row and its file)."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@action
def material_create(material: Material, *, actor) -> Material:
    """Add a material (unsaved, from the form) with its file or link."""
    material.uploaded_by = actor
    _save_material(material)
    return material


@action
def material_update(material: Material, *, actor) -> Material:
    """Save the changed material; a file it no longer has (replaced or given up for a link) is deleted."""
    stored = Material.objects.select_for_update().filter(pk=material.pk).first()
    if stored is None:
        raise ActionRefused("Материал уже удалён.")
    _save_material(material)
    if stored.file and stored.file.name != (material.file.name if material.file else ""):
        _delete_file_on_commit(stored.file.storage, stored.file.name)
    return material


@action
def material_delete(material: Material, *, actor) -> None:
    """Delete the material (its best-practice mark goes with it); the file, once that holds."""
    stored = Material.objects.select_for_update().filter(pk=material.pk).first()
    if stored is None:
        raise ActionRefused("Материал уже удалён.")
    stored.delete()
    if stored.file:
        _delete_file_on_commit(stored.file.storage, stored.file.name)


# Best practices --------------------------------------------------------------------------------


def _pair_details(pair) -> dict:
    from reports.orders.kinds import program_of

    program = program_of(pair)
    details = {
        "form": pair.form.name,
        "type": pair.type.name,
        "period": f"{pair.started_on or pair.planned_start:%m.%Y} – {pair.ended_on or pair.planned_end:%m.%Y}",
        "outcome": pair.get_outcome_display(),
        "outcome_text": pair.outcome_text,
        "mentee_categories": sorted({link.mentee.get_category_display() for link in pair.pair_mentees.all()}),
    }
    if program is not None:
        done, total, percent = program.completion()
        details |= {
            "program_kind": program.get_kind_display(),
            "goals": program.goals,
            "tasks": program.tasks,
            "completion": f"{percent} % ({done} из {total})" if total else "",
        }
    return details


@action
def practice_mark_pair(pair, *, actor):
    """A completed pair's programme becomes a best practice (not yet public)."""
    if pair.status != "completed":
        raise ActionRefused("Лучшей практикой можно отметить только завершённую пару (группу).")
    if BestPractice.objects.filter(pair=pair).exists():
        raise ActionRefused("Эта пара уже отмечена как лучшая практика.")
    details = _pair_details(pair)
    title = f"Программа наставничества «{details['form']}»"
    if details.get("program_kind"):
        title = f"{details['program_kind'][:1].upper()}{details['program_kind'][1:]} («{details['form']}»)"
    return BestPractice.objects.create(
        organization_id=pair.organization_id,
        pair=pair,
        title=title[:300],
        summary=pair.outcome_text,
        details=details,
        marked_by=actor,
    )


@action
def practice_mark_material(material, *, actor):
    if BestPractice.objects.filter(material=material).exists():
        raise ActionRefused("Этот материал уже отмечен как лучшая практика.")
    return BestPractice.objects.create(
        organization_id=material.organization_id,
        material=material,
        title=material.title,
        summary=material.description,
        marked_by=actor,
    )


@action
def practice_update(practice: BestPractice, *, actor) -> BestPractice:
    """Save the public description of a best practice and whether the public page shows it."""
    practice.save()
    return practice


@action
def practice_delete(practice: BestPractice, *, actor) -> None:
    """Remove the «лучшая практика» mark; the material or pair stays."""
    practice.delete()


def approve_by_launch_order(sender, *, order: Order, actor, **kwargs) -> None:
    """A signed launch order approves the versions of the Положение chosen when it was drafted."""
    if order.kind != Order.Kind.LAUNCH:
        return
    for regulation in order.regulations.in_review():
        regulation_approve(regulation, actor=actor, order=order)


# The Положение as an appendix of the launch order (reports/orders/approvals.py) -----------------


def _launch_choices(organization: Organization):
    return Regulation.objects.filter(
        organization=organization, status__in=[Regulation.Status.DRAFT, Regulation.Status.REVIEW]
    ).order_by("audience", "-version")


def _launch_attach(order: Order, regulations: list[Regulation]) -> None:
    for regulation in regulations:
        regulation = _regulation_locked(regulation)
        if regulation.organization_id != order.organization_id:
            raise ValueError("В приказ можно включить только положение своей организации")
        if regulation.status not in (Regulation.Status.DRAFT, Regulation.Status.REVIEW):
            raise ActionRefused(
                f"«{regulation.title}» (редакция {regulation.version}) уже {regulation.get_status_display()} "
                f"{regulation.order_stamp}: приказ не может утвердить его повторно."
            )
        other = regulation.order
        if (
            other is not None
            and other.pk != order.pk
            and other.status
            in (
                Order.Status.DRAFT,
                Order.Status.PENDING,
            )
        ):
            raise ActionRefused(
                f"«{regulation.title}» (редакция {regulation.version}) уже включено в проект приказа "
                f"«{other.title}». Удалите тот проект или утверждайте положение им."
            )
        regulation.order = order
        regulation.save(update_fields=["order", "updated_at"])


def _launch_attached(order: Order) -> list[Regulation]:
    return list(order.regulations.order_by("audience", "version"))


def _launch_check(order: Order, regulations: list[Regulation]) -> None:
    for regulation in regulations:
        if regulation.status != Regulation.Status.REVIEW:
            raise ActionRefused(
                f"«{regulation.title}» (редакция {regulation.version}) {regulation.get_status_display()}, "
                "а не на утверждении: приказ не может его утвердить. Отправьте положение на утверждение "
                "или верните приказ куратору."
            )
        if regulation.protocol_date > order.date:
            raise ActionRefused(
                f"Протокол педагогического совета по «{regulation.title}» датирован позже приказа."
            )


def _launch_title(regulation: Regulation) -> str:
    return regulation.title


def register_launch_appendix() -> None:
    from reports.orders.approvals import Approvable, register
    from reports.publication.documents import regulation_appendix_text, render_regulation_appendix

    register(
        Approvable(
            key="regulations",
            label="Положение о системе наставничества",
            choices=_launch_choices,
            attach=_launch_attach,
            attached=_launch_attached,
            check=_launch_check,
            render=render_regulation_appendix,
            title=_launch_title,
            text=regulation_appendix_text,
            concerns_students=lambda regulation: regulation.audience == Regulation.Audience.STUDENTS,
        )
    )
