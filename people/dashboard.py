"""Dashboard panels of the people app."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, Min, OuterRef, Q

from mentoring.lib.dashboard import Panel, kept
from people.models import Consent, Mentee, Mentor, Organization, Person
from people.roles import ADMIN, PARTICIPANTS, STAFF_READERS


def panels(request) -> list[Panel]:
    result: list[Panel] = []
    roles = request.roles
    org = request.organization
    if ADMIN in roles and request.user.is_global_admin:
        # All of them in one query: the database aggregates every organization for the first
        # fifty anyway, and the total then costs no second pass.
        organizations = list(
            Organization.objects.annotate(
                staff=Count("people", filter=Q(people__kind=Person.Kind.STAFF)),
                students=Count("people", filter=Q(people__kind=Person.Kind.STUDENT)),
            ).order_by("short_name")
        )
        result.append(
            Panel(
                "people/_panel_organizations.html",
                {"organizations": organizations[:50], "total": len(organizations)},
                order=10,
                width="col-12",
            )
        )
    if org is not None and roles & STAFF_READERS:
        counts = kept(request, "people.counts", lambda: people_counts(org))
        result.append(
            Panel("people/_panel_people_counts.html", {"counts": counts, "organization": org}, order=20)
        )
        result.append(Panel("people/_panel_banks.html", request_bank_figures(request), order=25))
    if org is not None and roles & PARTICIPANTS:
        me = Person.objects.filter(organization=org, user=request.user).first()
        result.append(Panel("people/_panel_my_card.html", {"person": me}, order=30))
    return result


def people_counts(org: Organization) -> dict:
    return Person.objects.filter(organization=org).aggregate(
        staff=Count("id", filter=Q(kind=Person.Kind.STAFF)),
        students=Count("id", filter=Q(kind=Person.Kind.STUDENT)),
        external=Count("id", filter=Q(kind=Person.Kind.EXTERNAL)),
    )


def request_bank_figures(request) -> dict:
    """`bank_figures` of the request's organization, kept between requests while nothing they
    count changes (mentoring.lib.dashboard.kept); several panels show them."""
    figures = kept(request, "people.banks", lambda: bank_figures(request.organization))
    since = figures["mentees"]["waiting_since"]
    if isinstance(since, str):  # read back from the kept row: ISO text
        figures["mentees"]["waiting_since"] = date.fromisoformat(since)
    return figures


def bank_figures(org: Organization) -> dict:
    """Mentors and mentees by status, and how many of those taking part lack a valid consent.

    One aggregate query per bank: the dashboard's query count must not grow with its figures.
    """
    # NOT EXISTS per entry (an index probe each), not NOT IN: that hashed every valid consent of
    # the installation, whatever the size of the school.
    valid = Consent.objects.processing().valid().filter(person=OuterRef("person"))
    without_consent = Q(has_consent=False)
    mentors = (
        Mentor.objects.filter(organization=org)
        .alias(has_consent=Exists(valid))
        .aggregate(
            total=Count("id"),
            active=Count("id", filter=Q(status=Mentor.Status.ACTIVE)),
            candidates=Count("id", filter=Q(status__in=["candidate", "interviewed", "trained"])),
            without_consent=Count("id", filter=~Q(status=Mentor.Status.INACTIVE) & without_consent),
        )
    )
    mentees = (
        Mentee.objects.filter(organization=org)
        .alias(has_consent=Exists(valid))
        .aggregate(
            total=Count("id"),
            waiting=Count("id", filter=Q(status__in=Mentee.WAITING_STATUSES)),
            waiting_since=Min("waiting_since", filter=Q(status__in=Mentee.WAITING_STATUSES)),
            without_consent=Count("id", filter=~Q(status__in=["completed", "removed"]) & without_consent),
        )
    )
    return {
        "mentors": mentors,
        "mentees": mentees,
        "without_consent": mentors.pop("without_consent") + mentees.pop("without_consent"),
    }
