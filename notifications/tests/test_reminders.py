from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from notifications.models import Kind, Notification
from notifications.reminders import write_reminders
from pairs.models import Feedback, Pair
from pairs.tests.factories import consenting_mentee, consenting_mentor, log_meeting, make_pair, plan_meeting
from people.models import Membership
from people.tests.factories import (
    ConsentFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    make_member,
)
from reports.surveys.models import Participation
from reports.surveys.tests.factories import make_campaign

pytestmark = pytest.mark.django_db

REMINDERS = [Kind.MEETING_TOMORROW, Kind.FEEDBACK_DUE, Kind.SURVEY_ENDING, Kind.CONSENT_EXPIRING]


def written() -> set[tuple[int, str]]:
    return set(Notification.objects.filter(kind__in=REMINDERS).values_list("recipient_id", "key"))


@pytest.fixture
def school():
    org = OrganizationFactory()
    mentor = consenting_mentor(org, person__user=UserFactory(email="mentor@example.ru"))
    mentee = consenting_mentee(org)
    mentee.person.user = UserFactory(email="mentee@example.ru")
    mentee.person.save()
    pair = make_pair(org, [mentor], [mentee], status=Pair.Status.ACTIVE)
    return org, pair, mentor.person, mentee.person


def test_a_meeting_tomorrow_reminds_its_attendees_once(school):
    org, pair, mentor, mentee = school
    today = timezone.localdate()
    meeting = plan_meeting(pair, on=today + timedelta(days=1))
    plan_meeting(pair, on=today + timedelta(days=2))  # not tomorrow: no reminder
    write_reminders(today)
    key = f"meeting-tomorrow:{meeting.uuid}"
    assert written() == {(mentor.user_id, key), (mentee.user_id, key)}
    note = Notification.objects.get(recipient=mentor.user, key=key)
    assert note.title.startswith("Завтра встреча: ") and note.link == pair.get_absolute_url()
    write_reminders(today)
    assert Notification.objects.filter(kind__in=REMINDERS).count() == 2


def test_feedback_due_reminds_only_who_has_not_given_it(school):
    org, pair, mentor, mentee = school
    today = timezone.localdate()
    meeting = log_meeting(pair, on=today - timedelta(days=3))
    log_meeting(pair, on=today - timedelta(days=1))  # too recent
    Feedback.objects.create(meeting=meeting, person=mentor, usefulness=8, comfort=8, clarity=8)
    write_reminders(today)
    assert written() == {(mentee.user_id, f"feedback-due:{meeting.uuid}")}
    assert (
        Notification.objects.get(kind=Kind.FEEDBACK_DUE).link == f"/pairs/meetings/{meeting.uuid}/feedback/"
    )
    write_reminders(today)
    assert Notification.objects.filter(kind__in=REMINDERS).count() == 1


def test_a_survey_ending_in_three_days_reminds_who_has_not_answered(school):
    org, pair, mentor, mentee = school
    today = timezone.localdate()
    campaign = make_campaign(org, pairs=[pair], closes_on=today + timedelta(days=3))
    make_campaign(org, pairs=[pair], closes_on=today + timedelta(days=4), title="Другое")
    Participation.objects.filter(campaign=campaign, person=mentor).update(answered=True)
    write_reminders(today)
    assert written() == {(mentee.user_id, f"survey-ending:{campaign.uuid}")}
    write_reminders(today)
    assert Notification.objects.filter(kind__in=REMINDERS).count() == 1


def test_a_consent_expiring_in_thirty_days_reminds_the_curators_of_its_school():
    org, other = OrganizationFactory(), OrganizationFactory()
    curator = make_member(org, Membership.Role.CURATOR)
    make_member(org, Membership.Role.DIRECTOR)
    make_member(other, Membership.Role.CURATOR)
    today = timezone.localdate()
    person = PersonFactory(organization=org)
    consent = ConsentFactory(person=person, valid_until=today + timedelta(days=30))
    ConsentFactory(person=person, valid_until=today + timedelta(days=31))
    ConsentFactory(person=person, valid_until=today + timedelta(days=30), withdrawn_on=today)
    write_reminders(today)
    assert written() == {(curator.pk, f"consent-expiring:{consent.pk}")}
    assert person.full_name in Notification.objects.get(kind=Kind.CONSENT_EXPIRING).title
    write_reminders(today)
    assert Notification.objects.filter(kind__in=REMINDERS).count() == 1


def test_send_notifications_writes_the_reminders_before_sending(school, mailoutbox):
    org, pair, mentor, mentee = school
    meeting = plan_meeting(pair, on=timezone.localdate() + timedelta(days=1))
    mailoutbox.clear()
    call_command("send_notifications", "--no-reminders", stdout=StringIO())
    assert not written()
    call_command("send_notifications", stdout=StringIO())
    assert len(written()) == 2
    assert sorted(m.to[0] for m in mailoutbox if m.subject.startswith("Завтра встреча")) == [
        "mentee@example.ru",
        "mentor@example.ru",
    ]
    call_command("send_notifications", stdout=StringIO())
    assert Notification.objects.filter(key=f"meeting-tomorrow:{meeting.uuid}").count() == 2
