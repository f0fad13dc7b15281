"""Dashboard panels of the pairs app: pending feedback, own pairs, the organization's pairs."""

from __future__ import annotations

from django.db.models import Count, F, OuterRef
from django.utils import timezone

from mentoring.lib.dashboard import Awaiting, Panel, awaiting, kept
from mentoring.lib.queries import count_of
from pairs.models import Feedback, Meeting, Pair, Program, attach_names, working_people
from people.dashboard import request_bank_figures
from people.models import Person
from people.roles import DIRECTOR, FAMILY, PARTICIPANTS, STAFF_READERS


def panels(request) -> list[Panel]:
    result: list[Panel] = []
    org, roles = request.organization, request.roles
    if org is None:
        return result
    if DIRECTOR in roles:
        result.extend(_programs_awaiting(org))
    if roles & PARTICIPANTS:
        people = Person.objects.filter(organization=org, user=request.user).values("id")
        pending = list(
            Meeting.objects.pending_feedback_for(people).select_related("pair").order_by("-date")[:10]
        )
        open_pairs = Pair.objects.of_user(request.user).filter(organization=org).open().count()
        next_meeting = (
            Meeting.objects.upcoming()
            .filter(attendees__in=people, pair__status=Pair.Status.ACTIVE)
            .select_related("pair")
            .first()
        )
        context = {"pending": pending, "open_pairs": open_pairs, "next_meeting": next_meeting}
        result.append(Panel("pairs/_panel_my_feedback.html", context, order=15))
    if roles & FAMILY:
        result.append(
            Panel("pairs/_panel_family.html", {"children": family_rows(request.user, org)}, order=10)
        )
    if roles & STAFF_READERS:
        figures = kept(request, "pairs.org", lambda: org_pair_figures(org))
        by_status, pending = figures["by_status"], figures["pending"]
        mentees = request_bank_figures(request)["mentees"]
        since = mentees["waiting_since"]
        longest = (timezone.localdate() - since).days if since else None
        statuses = [(label, by_status.get(value, 0), value) for value, label in Pair.Status.choices]
        result.append(
            Panel(
                "pairs/_panel_org_pairs.html",
                {
                    "statuses": statuses,
                    "working": figures["working"],
                    "waiting": mentees["waiting"],
                    "longest": longest,
                    "pending": pending,
                },
                order=25,
            )
        )
    return result


def family_rows(user, org) -> list[dict]:
    """законный представитель (issue 19): each child they represent in the organization, the
    child's open pairs and the child's next planned meeting (in an active pair)."""
    from pairs.models import PairMentee, show_own_children_only
    from people.models import represented_students

    children = list(
        represented_students(user).filter(organization=org).order_by("last_name", "first_name", "pk")
    )
    if not children:
        return []
    links = (
        PairMentee.objects.filter(mentee__person__in=children, pair__in=Pair.objects.open())
        .select_related("pair", "mentee")
        .prefetch_related("pair__pair_mentors__mentor__person", "pair__pair_mentees__mentee__person")
        .order_by("pair__pk")
    )
    pairs: dict[int, list[Pair]] = {}
    for link in links:
        pairs.setdefault(link.mentee.person_id, []).append(link.pair)
    upcoming = (
        Meeting.attendees.through.objects.filter(
            person__in=children,
            meeting__in=Meeting.objects.upcoming().filter(pair__status=Pair.Status.ACTIVE),
        )
        .select_related("meeting__pair")
        .order_by("meeting__date", "meeting__time", "meeting__pk")
    )
    next_meeting: dict[int, Meeting] = {}
    for row in upcoming:
        next_meeting.setdefault(row.person_id, row.meeting)
    show_own_children_only([link.pair for link in links], {child.pk for child in children})
    return [
        {"child": child, "pairs": pairs.get(child.pk, []), "next_meeting": next_meeting.get(child.pk)}
        for child in children
    ]


def _programs_awaiting(org) -> list[Panel]:
    """«Ждут вашего решения»: programmes the curator sent for the director's approval."""
    pairs = list(
        Pair.objects.filter(organization=org, program__status=Program.Status.REVIEW)
        .only("uuid")
        .order_by("program__submitted_at", "id")
    )
    if not pairs:
        return []
    attach_names(pairs)
    return [
        awaiting(
            [
                Awaiting(
                    f"Программа: {', '.join(p.mentor_names)} → {', '.join(p.mentee_names)}",
                    p.get_absolute_url(),
                    "на утверждении",
                )
                for p in pairs
            ]
        )
    ]


def org_pair_figures(org) -> dict:
    """Pairs by status and the active pairs' meetings still missing some attendee's feedback."""
    by_status = dict(Pair.objects.filter(organization=org).values_list("status").annotate(n=Count("id")))
    # Correlated counts, not joins: joining attendees and feedbacks multiplies the rows.
    pending = (
        Meeting.objects.filter(pair__organization=org, pair__status=Pair.Status.ACTIVE)
        .annotate(
            n_att=count_of(Meeting.attendees.through.objects.filter(meeting=OuterRef("pk"))),
            n_fb=count_of(Feedback.objects.filter(meeting=OuterRef("pk"))),
        )
        .filter(n_fb__lt=F("n_att"))
        .count()
    )
    return {"by_status": by_status, "pending": pending, "working": working_people(org)}
