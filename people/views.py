"""People registry, person cards, audit and access logs."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from pghistory.models import Events

from mentoring.lib.views import org_permission_required, paginate, require_perm
from people.models import (
    AccessLog,
    ConsentEvent,
    LegalRepresentativeEvent,
    MenteeEvent,
    MentorEvent,
    Person,
    PersonEvent,
)

# Event tables shown in the audit log; later apps append theirs (consents, banks, pairs).
AUDITED_EVENT_MODELS = [PersonEvent, LegalRepresentativeEvent, ConsentEvent, MentorEvent, MenteeEvent]
AUDITED_MODEL_LABELS = {
    "people.Person": "участник",
    "people.LegalRepresentative": "законный представитель",
    "people.Consent": "согласие",
    "people.Mentor": "наставник",
    "people.Mentee": "наставляемый",
}


class RateLimitedLoginView(auth_views.LoginView):
    """Login; django-axes counts failures and locks the username+address pair after five."""

    redirect_authenticated_user = True


@org_permission_required("people.view_person_list")
def person_list(request: HttpRequest) -> HttpResponse:
    """The registry of the organization's people; director, curator and admin."""
    people = Person.objects.filter(organization=request.organization).for_list()
    kind = request.GET.get("kind", "")
    if kind in Person.Kind.values:
        people = people.filter(kind=kind)
    query = request.GET.get("q", "").strip()
    if query:
        for word in query.split()[:3]:
            people = people.filter(
                Q(last_name__icontains=word) | Q(first_name__icontains=word) | Q(middle_name__icontains=word)
            )
    page = paginate(request, people)
    return render(
        request,
        "people/person_list.html",
        {"page": page, "kind": kind, "query": query, "kinds": Person.Kind.choices},
    )


def log_access(request: HttpRequest, person: Person) -> None:
    AccessLog.objects.create(
        person=person,
        user=request.user,
        path=request.path[:300],
        ip_address=request.META.get("REMOTE_ADDR"),
    )


@login_required
def person_detail(request: HttpRequest, uuid) -> HttpResponse:
    """A person's card; staff readers of the organization and the person themselves. Logged."""
    person = get_object_or_404(
        Person.objects.visible_to(request.user).select_related("organization"), uuid=uuid
    )
    require_perm(request, "people.view_person", person)
    log_access(request, person)
    memberships = []
    if person.user_id:
        memberships = person.user.memberships.filter(organization=person.organization)
    return render(request, "people/person_detail.html", {"person": person, "memberships": memberships})


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
