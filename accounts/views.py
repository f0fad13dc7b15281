"""Accounts of participants: who has a login, invitations by e-mail and on slips, activation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import actions
from accounts.documents import slips_pdf
from accounts.forms import ActivateCodeForm, ActivateForm, InviteForm
from accounts.models import Invitation
from mentoring.lib.actions import refusals
from mentoring.lib.pdf import pdf_response
from mentoring.lib.views import org_permission_required, paginate
from people.filters import PersonFilter
from people.models import ACCOUNT_NONE, ACCOUNT_STATES, Mentee, Mentor, Person, account_state_of


def _participants(request: HttpRequest, action: str = "view"):
    """People of the current organization with an entry in a bank: those who get accounts."""
    in_bank = Exists(Mentor.objects.filter(person=OuterRef("pk"))) | Exists(
        Mentee.objects.filter(person=OuterRef("pk"))
    )
    return (
        Person.objects.visible_to(request.user, action)
        .filter(organization=request.organization, anonymized_at__isnull=True)
        .filter(in_bank)
    )


@org_permission_required("accounts.view_invitations")
def invitation_list(request: HttpRequest) -> HttpResponse:
    """Participants of the banks with their account state and last invitation; staff readers."""
    last = Invitation.objects.filter(person=OuterRef("pk")).order_by("-created_at")
    people = (
        _participants(request)
        .for_list()
        .annotate(
            invited_at=Subquery(last.values("created_at")[:1]),
            invited_by=Subquery(last.values("channel")[:1]),
            invitation_expires=Subquery(last.values("expires_at")[:1]),
        )
        .select_related("user")
        .order_by("last_name", "first_name", "pk")
    )
    filterset = PersonFilter(request.GET or None, queryset=people)
    page = paginate(request, filterset.qs)
    return render(
        request,
        "accounts/invitation_list.html",
        {
            "page": page,
            "filter": filterset,
            "form": InviteForm(people=Person.objects.none()),
            "can_invite": request.user.has_perm("accounts.invite", request.organization),
            "channels": dict(Invitation.Channel.choices),
        },
    )


@require_POST
@org_permission_required("accounts.invite")
def invite(request: HttpRequest) -> HttpResponse:
    """Create the accounts of the chosen participants and invite them by e-mail or print their
    access slips (the PDF is the answer); curator, admin."""
    # Anyone of the registry may be ticked; the action says why someone without a bank entry is skipped.
    tickable = Person.objects.visible_to(request.user, "manage").filter(organization=request.organization)
    form = InviteForm(request.POST, people=tickable)
    back = request.POST.get("next") or ""
    back = back if back.startswith("/") and not back.startswith("//") else None
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect(back or "accounts:invitation_list")
    if form.cleaned_data["everyone"]:
        people = _participants(request, "manage").with_account_state().filter(account_state=ACCOUNT_NONE)
    else:
        people = form.cleaned_data["people"]
    people = people.select_related("organization").order_by("last_name", "first_name", "pk")
    result = None
    with refusals(request):
        result = actions.accounts_create(
            people,
            actor=request.user,
            channel=form.cleaned_data["channel"],
            site_url=request.build_absolute_uri("/"),
        )
    if result is None:
        return redirect(back or "accounts:invitation_list")
    _report(request, result)
    if result.slips:
        content = slips_pdf(
            result.slips, site_url=request.build_absolute_uri("/"), organization=request.organization
        )
        return pdf_response(content, "листки-доступа.pdf", inline=False)
    return redirect(back or "accounts:invitation_list")


def _report(request: HttpRequest, result: actions.Handover) -> None:
    summary = result.summary()
    messages.success(
        request,
        f"Создано учётных записей: {summary['accounts_created']}; писем: {summary['emailed']}; "
        f"листков доступа: {summary['slips']}.",
    )
    if result.skipped:
        shown = "; ".join(f"{p.full_name} — {reason}" for p, reason in result.skipped[:10])
        more = f" и ещё {len(result.skipped) - 10}" if len(result.skipped) > 10 else ""
        messages.warning(request, f"Не приглашены: {shown}{more}.")


# --- законный представитель (issue 19) ---


@org_permission_required("accounts.view_invitations")
def representative_list(request: HttpRequest) -> HttpResponse:
    """The representatives of the student mentees with their account state and last invitation,
    filtered by the state; staff readers see, managers invite."""
    last = Invitation.objects.filter(representative=OuterRef("pk")).order_by("-created_at")
    reps = (
        actions.representatives_of_mentees(request.organization.pk)
        .select_related("user")
        .annotate(
            account_state=account_state_of(""),
            invited_at=Subquery(last.values("created_at")[:1]),
            invited_by=Subquery(last.values("channel")[:1]),
            invitation_expires=Subquery(last.values("expires_at")[:1]),
        )
        .order_by("last_name", "first_name", "pk")
    )
    state = request.GET.get("state", "")
    if state in dict(ACCOUNT_STATES):
        reps = reps.filter(account_state=state)
    return render(
        request,
        "accounts/representative_list.html",
        {
            "page": paginate(request, reps),
            "state": state,
            "states": ACCOUNT_STATES,
            "can_invite": request.user.has_perm("accounts.invite", request.organization),
            "channels": dict(Invitation.Channel.choices),
        },
    )


@require_POST
@org_permission_required("accounts.invite")
def invite_representatives(request: HttpRequest) -> HttpResponse:
    """Accounts for the ticked representatives (or all without one), by e-mail or slips (the PDF
    is the answer); curator, admin."""
    reps = actions.representatives_of_mentees(request.organization.pk)
    if request.POST.get("everyone"):
        chosen = reps.filter(Q(user__isnull=True) | Q(user__is_active=False))
    else:
        wanted = request.POST.getlist("representatives")
        try:
            chosen = reps.filter(uuid__in=wanted)
        except ValidationError:
            chosen = reps.none()
        if not wanted or len(chosen) != len(set(wanted)):
            messages.error(
                request,
                "Отметьте представителей в таблице или выберите «все без учётной записи»."
                if not wanted
                else "Представитель не найден в вашей организации.",
            )
            return redirect("accounts:representative_list")
    result = None
    with refusals(request):
        result = actions.representative_accounts_create(
            chosen.order_by("last_name", "first_name", "pk"),
            actor=request.user,
            channel=request.POST.get("channel", actions.AUTO),
            site_url=request.build_absolute_uri("/"),
        )
    if result is None:
        return redirect("accounts:representative_list")
    _report(request, result)
    if result.slips:
        content = result.slips_pdf(request.organization, site_url=request.build_absolute_uri("/"))
        return pdf_response(content, "листки-доступа-родителям.pdf", inline=False)
    return redirect("accounts:representative_list")


# --- end законный представитель ---


@login_not_required
def activate_token(request: HttpRequest, token: str) -> HttpResponse:
    """Set the password from the e-mail link or the slip's QR code, once; public."""
    invitation = actions.find_by_token(token)
    refusal = actions.invitation_refusal(invitation)
    form = ActivateForm(request.POST or None)
    if refusal is None and form.is_valid():
        with refusals(request, form) as refused:
            user = actions.invitation_accept(
                invitation, actor=invitation.user, password=form.cleaned_data["password1"]
            )
        if not refused:
            return _activated(request, user)
    status = 200 if refusal is None else 410
    context = {"form": form, "refusal": refusal, "invitation": invitation if refusal is None else None}
    return render(request, "accounts/activate.html", context, status=status)


@login_not_required
def activate_code(request: HttpRequest) -> HttpResponse:
    """Set the password with the login and the one-time code of an access slip, once; public."""
    form = ActivateCodeForm(request.POST or None)
    if form.is_valid():
        invitation = actions.find_by_code(form.cleaned_data["username"], form.cleaned_data["code"])
        refusal = actions.invitation_refusal(invitation)
        if refusal:
            form.add_error(None, refusal)
        else:
            with refusals(request, form) as refused:
                user = actions.invitation_accept(
                    invitation, actor=invitation.user, password=form.cleaned_data["password1"]
                )
            if not refused:
                return _activated(request, user)
    return render(request, "accounts/activate_code.html", {"form": form})


def _activated(request: HttpRequest, user) -> HttpResponse:
    """The person who just proved they hold the invitation is let in at once (a new session);
    `user` is the instance with the new password, so the session's hash matches it."""
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(
        request, f"Пароль задан, вы вошли. Ваш логин «{user.username}» — запомните его для следующих входов."
    )
    return redirect(settings.LOGIN_REDIRECT_URL)
