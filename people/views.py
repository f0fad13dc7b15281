"""People registry, person cards, audit and access logs."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from pghistory.models import Events

from mentoring.lib import ratelimit
from mentoring.lib.actions import permits
from mentoring.lib.client_ip import client_ip
from mentoring.lib.scoping import get_visible_or_404
from mentoring.lib.views import org_permission_required, paginate, require_perm
from people.access import history_window
from people.actions import EVENT_LABELS, check_consent_withdraw
from people.audit import AUDITED_EVENT_MODELS, AUDITED_MODEL_LABELS
from people.filters import PersonFilter
from people.forms import PersonForm, RepresentativeForm, RequisitesForm, SupportActionForm, TrainingForm
from people.models import AccessLog, BankStatusChange, Mentee, Mentor, Person, SupportAction


class RateLimitedLoginView(auth_views.LoginView):
    """Login; django-axes counts failures and locks the username+address pair after five."""

    redirect_authenticated_user = True


class RateLimitedPasswordResetView(auth_views.PasswordResetView):
    """Password reset; the page is the same whatever happens, but no more mails than the limits
    allow per e-mail address and per client address in an hour (settings.PASSWORD_RESET_LIMIT_*)."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        per_email = ratelimit.allow(
            "password-reset-email", email, limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL, period=3600
        )
        per_client = ratelimit.allow(
            "password-reset-client",
            client_ip(self.request) or "",
            limit=settings.PASSWORD_RESET_LIMIT_PER_CLIENT,
            period=3600,
        )
        if per_email and per_client:
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


@org_permission_required("people.view_person_list")
def person_list(request: HttpRequest) -> HttpResponse:
    """The registry of the organization's people with filters and sorting; director, curator, admin."""
    people = Person.objects.visible_to(request.user).filter(organization=request.organization).for_list()
    filterset = PersonFilter(request.GET or None, queryset=people)
    page = paginate(request, filterset.qs)
    can_import = request.user.has_perm("people.import_people", request.organization)
    return render(
        request, "people/person_list.html", {"page": page, "filter": filterset, "can_import": can_import}
    )


def log_access(request: HttpRequest, person: Person) -> None:
    AccessLog.objects.create(
        person=person,
        user=request.user,
        path=request.path[:300],
        ip_address=client_ip(request),
    )


@login_required
def person_detail(request: HttpRequest, uuid) -> HttpResponse:
    """A person's card with roles, consents, bank entries and history; staff readers of the
    organization, the person themselves and their mentor (no representatives' contacts). Logged."""
    person = get_visible_or_404(
        request, Person.objects.select_related("organization", "user"), "people.view_person", uuid=uuid
    )
    log_access(request, person)
    return render(request, "people/person_detail.html", card_context(request, person))


def card_context(request: HttpRequest, person: Person) -> dict:
    user = request.user
    can = {
        name: user.has_perm(f"people.{name}", person)
        for name in (
            "view_consents",
            "manage_consents",
            "manage_banks",
            "view_representative_contacts",
            "change_person",
        )
    }
    can["view_history"] = user.has_perm("people.view_banks", person)
    # «Отзыв согласия» is offered only where the withdrawal would go ahead.
    can["withdraw_consent"] = can["manage_consents"] and permits(check_consent_withdraw, person)
    # A mentor opening a mentee's card reads the bank records of their time together only.
    window = None if can["view_history"] or person.user_id == user.pk else history_window(user, person)
    status_log = BankStatusChange.objects.select_related("changed_by")
    support = SupportAction.objects.select_related("author")
    if window is not None:
        status_log = status_log.filter(changed_at__date__range=window)
        support = support.filter(date__range=window)
    mentor = (
        Mentor.objects.filter(person=person)
        .prefetch_related("competencies", "preferred_forms", "trainings", Prefetch("status_log", status_log))
        .first()
    )
    mentee = (
        Mentee.objects.filter(person=person)
        .select_related("desired_form")
        .prefetch_related(
            "requests", Prefetch("support_actions", support), Prefetch("status_log", status_log)
        )
        .first()
    )
    training_groups = []
    if mentor is not None:
        from reports.events.models import TrainingGroup

        training_groups = (
            TrainingGroup.objects.visible_to(user).filter(mentors=mentor).select_related("academic_year")
        )
    history = []
    if can["view_history"]:
        history = Events.objects.references(person).order_by("-pgh_created_at", "-pgh_id")[:30]
    return {
        "person": person,
        "memberships": person.user.memberships.filter(organization=person.organization)
        if person.user_id
        else [],
        "representatives": person.representatives.all() if person.kind == Person.Kind.STUDENT else [],
        "consents": person.consents.select_related("representative") if can["view_consents"] else [],
        "acts": person.destruction_acts.all() if can["view_history"] else [],
        "mentor": mentor,
        "mentee": mentee,
        "training_groups": training_groups,
        "history": history,
        "model_labels": AUDITED_MODEL_LABELS,
        "event_labels": EVENT_LABELS,
        "can": can,
        "mentor_statuses": Mentor.Status.choices,
        "mentee_statuses": Mentee.Status.choices,
        "training_form": TrainingForm(),
        "support_form": SupportActionForm(),
        "questionnaire_labels": QUESTIONNAIRE_LABELS,
    }


QUESTIONNAIRE_LABELS = {
    "motivation": "Мотивация",
    "can_share": "Чем готов поделиться",
    "time": "Сколько времени готов уделять",
}


@org_permission_required("people.change_person")
def person_create(request: HttpRequest) -> HttpResponse:
    """Add a person to the registry by hand; curator and admin."""
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.organization = request.organization
        person = form.save()
        messages.success(request, "Участник добавлен в реестр.")
        return redirect(person)
    return render(request, "people/person_form.html", {"form": form, "title": "Новый участник"})


def _editable_person(request: HttpRequest, uuid) -> Person:
    person = get_visible_or_404(request, Person, "people.change_person", uuid=uuid)
    if person.anonymized_at:
        raise Http404("Данные участника обезличены")
    return person


@login_required
def person_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Correct a person's data; curator and admin of the organization (history is kept)."""
    person = _editable_person(request, uuid)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Изменения сохранены.")
        return redirect(person)
    return render(
        request, "people/person_form.html", {"form": form, "title": person.full_name, "person": person}
    )


@login_required
def representative_add(request: HttpRequest, uuid) -> HttpResponse:
    """Add a legal representative to a student; curator and admin."""
    person = _editable_person(request, uuid)
    if person.kind != Person.Kind.STUDENT:
        raise Http404("Законные представители указываются только для обучающихся")
    form = RepresentativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.student = person
        form.save()
        messages.success(request, "Законный представитель добавлен.")
        return redirect(person)
    title = f"Законный представитель: {person.full_name}"
    return render(request, "people/person_form.html", {"form": form, "title": title, "person": person})


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Changes to personal data, newest first, with who made them; the system admin only."""
    require_perm(request, "people.view_audit", None)
    events = Events.objects.across(*AUDITED_EVENT_MODELS).order_by("-pgh_created_at", "-pgh_id")
    person_uuid = request.GET.get("person", "").strip()
    if person_uuid:
        person = Person.objects.filter(uuid=person_uuid).first() if _is_uuid(person_uuid) else None
        # references(): the person's own events and those of records pointing at them
        # (representatives of a student, and later consents, bank entries, pairs).
        events = events.references(person) if person else events.none()
    page = paginate(request, events, per_page=50)
    return render(
        request,
        "people/audit_log.html",
        {"page": page, "person_uuid": person_uuid, "model_labels": AUDITED_MODEL_LABELS},
    )


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    """Who opened whose card; the system admin only, optionally for one person."""
    require_perm(request, "people.view_audit", None)
    entries = AccessLog.objects.select_related("person", "user").order_by("-viewed_at")
    person_uuid = request.GET.get("person")
    if person_uuid:
        entries = entries.filter(person__uuid=person_uuid) if _is_uuid(person_uuid) else entries.none()
    page = paginate(request, entries, per_page=50)
    return render(request, "people/access_log.html", {"page": page, "person_uuid": person_uuid or ""})


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@org_permission_required("people.edit_requisites")
def organization_requisites(request: HttpRequest) -> HttpResponse:
    """The organization's name in the cases documents need; curator and admin of the organization."""
    organization = request.organization
    form = RequisitesForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Реквизиты сохранены.")
        return redirect("people:organization_requisites")
    return render(request, "people/requisites_form.html", {"form": form, "organization": organization})
