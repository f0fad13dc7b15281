"""The Положение о системе наставничества: drafted by the curator, approved by the director."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring.lib.actions import refusals
from mentoring.lib.pdf import pdf_response
from mentoring.lib.scoping import get_visible_or_404
from mentoring.lib.views import org_permission_required
from reports.publication import actions, documents
from reports.publication.forms import (
    CommentForm,
    RegulationApproveForm,
    RegulationCreateForm,
    RegulationSubmitForm,
    RegulationTextForm,
)
from reports.publication.models import Regulation
from reports.publication.names import NameGuard
from reports.publication.standard import paragraphs

logger = logging.getLogger(__name__)


def _regulation(request: HttpRequest, uuid, perm: str) -> Regulation:
    regulations = Regulation.objects.select_related("organization", "order")
    return get_visible_or_404(request, regulations, perm, uuid=uuid)


def _step(request: HttpRequest, regulation: Regulation, run, success: str) -> HttpResponse:
    with refusals(request):
        run()
        messages.success(request, success)
    return redirect(regulation.get_absolute_url())


@org_permission_required("publication.view_regulations")
def regulation_list(request: HttpRequest) -> HttpResponse:
    """The organization's Положения by audience, every edition; staff readers."""
    visible = Regulation.objects.visible_to(request.user).filter(organization=request.organization)
    regulations = list(visible.for_list())
    groups = [
        (label, [r for r in regulations if r.audience == value])
        for value, label in Regulation.Audience.choices
    ]
    context = {
        "groups": groups,
        "create_form": RegulationCreateForm(),
        "can_change": request.user.has_perm("publication.change_regulation", request.organization),
    }
    return render(request, "publication/regulation_list.html", context)


@require_POST
@org_permission_required("publication.change_regulation")
def regulation_create(request: HttpRequest) -> HttpResponse:
    """A draft from the standard text, or a new edition of the one in force; the curator."""
    form = RegulationCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите, о наставничестве кого положение.")
        return redirect("regulation:list")
    with refusals(request) as refused:
        regulation = actions.regulation_create(
            request.organization, form.cleaned_data["audience"], actor=request.user
        )
    if refused:
        return redirect("regulation:list")
    messages.success(
        request, "Проект положения составлен по данным организации. Проверьте и дополните текст."
    )
    return redirect(regulation.get_absolute_url())


@login_required
def regulation_detail(request: HttpRequest, uuid) -> HttpResponse:
    """The text with its stamps and the steps allowed now; staff readers."""
    regulation = _regulation(request, uuid, "publication.view_regulations")
    org = regulation.organization
    user = request.user
    guard = NameGuard.for_organization(org)
    text = " ".join(s.get("text", "") for s in regulation.sections)
    context = {
        "regulation": regulation,
        "sections": [{"title": s.get("title", ""), "paragraphs": paragraphs(s)} for s in regulation.sections],
        "hidden_names": guard.hidden_names(text),
        "can_change": user.has_perm("publication.change_regulation", regulation),
        "can_approve": user.has_perm("publication.approve_regulation", regulation),
        "submit_form": RegulationSubmitForm(organization=regulation.organization),
        "approve_form": RegulationApproveForm(organization=org),
        "return_form": CommentForm(),
    }
    return render(request, "publication/regulation_detail.html", context)


@login_required
def regulation_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Edit the title and sections of a draft; the curator."""
    regulation = _regulation(request, uuid, "publication.change_regulation")
    if not regulation.is_editable:
        messages.error(request, "Изменять можно только черновик положения.")
        return redirect(regulation.get_absolute_url())
    form = RegulationTextForm(request.POST or None, regulation=regulation)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            actions.regulation_update(
                regulation,
                actor=request.user,
                title=form.cleaned_data["title"],
                sections=form.cleaned_data["sections"],
            )
        if not refused:
            messages.success(request, "Текст положения сохранён.")
            return redirect(regulation.get_absolute_url())
    return render(request, "publication/regulation_edit.html", {"regulation": regulation, "form": form})


@require_POST
@login_required
def regulation_submit(request: HttpRequest, uuid) -> HttpResponse:
    """Send the draft, with the protocol of the pedagogical council, for approval; the curator."""
    regulation = _regulation(request, uuid, "publication.change_regulation")
    form = RegulationSubmitForm(request.POST, organization=regulation.organization)
    if not form.is_valid():
        messages.error(
            request, "Выберите протокол педагогического совета из реестра или укажите его дату и номер."
        )
        return redirect(regulation.get_absolute_url())
    return _step(
        request,
        regulation,
        lambda: actions.regulation_submit(regulation, actor=request.user, **form.cleaned_data),
        "Положение отправлено руководителю на утверждение.",
    )


@require_POST
@login_required
def regulation_approve(request: HttpRequest, uuid) -> HttpResponse:
    """Approve by a signed launch order or one signed on paper; the director."""
    regulation = _regulation(request, uuid, "publication.approve_regulation")
    form = RegulationApproveForm(request.POST, organization=regulation.organization)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(regulation.get_absolute_url())
    return _step(
        request,
        regulation,
        lambda: actions.regulation_approve(regulation, actor=request.user, **form.cleaned_data),
        "Положение утверждено.",
    )


@require_POST
@login_required
def regulation_return(request: HttpRequest, uuid) -> HttpResponse:
    """Return the Положение to the curator with comments; the director."""
    regulation = _regulation(request, uuid, "publication.approve_regulation")
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _step(
        request,
        regulation,
        lambda: actions.regulation_return(regulation, actor=request.user, comment=comment),
        "Положение возвращено куратору на доработку.",
    )


@login_required
def regulation_pdf(request: HttpRequest, uuid) -> HttpResponse:
    """The Положение as PDF: the frozen copy once approved, a «ПРОЕКТ» before; staff readers."""
    regulation = _regulation(request, uuid, "publication.view_regulations")
    try:
        content = documents.regulation_pdf(regulation)
    except documents.FrozenDocumentDamaged as exc:
        logger.error("regulation %s: %s", regulation.uuid, exc)
        return render(
            request, "publication/regulation_pdf_damaged.html", {"regulation": regulation}, status=500
        )
    return pdf_response(content, documents.regulation_filename(regulation))
