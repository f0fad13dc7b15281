from __future__ import annotations

from django.core.management import call_command

from people.models import Organization
from reports.orders.models import Order
from roadmap.models import Activity, Roadmap


def test_demo_school_has_an_approved_roadmap_with_every_status(db):
    call_command("seed_demo")
    roadmap = Roadmap.objects.get(organization__slug="school7")
    assert roadmap.status == "approved" and roadmap.order_number
    # Approved by the signed launch order of the register, not by a number typed elsewhere.
    launch = Order.objects.get(
        organization__slug="school7",
        kind=Order.Kind.LAUNCH,
        params__academic_year=roadmap.academic_year.label,
    )
    assert (roadmap.order_number, roadmap.order_date) == (launch.number, launch.date)
    assert roadmap.protocol_date < launch.date
    activities = list(Activity.objects.filter(stage__roadmap=roadmap))
    assert {a.status for a in activities} == {"planned", "in_progress", "done", "cancelled"}
    assert any(a.overdue for a in activities)
    assert all(a.has_evidence for a in activities if a.status == "done")
    call_command("seed_demo")
    assert Roadmap.objects.filter(organization__slug="school7").count() == 1
    assert Activity.objects.filter(stage__roadmap__organization__slug="school7").count() == len(activities)


def test_generated_schools_get_a_roadmap_of_about_forty_activities(db):
    call_command("seed_demo", organizations=2)
    for org in Organization.objects.filter(slug__startswith="gen-"):
        roadmap = Roadmap.objects.get(organization=org)
        count = Activity.objects.filter(stage__roadmap=roadmap).count()
        assert 35 <= count <= 45
        assert Activity.objects.filter(stage__roadmap=roadmap, responsible__isnull=False).count() == count


def test_demo_pairs_order_is_offered_to_the_overdue_roadmap_activity(db):
    from django.core.management import call_command

    from reports.orders.models import Order
    from roadmap.models import Activity, EvidenceSuggestion

    call_command("seed_demo")
    activity = Activity.objects.overdue().get(
        stage__roadmap__organization__slug="school7", title__startswith="Приказ(ы) о закреплении"
    )
    [suggestion] = EvidenceSuggestion.objects.pending().filter(activity=activity)
    order = Order.objects.get(pk=suggestion.object_id, kind=Order.Kind.PAIRS)
    assert order.display_number in suggestion.label


def test_demo_roadmap_cites_its_council_protocol_and_measures_class_hours_and_training(db):
    from decimal import ROUND_HALF_UP, Decimal

    from django.core.management import call_command

    from reports.events.models import Event, Protocol, TrainingGroup
    from roadmap import kpi
    from roadmap.models import Activity, Roadmap

    call_command("seed_demo")
    roadmap = Roadmap.objects.get(organization__slug="school7", status=Roadmap.Status.APPROVED)
    assert Protocol.objects.filter(
        organization=roadmap.organization,
        kind=Event.Kind.TEACHERS_COUNCIL,
        date=roadmap.protocol_date,
        sequence=int(roadmap.protocol_number),
    ).exists()
    class_hour = Event.objects.get(organization=roadmap.organization, kind=Event.Kind.CLASS_HOUR)
    assert class_hour.classes.count() == 2 and all(c.present is not None for c in class_hour.classes.all())
    group = TrainingGroup.objects.get(organization=roadmap.organization)
    assert group.sessions.filter(status=Event.Status.HELD).count() == 3 and group.completed_on
    measured = list(Activity.objects.filter(stage__roadmap=roadmap, kpi_target__isnull=False))
    kpi.facts_for(roadmap, measured)
    facts = {a.title[:25]: a.kpi_fact for a in measured}
    assert facts["Обучение наставников для "].value == 3 and facts["Обучение наставников для "].met
    present = sum(c.present for c in class_hour.classes.all())
    enrolled = sum(c.enrolled for c in class_hour.classes.all())
    share = (Decimal(present) * 100 / Decimal(enrolled)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert facts["Тематические классные час"].value == share
