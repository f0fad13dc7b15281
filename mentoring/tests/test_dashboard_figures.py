"""The dashboard's kept figures: the same as computed afresh, read in one query while nothing
changed, stale after any write to what they count (single saves, bulk inserts, queryset updates,
deletes, raw SQL, many-to-many changes), for that organization only, and judged again each day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import DashboardFigures
from pairs.models import Feedback, Meeting, Pair
from pairs.tests.factories import consenting_mentee, consenting_mentor, log_meeting, make_pair, world_pair
from people.models import AcademicYear, Consent, Mentee, Person
from people.tests.factories import PersonFactory
from reports.orders.models import Order
from reports.orders.tests.factories import launch_order
from reports.surveys.tests.factories import make_campaign
from roadmap import actions as roadmap_actions
from roadmap.models import Activity, EvidenceSuggestion
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db

PEOPLE = "people/_panel_people_counts.html"
BANKS = "people/_panel_banks.html"
PAIRS = "pairs/_panel_org_pairs.html"
ORDERS = "orders/_panel_orders.html"
ROADMAP = "roadmap/_panel_deadlines.html"
SURVEYS = "surveys/_panel_my_surveys.html"


@pytest.fixture
def school(world):
    pair = make_pair(
        world.org, [consenting_mentor(world.org)], [consenting_mentee(world.org)], status="active"
    )
    meeting = log_meeting(pair)
    for person in meeting.attendees.all():  # every attendee answered: no meeting awaits feedback
        Feedback.objects.create(meeting=meeting, person=person, usefulness=8, comfort=9, clarity=7)
    consenting_mentee(world.org)  # waiting
    launch_order(world.org)
    roadmap = ApprovedRoadmapFactory(organization=world.org, academic_year=AcademicYear.objects.current())
    activity = ActivityFactory(
        stage=StageFactory(roadmap=roadmap), end=timezone.localdate() + timedelta(days=5)
    )
    return {"pair": pair, "meeting": meeting, "activity": activity}


def panels(client) -> dict:
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return {panel.template: panel.context for panel in response.context["panels"]}


def figures(client) -> dict:
    """The organization-wide figures the kept row serves, as the panels show them."""
    shown = panels(client)
    return {
        "people": dict(shown[PEOPLE]["counts"]),
        "mentors": dict(shown[BANKS]["mentors"]),
        "mentees": dict(shown[BANKS]["mentees"]),
        "without_consent": shown[BANKS]["without_consent"],
        "statuses": shown[PAIRS]["statuses"],
        "pending": shown[PAIRS]["pending"],
        "working": shown[PAIRS]["working"],
        "longest": shown[PAIRS]["longest"],
        "orders": (
            shown[ORDERS]["pending_count"],
            shown[ORDERS]["drafts_count"],
            shown[ORDERS]["signed_count"],
        ),
        "roadmap": shown[ROADMAP]["progress"],
        "suggestions": [(str(x.uuid), x.label, x.activity.number) for x in shown[ROADMAP]["suggestions"]],
        "surveys": [p.campaign.title for p in shown.get(SURVEYS, {}).get("surveys", [])],
        "deadlines": [
            (a.number, a.title, a.due, a.panel)
            for a in shown[ROADMAP]["overdue"] + shown[ROADMAP]["upcoming"]
        ],
    }


def figures_of_mentor(client) -> list[str]:
    """The titles of the surveys awaiting the logged-in participant."""
    return [p.campaign.title for p in panels(client).get(SURVEYS, {}).get("surveys", [])]


def row(org) -> DashboardFigures:
    return DashboardFigures.objects.get(organization=org)


def queries_of(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("dashboard"))
    return len(captured)


def test_kept_figures_equal_computed_ones_and_cost_fewer_queries(world, school, login, client):
    login(world.users["curator"])
    computing = queries_of(client)  # no row yet: computed and stored
    computed = figures(client)
    assert row(world.org).computed_version == row(world.org).version
    kept = queries_of(client)
    assert figures(client) == computed
    # Computing read the row, inserted it, ran the eight aggregates (people, two banks, pairs by
    # status, people in the working pairs, meetings awaiting feedback, orders, the roadmap's
    # progress and deadlines), found the
    # roadmap in force, the curator's offers of evidence and the campaigns accepting answers, and
    # stored them; kept, only the read is left.
    assert kept == computing - 11 - 2
    DashboardFigures.objects.all().delete()
    assert figures(client) == computed


def test_another_role_adds_its_figures_to_the_kept_row(world, school, login, client):
    login(world.users["curator"])
    panels(client)
    login(world.users["director"])
    shown = panels(client)
    assert "orders.counts" in row(world.org).data and shown[ORDERS]["drafts_count"] == 1
    assert row(world.org).computed_version == row(world.org).version


def _add_person(world, school):
    PersonFactory(organization=world.org)


def _bulk_mentees(world, school):
    people = [PersonFactory(organization=world.org) for _ in range(2)]
    year = AcademicYear.objects.current()
    Mentee.objects.bulk_create(
        [Mentee(organization=world.org, person=p, status="waiting", academic_year=year) for p in people]
    )


def _pairs_update(world, school):
    Pair.objects.filter(pk=school["pair"].pk).update(
        status=Pair.Status.TERMINATED, ended_on=timezone.localdate(), end_reason="Перевод в другую школу"
    )


def _feedback_delete(world, school):
    Feedback.objects.filter(meeting=school["meeting"]).delete()


def _attendee_added(world, school):
    school["meeting"].attendees.add(PersonFactory(organization=world.org))


def _meeting_delete(world, school):
    Meeting.objects.filter(pk=school["meeting"].pk).delete()


def _consent_withdrawn(world, school):
    Consent.objects.filter(person__organization=world.org).update(withdrawn_on=timezone.localdate())


def _order_raw_sql(world, school):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE reports_order SET status = 'pending' WHERE organization_id = %s", [world.org.pk]
        )


def _activity_done(world, school):
    Activity.objects.filter(pk=school["activity"].pk).update(
        status=Activity.Status.DONE, completed_on=timezone.localdate()
    )


def _evidence_offered(world, school):
    roadmap_actions.evidence_offer(
        [school["activity"]],
        school["activity"].stage.roadmap,
        label="Подписан приказ о закреплении пар",
        url="/reports/orders/x/",
        happened_on=timezone.localdate(),
    )


def _activity_added(world, school):
    ActivityFactory(stage=school["activity"].stage, number="1.2")


WRITES = {
    "person saved": (
        _add_person,
        lambda before, after: after["people"]["staff"] == before["people"]["staff"] + 1,
    ),
    "mentees bulk-created": (_bulk_mentees, lambda b, a: a["mentees"]["total"] == b["mentees"]["total"] + 2),
    "pairs updated": (_pairs_update, lambda b, a: a["statuses"] != b["statuses"]),
    "feedback deleted": (_feedback_delete, lambda b, a: a["pending"] == b["pending"] + 1),
    "attendee added": (_attendee_added, lambda b, a: a["pending"] == b["pending"] + 1),
    "meeting deleted": (_meeting_delete, lambda b, a: a == b),  # it had all its feedback
    "consents withdrawn": (_consent_withdrawn, lambda b, a: a["without_consent"] > b["without_consent"]),
    "orders by raw SQL": (_order_raw_sql, lambda b, a: a["orders"][0] == b["orders"][0] + 1),
    "activity done": (
        _activity_done,
        lambda b, a: (
            (b["roadmap"].percent, a["roadmap"].percent) == (0, 100)
            and (len(b["deadlines"]), len(a["deadlines"])) == (1, 0)
        ),
    ),
    "activity added": (_activity_added, lambda b, a: a["roadmap"].total == b["roadmap"].total + 1),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_a_write_marks_the_row_stale_and_shows_at_once(write, world, school, login, client):
    login(world.users["director"])
    before = figures(client)
    change, shows = WRITES[write]
    change(world, school)
    stale = row(world.org)
    assert stale.version > stale.computed_version
    after = figures(client)
    assert shows(before, after)
    DashboardFigures.objects.all().delete()
    assert figures(client) == after  # what was shown is what a fresh computation gives


def test_a_write_in_another_organization_leaves_the_row_fresh(world, school, login, client):
    login(world.users["curator"])
    panels(client)
    version = row(world.org).version
    PersonFactory(organization=world.other_org)
    Person.objects.filter(organization=world.other_org).update(position="учитель")
    assert row(world.org).version == version == row(world.org).computed_version


def test_the_figures_are_judged_again_the_next_day(world, school, login, client, monkeypatch):
    login(world.users["curator"])
    panels(client)
    DashboardFigures.objects.filter(organization=world.org).update(
        reference_day=timezone.localdate() - timedelta(days=1), data={"people.counts": {"staff": 999}}
    )
    assert figures(client)["people"]["staff"] != 999
    assert row(world.org).reference_day == timezone.localdate()


def test_a_draft_order_shows_on_the_dashboard_after_the_row_was_kept(world, school, login, client):
    login(world.users["director"])
    drafts = figures(client)["orders"][1]
    launch_order(world.org)
    assert figures(client)["orders"][1] == drafts + 1 == Order.objects.filter(organization=world.org).count()


def test_an_offer_of_evidence_shows_on_the_curators_kept_panel(world, school, login, client):
    login(world.users["curator"])
    assert figures(client)["suggestions"] == []
    _evidence_offered(world, school)
    assert row(world.org).version > row(world.org).computed_version
    shown = figures(client)["suggestions"]
    assert [label for _, label, _ in shown] == ["Подписан приказ о закреплении пар"]
    assert figures(client)["suggestions"] == shown  # served from the kept row
    roadmap_actions.evidence_decline(EvidenceSuggestion.objects.get(), actor=world.users["curator"])
    assert figures(client)["suggestions"] == []


def test_a_campaign_opened_shows_the_participants_survey_at_once(world, school, login, client):
    pair = world_pair(world)
    login(world.users["mentor"])
    assert figures_of_mentor(client) == []
    assert row(world.org).data["surveys.accepting"] == []  # none open: the user's rows are not read
    make_campaign(world.org, pairs=[pair], title="Анкета пары")
    assert figures_of_mentor(client) == ["Анкета пары"]
