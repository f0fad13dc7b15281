"""Dashboard panels of the people app."""

from __future__ import annotations

from django.db.models import Count, Q

from mentoring.lib.dashboard import Panel
from people.models import Consent, Mentee, Mentor, Organization, Person


def panels(request) -> list[Panel]:
    result: list[Panel] = []
    roles = request.roles
    org = request.organization
    if "admin" in roles and request.user.is_global_admin:
        organizations = Organization.objects.annotate(
            staff=Count("people", filter=Q(people__kind=Person.Kind.STAFF)),
            students=Count("people", filter=Q(people__kind=Person.Kind.STUDENT)),
        ).order_by("short_name")
        result.append(
            Panel(
                "people/_panel_organizations.html",
                {"organizations": organizations[:50], "total": organizations.count()},
                order=10,
                width="col-12",
            )
        )
    if org is not None and roles & {"admin", "director", "curator"}:
        counts = Person.objects.filter(organization=org).aggregate(
            staff=Count("id", filter=Q(kind=Person.Kind.STAFF)),
            students=Count("id", filter=Q(kind=Person.Kind.STUDENT)),
            external=Count("id", filter=Q(kind=Person.Kind.EXTERNAL)),
        )
        result.append(
            Panel("people/_panel_people_counts.html", {"counts": counts, "organization": org}, order=20)
        )
        result.append(Panel("people/_panel_banks.html", bank_figures(org), order=25))
    if org is not None and roles & {"mentor", "mentee"}:
        me = Person.objects.filter(organization=org, user=request.user).first()
        result.append(Panel("people/_panel_my_card.html", {"person": me}, order=30))
    return result


def bank_figures(org: Organization) -> dict:
    """Mentors and mentees by status, and how many of those taking part lack a valid consent."""
    mentors = Mentor.objects.filter(organization=org)
    mentees = Mentee.objects.filter(organization=org)
    valid = Consent.objects.processing().valid().values("person")
    return {
        "mentors": mentors.aggregate(
            total=Count("id"),
            active=Count("id", filter=Q(status=Mentor.Status.ACTIVE)),
            candidates=Count("id", filter=Q(status__in=["candidate", "interviewed", "trained"])),
        ),
        "mentees": mentees.aggregate(
            total=Count("id"),
            waiting=Count("id", filter=Q(status__in=["waiting", "unpaired"])),
            paired=Count("id", filter=Q(status=Mentee.Status.PAIRED)),
        ),
        "without_consent": mentors.exclude(status=Mentor.Status.INACTIVE).exclude(person__in=valid).count()
        + mentees.exclude(status__in=["completed", "removed"]).exclude(person__in=valid).count(),
    }
