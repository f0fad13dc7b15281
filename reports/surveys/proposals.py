"""Answers that flow into the banks (issue 19): a potential mentor's questionnaire proposes a
candidate entry in the mentor bank, a mentee's requests questionnaire proposes the requests of
their bank entry. The curator accepts or declines each proposal; nothing changes before that."""

from __future__ import annotations

from django.utils import timezone

from mentoring.lib.actions import ActionRefused, action
from people import actions as people_actions
from people.models import Competency, Mentee, Mentor, MentoringForm
from reports.surveys.models import Answer, BankProposal, Campaign, Question, Questionnaire, SurveyResponse

FLOWS = {
    Questionnaire.Kind.MENTOR_CANDIDATE: BankProposal.Kind.MENTOR_CANDIDATE,
    Questionnaire.Kind.MENTEE_REQUESTS: BankProposal.Kind.MENTEE_REQUESTS,
}


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("–", "-").replace("—", "-").split())


def _read(answers: list[Answer]) -> tuple[dict[str, str], set[str], list[str]]:
    """(question → answer as text, every chosen option's label, the free-text answers)."""
    questions = {a.question_id: a.question for a in answers}
    by_question: dict[int, list[str]] = {}
    chosen: set[str] = set()
    texts: list[str] = []
    for answer in answers:
        question: Question = questions[answer.question_id]
        if question.is_text:
            label = answer.text
            texts.append(answer.text)
        else:
            label = dict(question.value_labels()).get(answer.value, str(answer.value))
            if question.kind in Question.CHOICE_KINDS:
                chosen.add(_norm(label))
        by_question.setdefault(question.pk, []).append(label)
    text_of = {questions[pk].text: "; ".join(values) for pk, values in by_question.items()}
    return text_of, chosen, texts


def propose_from_response(campaign: Campaign, response: SurveyResponse, answers: list[Answer]) -> None:
    """Write (or refresh) the pending proposal a named response makes, if its questionnaire flows
    into a bank and there is something to propose."""
    kind = FLOWS.get(campaign.questionnaire.kind)
    person = response.person
    if kind is None or person is None or person.anonymized_at:
        return
    if kind == BankProposal.Kind.MENTOR_CANDIDATE and Mentor.objects.filter(person=person).exists():
        return
    if kind == BankProposal.Kind.MENTEE_REQUESTS and not Mentee.objects.filter(person=person).exists():
        return
    text_of, chosen, texts = _read(answers)
    competencies = [c for c in Competency.objects.values_list("name", flat=True) if _norm(c) in chosen]
    forms = [f for f in MentoringForm.objects.values_list("name", flat=True) if _norm(f) in chosen]
    BankProposal.objects.update_or_create(
        campaign=campaign,
        person=person,
        status=BankProposal.Status.PENDING,
        defaults={
            "organization_id": campaign.organization_id,
            "kind": kind,
            "competencies": competencies,
            "forms": forms,
            "text": "\n".join(t for t in texts if t),
            "answers": text_of,
            "created_at": timezone.now(),
        },
    )


def _decided(proposal: BankProposal, status: str, actor) -> BankProposal:
    proposal.status = status
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    return proposal


def _pending(proposal: BankProposal) -> BankProposal:
    proposal = BankProposal.objects.select_for_update().select_related("person").get(pk=proposal.pk)
    if proposal.status != BankProposal.Status.PENDING:
        raise ActionRefused("По этому предложению уже принято решение.")
    return proposal


@action
def proposal_accept(proposal: BankProposal, *, actor) -> BankProposal:
    """Accept: a candidate entry in the mentor bank, or the requests added to the mentee's entry."""
    proposal = _pending(proposal)
    person = proposal.person
    competencies = list(Competency.objects.filter(name__in=proposal.competencies))
    if proposal.kind == BankProposal.Kind.MENTOR_CANDIDATE:
        if Mentor.objects.filter(person=person).exists():
            raise ActionRefused(f"{person.full_name} уже есть в банке наставников.")
        people_actions.mentor_create(
            person,
            actor=actor,
            competencies=competencies,
            preferred_forms=list(MentoringForm.objects.filter(name__in=proposal.forms)),
            resources=proposal.text[:2000],
            questionnaire=proposal.answers,
        )
    else:
        mentee = Mentee.objects.filter(person=person).first()
        if mentee is None:
            raise ActionRefused(f"{person.full_name} нет в банке наставляемых.")
        mentee.requests.add(*competencies)
        if proposal.text and proposal.text not in mentee.requests_text:
            mentee.requests_text = "\n".join(t for t in (mentee.requests_text, proposal.text) if t)
            mentee.save(update_fields=["requests_text"])
    return _decided(proposal, BankProposal.Status.ACCEPTED, actor)


@action
def proposal_decline(proposal: BankProposal, *, actor) -> BankProposal:
    """Decline: the banks stay as they were."""
    return _decided(_pending(proposal), BankProposal.Status.DECLINED, actor)
