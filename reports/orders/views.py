"""The order register: drafting by the curator, signing and printing by the director."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from jobs.actions import job_start
from jobs.views import started
from mentoring.lib.actions import refusals
from mentoring.lib.pdf import download_name, pdf_response
from mentoring.lib.scoping import get_visible_or_404
from mentoring.lib.views import org_permission_required, paginate
from reports.orders import actions, documents
from reports.orders.forms import CancelForm, OrderPersonForm, OrderTextForm, kind_form
from reports.orders.models import Order, OrderPerson

logger = logging.getLogger(__name__)
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _order_for(request: HttpRequest, uuid, perm: str) -> Order:
    """The order if the user may see it (404 otherwise) and holds `perm` for it (403 otherwise)."""
    return get_visible_or_404(request, Order.objects.select_related("organization"), perm, uuid=uuid)


def _step(request: HttpRequest, order: Order, step, success: str, **kwargs) -> HttpResponse:
    with refusals(request):
        step(order, actor=request.user, **kwargs)
        messages.success(request, success)
    return redirect(order.get_absolute_url())


@org_permission_required("orders.view_order_list")
def order_list(request: HttpRequest) -> HttpResponse:
    """The register of the organization's orders, those awaiting signature first; staff readers.
    The municipal coordinator reads the lines of signed and cancelled orders of every school of its
    municipality (school, number, date, title, how many people), without opening them or seeing
    who drafted them."""
    register = Order.objects.visible_to(request.user)
    can_open = request.user.has_perm("orders.view_order", request.organization)
    statuses = Order.Status.choices
    if can_open:
        register = register.filter(organization=request.organization)
    else:
        issued = [Order.Status.SIGNED, Order.Status.CANCELLED]
        register = register.filter(status__in=issued)
        statuses = [(value, label) for value, label in statuses if value in issued]
    orders = register.for_list()
    status = request.GET.get("status", "")
    if status in Order.Status.values:
        orders = orders.filter(status=status)
    pending = register.awaiting_signature().for_list() if can_open else []
    context = {
        "page": paginate(request, orders),
        "pending": pending,
        "status": status,
        "statuses": statuses,
        "kinds": Order.Kind.choices,
        "can_open": can_open,
        # The coordinator's register spans the schools of its municipality.
        "by_school": not can_open,
    }
    return render(request, "orders/order_list.html", context)


@org_permission_required("orders.add_order")
def order_create(request: HttpRequest, kind: str) -> HttpResponse:
    """A new draft of one kind, generated from the data; the curator (and admin)."""
    if kind not in Order.Kind.values:
        raise Http404
    form = kind_form(kind, request.POST or None, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            order = actions.order_draft(
                request.organization, kind, actor=request.user, **form.draft_arguments()
            )
        if not refused:
            messages.success(request, "Черновик приказа составлен по данным. Проверьте текст и формы имён.")
            return redirect(order.get_absolute_url())
    return render(
        request,
        "orders/order_create.html",
        {"form": form, "kind": kind, "kind_label": Order.Kind(kind).label},
    )


@login_required
def order_detail(request: HttpRequest, uuid) -> HttpResponse:
    """An order with its text, the people it names and the steps allowed now; staff readers."""
    order = _order_for(request, uuid, "orders.view_order")
    entries = list(order.ordered_people())
    can_change = request.user.has_perm("orders.change_order", order) and order.is_editable
    rows = [
        (entry, OrderPersonForm(instance=entry, prefix=f"p{entry.pk}") if can_change else None)
        for entry in entries
    ]
    context = {
        "order": order,
        "rows": rows,
        "points": documents.numbered_points(order),
        "can_change": can_change,
        "has_letters": any(e.gets_letter for e in entries),
        "docx_as_job": _docx_as_job(order),
        "cancel_form": CancelForm(order=order) if order.is_signed else None,
        "cancellation_drafts": Order.objects.filter(
            organization_id=order.organization_id, params__cancels=str(order.uuid)
        ).exclude(status=Order.Status.SIGNED),
    }
    return render(request, "orders/order_detail.html", context)


@login_required
def order_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Edit the wording of a draft; the curator (and admin)."""
    order = _order_for(request, uuid, "orders.change_order")
    if not order.is_editable:
        messages.error(request, "Изменять можно только черновик приказа.")
        return redirect(order.get_absolute_url())
    form = OrderTextForm(request.POST or None, instance=order)
    if request.method == "POST" and form.is_valid():
        actions.order_update(order, actor=request.user, **form.cleaned_data)
        messages.success(request, "Текст приказа сохранён.")
        return redirect(order.get_absolute_url())
    return render(request, "orders/order_edit.html", {"order": order, "form": form})


@require_POST
@login_required
def order_person_update(request: HttpRequest, uuid, pk: int) -> HttpResponse:
    """Correct a person's declined name (and reward) in a draft; the curator (and admin)."""
    order = _order_for(request, uuid, "orders.change_order")
    entry = get_object_or_404(order.people.select_related("person"), pk=pk)
    form = OrderPersonForm(request.POST, instance=entry, prefix=f"p{entry.pk}")
    if not form.is_valid():
        messages.error(
            request,
            f"{entry.person.full_name}: " + " ".join(e for errs in form.errors.values() for e in errs),
        )
        return redirect(order.get_absolute_url())
    data = form.cleaned_data
    return _step(
        request,
        order,
        lambda o, actor: actions.order_person_update(
            entry,
            actor=actor,
            declined_name=data["declined_name"],
            reward=data.get("reward", ""),
            merit=data.get("merit", ""),
            letter_to=data.get("letter_to") or OrderPerson.LetterTo.PERSON,
        ),
        f"{entry.person.full_name}: изменения сохранены.",
    )


@require_POST
@login_required
def order_regenerate(request: HttpRequest, uuid) -> HttpResponse:
    """Rebuild a draft's wording from the data; the curator (and admin)."""
    order = _order_for(request, uuid, "orders.change_order")
    return _step(request, order, actions.order_regenerate, "Текст приказа собран заново по данным.")


@require_POST
@login_required
def order_submit(request: HttpRequest, uuid) -> HttpResponse:
    """Send a draft to the director for signature; the curator (and admin)."""
    order = _order_for(request, uuid, "orders.submit_order")
    return _step(request, order, actions.order_submit, "Приказ отправлен на подпись руководителю.")


@require_POST
@login_required
def order_return(request: HttpRequest, uuid) -> HttpResponse:
    """Return an order awaiting signature to the curator; the director."""
    order = _order_for(request, uuid, "orders.sign_order")
    return _step(request, order, actions.order_return, "Приказ возвращён куратору на доработку.")


@require_POST
@login_required
def order_sign(request: HttpRequest, uuid) -> HttpResponse:
    """Sign: the number and date are given and the PDF is frozen; the director."""
    order = _order_for(request, uuid, "orders.sign_order")
    return _step(request, order, actions.order_sign, "Приказ подписан, номер присвоен.")


@require_POST
@login_required
def order_cancel(request: HttpRequest, uuid) -> HttpResponse:
    """Cancel a signed order by another signed order of the register, keeping its number; the director."""
    order = _order_for(request, uuid, "orders.cancel_order")
    form = CancelForm(request.POST, order=order)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(order.get_absolute_url())
    return _step(
        request,
        order,
        actions.order_cancel,
        "Приказ отменён.",
        by_order=form.cleaned_data["by_order"],
        reason=form.cleaned_data["reason"],
    )


@require_POST
@login_required
def order_draft_cancellation(request: HttpRequest, uuid) -> HttpResponse:
    """Draft a free-form order «Об отмене приказа …» for a signed order; the curator (and admin)."""
    order = _order_for(request, uuid, "orders.change_order")
    with refusals(request) as refused:
        draft = actions.order_draft_cancellation(order, actor=request.user)
    if refused:
        return redirect(order.get_absolute_url())
    messages.success(
        request, "Составлен проект приказа об отмене. Когда руководитель его подпишет, приказ будет отменён."
    )
    return redirect(draft.get_absolute_url())


@require_POST
@login_required
def order_delete(request: HttpRequest, uuid) -> HttpResponse:
    """Delete a draft (a signed order can only be cancelled); the curator (and admin)."""
    order = _order_for(request, uuid, "orders.change_order")
    with refusals(request) as refused:
        actions.order_delete_draft(order, actor=request.user)
    if refused:
        return redirect(order.get_absolute_url())
    messages.success(request, "Черновик удалён.")
    return redirect("orders:order_list")


@login_required
def order_pdf(request: HttpRequest, uuid) -> HttpResponse:
    """The order as PDF; staff readers. A signed (or cancelled) order's stored copy, checksum
    verified, at once; a draft is rendered afresh, which grows with its pairs: a job (POST)."""
    order = _order_for(request, uuid, "orders.view_order")
    if order.status in (Order.Status.DRAFT, Order.Status.PENDING):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return _start_document(
            request, order, "pdf", f"Проект приказа: {order.title or order.get_kind_display()}"
        )
    try:
        content = documents.order_pdf(order)
    except documents.FrozenDocumentDamaged as exc:
        logger.error("signed order %s: %s", order.uuid, exc)
        return render(request, "orders/pdf_damaged.html", {"order": order}, status=500)
    return pdf_response(content, documents.filename(order, "pdf"))


def _start_document(request: HttpRequest, order: Order, document: str, title: str) -> HttpResponse:
    job = job_start(
        actor=request.user,
        organization=order.organization,
        kind="order_document",
        title=title,
        parameters={"order": order.pk, "document": document},
    )
    return started(request, job)


def _docx_as_job(order: Order) -> bool:
    """An order with more than ORDER_DOCX_JOB_PAIRS pairs in its appendix is made as .docx by a job."""
    return order.pair_links.count() > settings.ORDER_DOCX_JOB_PAIRS


@login_required
def order_docx(request: HttpRequest, uuid) -> HttpResponse:
    """The order as .docx for finishing in Word; staff readers. An order with a large appendix of
    pairs is made by a job (POST); a small one is downloaded at once."""
    order = _order_for(request, uuid, "orders.view_order")
    if _docx_as_job(order):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return _start_document(
            request, order, "docx", f"Приказ в Word: {order.title or order.get_kind_display()}"
        )
    response = HttpResponse(documents.order_docx(order), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, download_name(documents.filename(order, "docx"))
    )
    return response


@login_required
def order_letters(request: HttpRequest, uuid, person_uuid=None) -> HttpResponse:
    """Letters of thanks the order gives; staff readers. One letter at once; all of them in one
    PDF (a draft: one sample) as a job (POST)."""
    order = _order_for(request, uuid, "orders.view_order")
    if order.status == Order.Status.CANCELLED:
        raise Http404("Приказ отменён: благодарственные письма по нему не выдаются")
    if person_uuid is None:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not documents.letter_entries(order):
            raise Http404("Приказ не вручает благодарственных писем")
        title = "Образец благодарственного письма" if not order.number else "Благодарственные письма"
        return _start_document(
            request, order, "letters", f"{title}: {order.title or order.get_kind_display()}"
        )
    entries = [e for e in documents.letter_entries(order) if e.person.uuid == person_uuid]
    if not entries:
        raise Http404("Приказ не вручает благодарственных писем")
    content = documents.render_letters_pdf(order, entries)
    name = (
        "Образец благодарственного письма.pdf"
        if not order.number
        else f"Благодарственное письмо — {entries[0].person.short_name}.pdf"
    )
    return pdf_response(content, name)
