"""Every URL of the surveys × role. The world's campaigns are sent to the world's pair (mentor and
mentee of school A). A campaign sent to a mentor or a mentee exists for them: its staff pages
refuse them (403), as they refuse the director changes; a draft, sent to no one yet, and a
questionnaire do not exist for them (404).
"""

from __future__ import annotations

from mentoring.tests.matrix import ALL, Case, url
from reports.surveys.tests.factories import (
    world_campaign,
    world_draft,
    world_link_token,
    world_proposal,
    world_public_token,
    world_question,
    world_response,
    world_schedule,
)

READERS = ("admin", "director", "curator")
MANAGERS = ("admin", "curator")


def expect(
    ok: int, allowed: tuple[str, ...], *, staff_denied: int = 403, others: int = 404
) -> dict[str, int]:
    """`ok` for the allowed roles; staff readers refused with 403, mentor and mentee with `others`."""
    result = {"anonymous": 302}
    for role in ALL[1:]:
        if role in allowed:
            result[role] = ok
        else:
            result[role] = staff_denied if role in READERS else others
    return result


# A campaign is sent to the school's people: for the municipal coordinator it does not exist.
NOT_FOR_COORDINATOR = {"coordinator": 404}


def _named(w):
    return world_campaign(w).uuid


def _draft(w):
    return world_draft(w).uuid


def _draft_q(w):
    return world_draft(w).questionnaire.uuid


def _section(w):
    return world_question(w).section_id


def _question(w):
    return world_question(w).pk


CASES = {
    "surveys:campaign_list": Case(url("surveys:campaign_list"), expect(200, READERS, others=403)),
    "surveys:campaign_create": Case(url("surveys:campaign_create"), expect(200, MANAGERS, others=403)),
    "surveys:my_surveys": Case(
        url("surveys:my_surveys"),
        expect(200, (*READERS, "mentor", "mentee", "representative")) | {"coordinator": 403},
    ),
    "surveys:campaign_detail": Case(
        url("surveys:campaign_detail", _named), expect(200, READERS, others=403) | NOT_FOR_COORDINATOR
    ),
    "surveys:campaign_edit": Case(url("surveys:campaign_edit", _draft), expect(200, MANAGERS)),
    "surveys:campaign_launch": Case(
        url("surveys:campaign_launch", _draft), expect(302, MANAGERS), method="post"
    ),
    "surveys:campaign_close": Case(
        url("surveys:campaign_close", _named),
        expect(302, MANAGERS, others=403) | NOT_FOR_COORDINATOR,
        method="post",
    ),
    "surveys:campaign_delete": Case(
        url("surveys:campaign_delete", _draft), expect(302, MANAGERS), method="post"
    ),
    "surveys:campaign_results": Case(
        url("surveys:campaign_results", _named), expect(200, READERS, others=403) | NOT_FOR_COORDINATOR
    ),
    # Only addressees reach the questionnaire; for everyone else it does not exist.
    "surveys:campaign_answer": Case(
        url("surveys:campaign_answer", _named), expect(200, ("mentor", "mentee"), staff_denied=404)
    ),
    # Named answers: the curator only (the admin and the director read the results, not the names).
    "surveys:response_detail": Case(
        url("surveys:response_detail", lambda w: world_response(w).uuid), expect(200, ("curator",))
    ),
    "surveys:questionnaire_list": Case(url("surveys:questionnaire_list"), expect(200, READERS, others=403)),
    "surveys:questionnaire_create": Case(
        url("surveys:questionnaire_create"), expect(200, MANAGERS, others=403)
    ),
    "surveys:questionnaire_detail": Case(url("surveys:questionnaire_detail", _draft_q), expect(200, READERS)),
    "surveys:questionnaire_edit": Case(url("surveys:questionnaire_edit", _draft_q), expect(200, MANAGERS)),
    "surveys:questionnaire_copy": Case(
        url("surveys:questionnaire_copy", _draft_q), expect(302, MANAGERS), method="post"
    ),
    "surveys:section_add": Case(
        url("surveys:section_add", _draft_q),
        expect(302, MANAGERS),
        method="post",
        data=lambda w: {"title": "Итоги"},
    ),
    "surveys:section_edit": Case(url("surveys:section_edit", _draft_q, _section), expect(200, MANAGERS)),
    "surveys:section_delete": Case(
        url("surveys:section_delete", _draft_q, _section), expect(302, MANAGERS), method="post"
    ),
    "surveys:question_new": Case(url("surveys:question_new", _draft_q, _section), expect(200, MANAGERS)),
    "surveys:question_edit": Case(url("surveys:question_edit", _draft_q, _question), expect(200, MANAGERS)),
    "surveys:question_delete": Case(
        url("surveys:question_delete", _draft_q, _question), expect(302, MANAGERS), method="post"
    ),
    "surveys:question_move": Case(
        url("surveys:question_move", _draft_q, _question),
        expect(302, MANAGERS),
        method="post",
        data=lambda w: {"direction": "down"},
    ),
    # issue 19. Personal links: the managers issue them (the campaign's page, a redirect with a
    # message when nobody lacks an account); the link itself is public.
    "surveys:campaign_links": Case(
        url("surveys:campaign_links", _named),
        {**expect(302, MANAGERS, others=403), "representative": 404} | NOT_FOR_COORDINATOR,
        method="post",
        data=lambda w: {"channel": "email"},
    ),
    "surveys:answer_link": Case(
        url("surveys:answer_link", world_link_token), {role: 200 for role in ALL}, follow_login=False
    ),
    # «Публичная ссылка с кодом»: the managers print the slips of the world's anonymous campaign
    # (the PDF); the code page and the public link answer everyone, signed in or not.
    "surveys:campaign_codes": Case(
        url("surveys:campaign_codes", lambda w: world_campaign(w, anonymous=True).uuid),
        {**expect(200, MANAGERS, others=403), "representative": 404} | NOT_FOR_COORDINATOR,
        method="post",
    ),
    "answer:code": Case(url("answer:code"), {role: 200 for role in ALL}, follow_login=False),
    "answer:public": Case(
        url("answer:public", world_public_token), {role: 200 for role in ALL}, follow_login=False
    ),
    "surveys:proposal_list": Case(url("surveys:proposal_list"), expect(200, READERS, others=403)),
    "surveys:proposal_decide": Case(
        url("surveys:proposal_decide", lambda w: world_proposal(w).uuid),
        {**expect(302, MANAGERS, others=404), "director": 403},
        method="post",
        data=lambda w: {"decision": "decline"},
    ),
    # Recurring campaigns (issue 20): read by the staff readers, run by the managers; a schedule is
    # made from a campaign's page (which the addressees see: 403), stopped and resumed from the list.
    "surveys:schedule_list": Case(url("surveys:schedule_list"), expect(200, READERS, others=403)),
    "surveys:schedule_create": Case(
        url("surveys:schedule_create", _named),
        {**expect(302, MANAGERS, others=403), "representative": 404} | NOT_FOR_COORDINATOR,
        method="post",
        data=lambda w: {"frequency": "quarterly", "days_open": "14"},
    ),
    "surveys:schedule_stop": Case(
        url("surveys:schedule_stop", lambda w: world_schedule(w).uuid), expect(302, MANAGERS), method="post"
    ),
    "surveys:schedule_resume": Case(
        url("surveys:schedule_resume", lambda w: world_schedule(w).uuid), expect(302, MANAGERS), method="post"
    ),
}
# The parent of the world sees none of the world's campaigns: they do not exist for them.
for _name in (
    "surveys:campaign_detail",
    "surveys:campaign_close",
    "surveys:campaign_results",
    "surveys:campaign_codes",
):
    CASES[_name].expect["representative"] = 404
