"""Surveys that reach people (issue 19): all the staff, the parents (of a class, of chosen pairs,
of all student mentees), answering without an account through a personal one-time link, and
answers that propose changes of the banks for the curator to accept."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentoring.lib.actions import ActionRefused
from mentoring.tests.pdf import page_texts
from pairs.models import Pair
from pairs.tests.factories import consenting_mentor, give_consent, make_pair
from people.models import Membership, Mentor
from people.tests.factories import (
    MenteeFactory,
    PersonFactory,
    RepresentativeFactory,
    StudentFactory,
    UserFactory,
)
from reports.surveys import actions
from reports.surveys.models import BankProposal, Campaign, Participation, Questionnaire, SurveyResponse
from reports.surveys.proposals import proposal_accept, proposal_decline
from reports.surveys.tests.factories import make_campaign, required_answers, submit

pytestmark = pytest.mark.django_db

ANSWER = {"overall": 8, "yesno": 1, "single": 1}


def _post_data(campaign: Campaign) -> dict:
    from reports.surveys.results import questions_of

    questions = {q.text: q for q in questions_of(campaign.questionnaire_id)}
    return {
        f"q{questions['Общая оценка'].pk}": "8",
        f"q{questions['Продолжите участие?'].pk}": "1",
        f"q{questions['Ваша роль'].pk}": "1",
    }


def _student_mentee(org, school_class="5А", **fields):
    child = StudentFactory(organization=org, school_class=school_class, **fields)
    mentee = MenteeFactory(person=child, category="motivated")
    give_consent(child)
    return mentee


def _token_from(body: str) -> str:
    return re.search(r"/surveys/link/(\S+)/", body).group(1)


# ---------------------------------------------------------------- audiences


def test_all_staff_audience_reaches_teachers_outside_the_banks(world):
    outside = PersonFactory(organization=world.org)
    campaign = make_campaign(world.org, target=Campaign.Target.STAFF_ALL)
    addressed = set(campaign.participations.values_list("person_id", flat=True))
    assert outside.pk in addressed and world.staff.pk in addressed
    assert world.student.pk not in addressed and world.other_person.pk not in addressed


def test_parents_of_a_class_each_get_their_own_participation(world):
    mentee = _student_mentee(world.org)
    mother = RepresentativeFactory(student=mentee.person)
    father = RepresentativeFactory(student=mentee.person, relation="father", first_name="Олег")
    RepresentativeFactory(student=StudentFactory(organization=world.org, school_class="9В"))
    campaign = make_campaign(world.org, target=Campaign.Target.PARENTS_CLASS, target_class="5а")
    rows = set(campaign.participations.values_list("person_id", "representative_id"))
    assert rows == {(mentee.person_id, mother.pk), (mentee.person_id, father.pk)}
    assert campaign.target_label == "законные представители обучающихся 5а класса"


def test_parents_of_chosen_pairs_and_of_all_student_mentees(world):
    in_pair = _student_mentee(world.org)
    elsewhere = _student_mentee(world.org, school_class="6Б")
    removed = _student_mentee(world.org, school_class="6Б")
    removed.status = "removed"
    removed.save()
    reps = {m.pk: RepresentativeFactory(student=m.person) for m in (in_pair, elsewhere, removed)}
    pair = make_pair(world.org, [consenting_mentor(world.org)], [in_pair], status=Pair.Status.ACTIVE)
    of_pairs = make_campaign(world.org, target=Campaign.Target.PARENTS_PAIRS, pairs=[pair], title="Пары")
    assert set(of_pairs.participations.values_list("representative_id", flat=True)) == {reps[in_pair.pk].pk}
    of_all = make_campaign(world.org, target=Campaign.Target.PARENTS_ALL, title="Все")
    assert set(of_all.participations.values_list("representative_id", flat=True)) == {
        reps[in_pair.pk].pk,
        reps[elsewhere.pk].pk,
    }


def test_a_class_audience_without_a_class_is_refused(world):
    with pytest.raises(ActionRefused, match="Укажите класс"):
        make_campaign(world.org, target=Campaign.Target.PARENTS_CLASS, target_class=" ", launch=False)


# ---------------------------------------------------------------- without an account


def _parents_campaign(world, *, anonymous=False, email="mama@example.ru"):
    mentee = _student_mentee(world.org)
    parent = RepresentativeFactory(student=mentee.person, email=email)
    campaign = make_campaign(
        world.org, target=Campaign.Target.PARENTS_CLASS, target_class="5А", anonymous=anonymous
    )
    return campaign, parent


def test_a_parent_without_an_account_answers_through_a_one_time_link_once(
    world, client, django_capture_on_commit_callbacks
):
    campaign, parent = _parents_campaign(world)
    with django_capture_on_commit_callbacks(execute=True):
        issued = actions.survey_links_issue(
            campaign, actor=world.users["curator"], site_url="http://testserver/"
        )
    assert issued.emailed == 1 and not issued.slips
    assert mail.outbox[0].to == ["mama@example.ru"] and campaign.title in mail.outbox[0].body
    url = reverse("surveys:answer_link", args=[_token_from(mail.outbox[0].body)])

    page = client.get(url)
    assert page.status_code == 200 and parent.full_name in page.content.decode()
    done = client.post(url, _post_data(campaign))
    assert done.status_code == 200 and "Ответы сохранены" in done.content.decode()
    response = SurveyResponse.objects.get(campaign=campaign)
    assert response.representative == parent and response.person == parent.student
    assert Participation.objects.get(campaign=campaign).answered

    again = client.post(url, _post_data(campaign))
    assert again.status_code == 410 and "По этой ссылке уже ответили" in again.content.decode()
    assert client.get(url).status_code == 410
    assert SurveyResponse.objects.filter(campaign=campaign).count() == 1
    assert response.answers.count() == SurveyResponse.objects.get(pk=response.pk).answers.count()


def test_an_anonymous_survey_by_link_keeps_no_name_and_answers_once(world, client):
    campaign, parent = _parents_campaign(world, anonymous=True, email="")
    issued = actions.survey_links_issue(campaign, actor=None, site_url="http://testserver/")
    url = issued.slips[0].link.split("testserver", 1)[1]
    assert client.post(url, _post_data(campaign)).status_code == 200
    response = SurveyResponse.objects.get(campaign=campaign)
    assert response.person is None and response.representative is None
    assert client.post(url, _post_data(campaign)).status_code == 410


def test_submitting_twice_through_the_action_is_refused_with_the_message(world):
    campaign, parent = _parents_campaign(world)
    person = parent.student
    items = required_answers(campaign)
    actions.response_submit(
        campaign, person=person, representative=parent, answers=items, by_link=True, actor=None
    )
    with pytest.raises(ActionRefused, match="уже ответили"):
        actions.response_submit(
            campaign,
            person=person,
            representative=parent,
            answers=required_answers(campaign),
            by_link=True,
            actor=None,
        )


def test_an_unknown_or_closed_link_is_refused(world, client):
    assert client.get(reverse("surveys:answer_link", args=["nonsense"])).status_code == 410
    campaign, _ = _parents_campaign(world, email="")
    link = actions.survey_links_issue(campaign, actor=None, site_url="http://testserver/").slips[0].link
    actions.campaign_close(campaign, actor=None)
    page = client.get(link.split("testserver", 1)[1])
    assert page.status_code == 410 and "не принимает ответы" in page.content.decode()


def test_a_new_link_replaces_the_old_one(world, client):
    campaign, _ = _parents_campaign(world, email="")
    old = actions.survey_links_issue(campaign, actor=None, site_url="http://testserver/").slips[0].link
    new = actions.survey_links_issue(campaign, actor=None, site_url="http://testserver/").slips[0].link
    assert client.get(old.split("testserver", 1)[1]).status_code == 410
    assert client.get(new.split("testserver", 1)[1]).status_code == 200


def test_no_link_for_an_addressee_who_has_a_working_account(world):
    campaign, parent = _parents_campaign(world)
    user = UserFactory(username="mama")  # a usable password
    parent.user = user
    parent.save()
    assert actions.survey_links_issue(campaign, actor=None, site_url="http://x/").emailed == 0


def test_curator_prints_link_slips_with_qr_codes(world, login):
    campaign, parent = _parents_campaign(world, email="")
    response = login(world.users["curator"]).post(
        reverse("surveys:campaign_links", args=[campaign.uuid]), {"channel": "slip"}
    )
    assert response["Content-Type"] == "application/pdf"
    text = page_texts(response.content)[0]
    assert parent.full_name in text and parent.student.full_name in text


def test_director_may_not_issue_links_and_another_school_does_not_see_the_campaign(world, login):
    campaign, _ = _parents_campaign(world)
    url = reverse("surveys:campaign_links", args=[campaign.uuid])
    assert login(world.users["director"]).post(url, {"channel": "email"}).status_code == 403
    assert login(world.other_curator).post(url, {"channel": "email"}).status_code == 404
    assert not Participation.objects.exclude(link_digest="").exists()


# ---------------------------------------------------------------- parents with an account


def _parent_with_account(world, child_born: date):
    mentee = _student_mentee(world.org, birth_date=child_born)
    user = UserFactory(username="parent")
    Membership.objects.create(user=user, organization=world.org, role="representative")
    parent = RepresentativeFactory(student=mentee.person, user=user)
    return user, parent, mentee


def test_parent_with_an_account_answers_the_parents_survey_on_the_site(world, login):
    user, parent, _ = _parent_with_account(world, date(2015, 1, 1))
    campaign = make_campaign(world.org, target=Campaign.Target.PARENTS_ALL)
    client = login(user)
    assert campaign.title in client.get(reverse("surveys:my_surveys")).content.decode()
    url = reverse("surveys:campaign_answer", args=[campaign.uuid])
    assert client.post(url, _post_data(campaign)).status_code == 302
    assert SurveyResponse.objects.get(campaign=campaign).representative == parent


def test_parent_answers_the_childs_survey_for_a_child_under_14(world, login):
    user, _, mentee = _parent_with_account(world, timezone.localdate() - timedelta(days=365 * 10))
    campaign = make_campaign(world.org, target=Campaign.Target.MENTEES)
    client = login(user)
    assert (
        client.post(
            reverse("surveys:campaign_answer", args=[campaign.uuid]), _post_data(campaign)
        ).status_code
        == 302
    )
    response = SurveyResponse.objects.get(campaign=campaign)
    assert response.person == mentee.person and response.representative is None


def test_parent_of_a_child_of_14_does_not_answer_for_them(world, login):
    user, _, _ = _parent_with_account(world, timezone.localdate() - timedelta(days=365 * 15))
    campaign = make_campaign(world.org, target=Campaign.Target.MENTEES)
    assert login(user).get(reverse("surveys:campaign_answer", args=[campaign.uuid])).status_code == 404


# ---------------------------------------------------------------- answers flow into the banks


def _standard(world, key: str) -> Questionnaire:
    return actions.questionnaire_from_template(world.org, key, actor=None)


def _answer_all(campaign: Campaign, person, chosen: dict[str, list[int] | int], text: str = ""):
    from reports.surveys.models import Answer
    from reports.surveys.results import questions_of

    items = []
    for question in questions_of(campaign.questionnaire_id):
        if question.text in chosen:
            value = chosen[question.text]
            items += [
                Answer(question=question, value=v) for v in (value if isinstance(value, list) else [value])
            ]
        elif question.is_text:
            if text:
                items.append(Answer(question=question, text=text))
        else:
            items.append(Answer(question=question, value=0 if question.kind != "scale5" else 4))
    return actions.response_submit(campaign, person=person, answers=items, actor=None)


def test_potential_mentor_questionnaire_proposes_a_candidate_the_curator_accepts(world):
    campaign = make_campaign(
        world.org, _standard(world, "mentor_candidate"), target=Campaign.Target.STAFF_ALL, anonymous=False
    )
    resources = "В чём вы можете помочь коллеге (ваши ресурсы)?"
    forms = "В каких формах наставничества вы готовы работать?"
    _answer_all(campaign, world.staff, {resources: [1, 2], forms: [0]}, text="люблю помогать")
    proposal = BankProposal.objects.get(person=world.staff)
    assert proposal.kind == "mentor_candidate" and proposal.status == "pending"
    assert set(proposal.competencies) == {"дисциплина и управление классом", "работа с родителями"}
    assert proposal.forms == ["учитель – учитель"]
    assert not Mentor.objects.filter(person=world.staff).exists()  # nothing before the curator decides
    proposal_accept(proposal, actor=world.users["curator"])
    mentor = Mentor.objects.get(person=world.staff)
    assert mentor.status == "candidate"
    assert set(mentor.competencies.values_list("name", flat=True)) == set(proposal.competencies)
    assert mentor.questionnaire[resources] == "дисциплина и управление классом; работа с родителями"
    with pytest.raises(ActionRefused, match="уже принято решение"):
        proposal_accept(proposal, actor=world.users["curator"])


def test_a_changed_answer_refreshes_the_pending_proposal(world):
    campaign = make_campaign(
        world.org, _standard(world, "mentor_candidate"), target=Campaign.Target.STAFF_ALL, anonymous=False
    )
    resources = "В чём вы можете помочь коллеге (ваши ресурсы)?"
    _answer_all(campaign, world.staff, {resources: [1]})
    _answer_all(campaign, world.staff, {resources: [2]})
    assert BankProposal.objects.get(person=world.staff).competencies == ["работа с родителями"]


def test_mentee_requests_questionnaire_fills_the_requests_on_acceptance(world):
    mentee = MenteeFactory(person=PersonFactory(organization=world.org, experience_years=1))
    give_consent(mentee.person)
    campaign = make_campaign(
        world.org, _standard(world, "mentee_requests"), target=Campaign.Target.MENTEES, anonymous=False
    )
    _answer_all(campaign, mentee.person, {"В чём вы испытываете затруднения?": [3]}, text="журнал")
    proposal = BankProposal.objects.get(person=mentee.person)
    assert proposal.kind == "mentee_requests" and proposal.competencies == ["ведение документации"]
    assert not mentee.requests.exists()
    proposal_accept(proposal, actor=world.users["curator"])
    mentee.refresh_from_db()
    assert list(mentee.requests.values_list("name", flat=True)) == ["ведение документации"]
    assert "журнал" in mentee.requests_text


def test_declining_changes_nothing_and_other_questionnaires_propose_nothing(world):
    campaign = make_campaign(
        world.org, _standard(world, "mentor_candidate"), target=Campaign.Target.STAFF_ALL, anonymous=False
    )
    _answer_all(campaign, world.staff, {})
    proposal_decline(BankProposal.objects.get(person=world.staff), actor=world.users["curator"])
    assert not Mentor.objects.filter(person=world.staff).exists()
    other = make_campaign(world.org, target=Campaign.Target.STAFF_ALL, title="Прочее")
    submit(other, world.staff)
    assert BankProposal.objects.count() == 1


def test_curator_accepts_from_the_list_director_only_reads_other_school_404(world, login):
    campaign = make_campaign(
        world.org, _standard(world, "mentor_candidate"), target=Campaign.Target.STAFF_ALL, anonymous=False
    )
    _answer_all(campaign, world.staff, {})
    proposal = BankProposal.objects.get()
    decide = reverse("surveys:proposal_decide", args=[proposal.uuid])
    director = login(world.users["director"])
    assert world.staff.full_name in director.get(reverse("surveys:proposal_list")).content.decode()
    assert director.post(decide, {"decision": "accept"}).status_code == 403
    assert login(world.other_curator).post(decide, {"decision": "accept"}).status_code == 404
    assert (
        world.staff.full_name
        not in login(world.other_curator).get(reverse("surveys:proposal_list")).content.decode()
    )
    assert login(world.users["mentor"]).get(reverse("surveys:proposal_list")).status_code == 403
    curator = login(world.users["curator"])
    assert curator.post(decide, {"decision": "accept"}).status_code == 302
    assert Mentor.objects.filter(person=world.staff).exists()


def test_proposal_list_query_count_does_not_grow_with_rows(world, login, django_assert_max_num_queries):
    campaign = make_campaign(
        world.org, _standard(world, "mentor_candidate"), target=Campaign.Target.STAFF_ALL, anonymous=False
    )
    client = login(world.users["curator"])
    _answer_all(campaign, world.staff, {})
    client.get(reverse("surveys:proposal_list"))
    with django_assert_max_num_queries(30) as first:
        client.get(reverse("surveys:proposal_list"))
    for person in campaign.participations.exclude(person=world.staff).values_list("person", flat=True)[:4]:
        from people.models import Person

        _answer_all(campaign, Person.objects.get(pk=person), {})
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(reverse("surveys:proposal_list"))
    assert len(page.context["page"].object_list) >= 5
