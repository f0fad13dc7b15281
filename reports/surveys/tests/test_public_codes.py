"""«Публичная ссылка с кодом» of an anonymous campaign, and the typed code of a personal link
(issue 19): unnamed slips with a code each, one answer per code, no person on the answer."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mentoring.lib.actions import ActionRefused
from notifications.models import Kind, Notification
from people.tests.factories import PersonFactory, RepresentativeFactory
from reports.monitoring.indicators import compute
from reports.surveys import actions, public
from reports.surveys.models import Campaign, Participation, SurveyCode, SurveyResponse
from reports.surveys.reminders import survey_ending
from reports.surveys.tests.factories import make_campaign, required_answers, submit, world_pair
from reports.surveys.tests.test_reach import _post_data, _student_mentee

pytestmark = pytest.mark.django_db

SITE = "http://testserver/"


def _staff_campaign(world, *, extra_staff: int = 3, anonymous: bool = True) -> Campaign:
    for i in range(extra_staff):
        PersonFactory(organization=world.org, last_name=f"Педагог{i}")
    return make_campaign(world.org, target=Campaign.Target.STAFF_ALL, anonymous=anonymous)


def _issue(campaign: Campaign) -> list[str]:
    slips = actions.campaign_codes_issue(campaign, actor=None, site_url=SITE)
    campaign.refresh_from_db()
    return [slip.code for slip in slips]


def _public_url(campaign: Campaign) -> str:
    return reverse("answer:public", args=[campaign.public_token])


def _answer(client, campaign: Campaign, code: str):
    return client.post(_public_url(campaign), {"code": code, "step": "answers", **_post_data(campaign)})


# ---------------------------------------------------------------- codes


def test_a_typed_code_is_read_in_any_case_with_dashes_and_cyrillic_lookalikes():
    assert actions.read_code(" k7mp-3qxt ") == "K7MP3QXT"
    assert actions.read_code("АВЕК МНРС") == "ABEKMHPC"  # typed on a Russian keyboard layout
    assert actions.code_digest("abek-mhpc") == actions.code_digest("АВЕКМНРС")


def test_codes_are_issued_one_per_addressee_who_has_not_answered(world):
    campaign = _staff_campaign(world)
    addressees = campaign.participations.count()
    submit(campaign, campaign.participations.first().person)  # answered on the site before
    codes = _issue(campaign)
    assert len(codes) == len(set(codes)) == addressees - 1
    assert all(re.fullmatch(r"[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}", c) for c in codes)
    assert len(campaign.public_token) == actions.TOKEN_LENGTH
    # Only digests are kept, with no person and no order of handing out.
    stored = set(SurveyCode.objects.filter(campaign=campaign).values_list("digest", flat=True))
    assert stored == {actions.code_digest(c) for c in codes}
    assert {f.name for f in SurveyCode._meta.concrete_fields} == {"id", "campaign", "digest", "used"}


def test_printing_again_replaces_the_unused_codes_and_keeps_the_count(world, client):
    campaign = _staff_campaign(world)
    first = _issue(campaign)
    assert _answer(client, campaign, first[0]).status_code == 200
    second = _issue(campaign)
    assert len(second) == len(first) - 1
    token = campaign.public_token
    assert Campaign.objects.get(pk=campaign.pk).public_token == token  # the address stays
    page = client.get(_public_url(campaign), {"code": first[1]})
    assert actions.CODE_UNKNOWN in page.content.decode()


def test_named_or_draft_campaigns_get_no_codes(world):
    named = _staff_campaign(world, anonymous=False)
    with pytest.raises(ActionRefused, match="только для анонимного"):
        actions.campaign_codes_issue(named, actor=None, site_url=SITE)
    draft = make_campaign(world.org, target=Campaign.Target.STAFF_ALL, anonymous=True, launch=False)
    with pytest.raises(ActionRefused, match="сначала запустите"):
        actions.campaign_codes_issue(draft, actor=None, site_url=SITE)
    assert not SurveyCode.objects.exists()


# ---------------------------------------------------------------- answering by code


def test_visitor_without_an_account_answers_once_and_the_answer_has_no_person(world, client):
    campaign = _staff_campaign(world)
    code = _issue(campaign)[0]
    assert client.get(f"/s/{campaign.public_token}")["Location"] == _public_url(campaign)
    page = client.get(_public_url(campaign))
    assert page.status_code == 200 and "Код с листка" in page.content.decode()
    # Arriving from the QR code: the questionnaire at once.
    form = client.get(_public_url(campaign), {"code": code.lower()})
    assert "Отправить ответы" in form.content.decode()

    done = _answer(client, campaign, code)
    assert done.status_code == 200 and "Ответы сохранены" in done.content.decode()
    response = SurveyResponse.objects.get(campaign=campaign)
    assert response.person_id is None and response.representative_id is None
    assert response.submitted_at is None and response.updated_at is None
    assert response.answers.count() == 3
    assert not Participation.objects.filter(campaign=campaign, answered=True).exists()

    again = _answer(client, campaign, code)
    assert actions.CODE_USED in again.content.decode() and "Отправить ответы" not in again.content.decode()
    assert SurveyResponse.objects.filter(campaign=campaign).count() == 1


def test_a_second_answer_with_the_same_code_is_refused_by_the_action(world):
    campaign = _staff_campaign(world)
    code = _issue(campaign)[0]
    actions.public_response_submit(campaign, code=code, answers=required_answers(campaign), actor=None)
    with pytest.raises(ActionRefused, match="уже ответили"):
        actions.public_response_submit(campaign, code=code, answers=required_answers(campaign), actor=None)
    assert campaign.responses.count() == 1


def test_an_unknown_code_is_refused_and_nothing_is_stored(world, client):
    campaign = _staff_campaign(world)
    _issue(campaign)
    page = _answer(client, campaign, "ABCD-EFGH")
    assert page.status_code == 200 and actions.CODE_UNKNOWN in page.content.decode()
    assert not SurveyResponse.objects.exists() and not SurveyCode.objects.filter(used=True).exists()


def test_an_unknown_address_is_404_and_a_code_of_another_campaign_does_not_fit(world, client):
    assert client.get(reverse("answer:public", args=["nosuchlink"])).status_code == 404
    one, other = _staff_campaign(world), _staff_campaign(world, extra_staff=0)
    _issue(one)
    code = _issue(other)[0]
    assert actions.CODE_UNKNOWN in _answer(client, one, code).content.decode()


def test_closing_the_campaign_stops_the_codes(world, client):
    campaign = _staff_campaign(world)
    code = _issue(campaign)[0]
    actions.campaign_close(campaign, actor=None)
    page = _answer(client, campaign, code)
    assert page.status_code == 410 and "не принимает ответы" in page.content.decode()
    assert not SurveyCode.objects.filter(campaign=campaign).exists()
    assert not SurveyResponse.objects.exists()


def test_wrong_codes_are_rate_limited_per_client(world, client):
    campaign = _staff_campaign(world)
    good = _issue(campaign)[0]
    for _ in range(public.WRONG_CODES_LIMIT):
        client.get(_public_url(campaign), {"code": "ABCD-EFGH"})
    page = client.get(_public_url(campaign), {"code": good})
    assert page.status_code == 429 and "Слишком много неверных кодов" in page.content.decode()
    assert client.post(reverse("answer:code"), {"code": good}).status_code == 429


def test_right_codes_do_not_count_against_the_limit(world, client):
    """A class answering from one school network is not stopped by its own codes."""
    campaign = _staff_campaign(world, extra_staff=public.WRONG_CODES_LIMIT + 2)
    for code in _issue(campaign)[: public.WRONG_CODES_LIMIT + 1]:
        assert _answer(client, campaign, code).status_code == 200
    assert campaign.responses.count() == public.WRONG_CODES_LIMIT + 1


def test_after_switching_on_the_site_and_personal_links_take_no_new_answers(world, client):
    campaign = make_campaign(world.org, pairs=[world_pair(world)], anonymous=True)
    mentor = world.person_of("mentor")
    link = actions.survey_links_issue(campaign, actor=None, site_url=SITE, channel="slip").slips
    _issue(campaign)
    with pytest.raises(ActionRefused, match="публичной ссылке с кодом"):
        submit(campaign, mentor)
    with pytest.raises(ActionRefused, match="личные ссылки не выдаются"):
        actions.survey_links_issue(campaign, actor=None, site_url=SITE)
    for slip in link:
        assert client.get(slip.link.split("testserver", 1)[1]).status_code == 410


def test_code_answers_count_in_the_campaign_the_list_and_monitoring(world, client):
    campaign = _staff_campaign(world)
    codes = _issue(campaign)
    for code in codes[:2]:
        _answer(client, campaign, code)
    invited = campaign.participations.count()
    assert campaign.counts() == {"invited": invited, "answered": 2}
    assert Campaign.objects.filter(pk=campaign.pk).for_list().get().answered == 2
    monitoring = compute([world.org.pk], campaign.academic_year, campaign.opens_on)[world.org.pk]
    assert (monitoring.invited, monitoring.answered) == (invited, 2)


# ---------------------------------------------------------------- the curator's slips


def test_curator_prints_unnamed_code_slips_eight_to_a_page(world, login):
    campaign = _staff_campaign(world, extra_staff=9)
    n = campaign.participations.count()
    response = login(world.users["curator"]).post(reverse("surveys:campaign_codes", args=[campaign.uuid]))
    assert response["Content-Type"] == "application/pdf"
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    per_page = [re.findall(r"\b[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}\b", text) for text in pages]
    assert [len(codes) for codes in per_page] == [8] * (n // 8) + ([n % 8] if n % 8 else [])
    campaign.refresh_from_db()
    # The address as typed, without the closing slash: the site adds it.
    assert all(f"testserver/s/{campaign.public_token}\n" in text and campaign.title in text for text in pages)
    # Unnamed: no addressee's name is on the sheet.
    assert not any("Педагог0" in text or world.staff.last_name in text for text in pages)
    printed = {c for codes in per_page for c in codes}
    assert set(SurveyCode.objects.values_list("digest", flat=True)) == {
        actions.code_digest(c) for c in printed
    }


def test_the_campaign_page_shows_the_public_address_and_the_codes_used(world, login, client):
    campaign = _staff_campaign(world)
    code = _issue(campaign)[0]
    _answer(client, campaign, code)
    page = login(world.users["curator"]).get(campaign.get_absolute_url()).content.decode()
    assert f"/s/{campaign.public_token}/" in page and "использовано 1" in page


def test_director_and_mentor_may_not_print_codes_another_school_gets_404(world, login):
    campaign = make_campaign(world.org, pairs=[world_pair(world)], anonymous=True)
    url = reverse("surveys:campaign_codes", args=[campaign.uuid])
    assert login(world.users["director"]).post(url).status_code == 403
    assert login(world.users["mentor"]).post(url).status_code == 403
    assert login(world.other_curator).post(url).status_code == 404
    assert not SurveyCode.objects.exists()
    assert Campaign.objects.get(pk=campaign.pk).public_token == ""


def test_issuing_codes_takes_the_same_queries_for_more_addressees(world, django_assert_max_num_queries):
    small = _staff_campaign(world, extra_staff=2)
    big = _staff_campaign(world, extra_staff=30)
    with CaptureQueriesContext(connection) as few:
        _issue(small)
    with django_assert_max_num_queries(len(few.captured_queries)):
        _issue(big)


# ---------------------------------------------------------------- the code of a personal link


def _personal_slip(world):
    mentee = _student_mentee(world.org)
    parent = RepresentativeFactory(student=mentee.person, email="")
    campaign = make_campaign(world.org, target=Campaign.Target.PARENTS_CLASS, target_class="5А")
    slip = actions.survey_links_issue(campaign, actor=None, site_url=SITE).slips[0]
    return campaign, parent, slip


def test_a_personal_slip_shows_a_short_code_to_type_at_s(world, login):
    mentee = _student_mentee(world.org)
    RepresentativeFactory(student=mentee.person, email="")
    campaign = make_campaign(world.org, target=Campaign.Target.PARENTS_CLASS, target_class="5А")
    response = login(world.users["curator"]).post(
        reverse("surveys:campaign_links", args=[campaign.uuid]), {"channel": "slip"}
    )
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "testserver/s/" in text
    assert re.search(r"введите код\s+[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}", text)


def test_the_typed_code_leads_to_the_same_one_time_link(world, client):
    campaign, parent, slip = _personal_slip(world)
    entered = client.post(reverse("answer:code"), {"code": slip.code.lower().replace("-", " ")})
    assert entered.status_code == 302
    page = client.get(entered["Location"])
    assert page.status_code == 200 and parent.full_name in page.content.decode()
    assert client.post(entered["Location"], _post_data(campaign)).status_code == 200
    # Spent, however it is reached: by the code or by the QR code's link.
    again = client.post(reverse("answer:code"), {"code": slip.code})
    assert client.get(again["Location"]).status_code == 410
    assert client.get(slip.link.split("testserver", 1)[1]).status_code == 410
    assert SurveyResponse.objects.filter(campaign=campaign).count() == 1


def test_the_code_page_sends_a_public_code_to_its_campaign_and_refuses_an_unknown_one(world, client):
    campaign = _staff_campaign(world)
    code = _issue(campaign)[0]
    entered = client.post(reverse("answer:code"), {"code": code})
    assert entered["Location"] == f"{_public_url(campaign)}?code={code}"
    unknown = client.post(reverse("answer:code"), {"code": "ABCD-EFGH"})
    assert unknown.status_code == 200 and actions.CODE_UNKNOWN in unknown.content.decode()
    empty = client.post(reverse("answer:code"), {"code": ""})
    assert "Введите код" in empty.content.decode()


# ---------------------------------------------------------------- the addressees' own pages


def test_addressees_are_not_told_a_code_survey_waits_nor_reminded(world, login):
    today = timezone.localdate()
    campaign = make_campaign(
        world.org, pairs=[world_pair(world)], anonymous=True, closes_on=today + timedelta(days=3)
    )
    _issue(campaign)
    mentor = login(world.users["mentor"])
    page = mentor.get(reverse("surveys:my_surveys")).content.decode()
    assert "ответ по коду с листка" in page and "ждёт ответа" not in page
    answer = mentor.get(reverse("surveys:campaign_answer", args=[campaign.uuid])).content.decode()
    assert "публичной ссылке с кодом" in answer and "Отправить ответы" not in answer
    survey_ending(today)
    assert not Notification.objects.filter(kind=Kind.SURVEY_ENDING).exists()
