"""Answering by a code from a printed slip, without an account (issue 19), at /s/.

`/s/` — «Введите код с листка»: the short code of a personal link leads to that one-time link;
a code of a public link leads to its campaign. `/s/<token>/` — the public link of an anonymous
campaign: the visitor types the code (or arrives with it from the QR code) and answers once.

Wrong codes are counted per client address with the shared rate counter (only failures count:
a class answering from one school network is not stopped by its own right codes).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from mentoring.lib import ratelimit
from mentoring.lib.actions import refusals
from mentoring.lib.client_ip import client_ip
from reports.surveys import actions
from reports.surveys.forms import AnswerForm, SlipCodeForm
from reports.surveys.results import questions_of

WRONG_CODES_LIMIT = 20
WRONG_CODES_PERIOD = 15 * 60
TOO_MANY = "Слишком много неверных кодов с этого устройства. Подождите 15 минут и попробуйте снова."


def _client(request: HttpRequest) -> str:
    return client_ip(request) or ""


def code_blocked(request: HttpRequest) -> bool:
    return ratelimit.spent("survey-code", _client(request), limit=WRONG_CODES_LIMIT)


def code_failed(request: HttpRequest) -> None:
    ratelimit.allow("survey-code", _client(request), limit=WRONG_CODES_LIMIT, period=WRONG_CODES_PERIOD)


@login_not_required
def code_entry(request: HttpRequest) -> HttpResponse:
    """«Введите код с листка»: a personal link's code opens that link, a public link's code its
    questionnaire; public."""
    form = SlipCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        code = actions.read_code(form.cleaned_data["code"])
        if code_blocked(request):
            form.add_error("code", TOO_MANY)
            status = 429
        elif len(code) == actions.CODE_LENGTH and actions.find_by_link(code):
            return redirect("surveys:answer_link", token=code)
        elif len(code) == actions.CODE_LENGTH and (campaign := actions.find_code_campaign(code)):
            return redirect(actions.public_link("", campaign, actions.format_code(code)))
        else:
            code_failed(request)
            form.add_error("code", actions.CODE_UNKNOWN)
    return render(request, "surveys/code_entry.html", {"form": form}, status=status)


@login_not_required
def public_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The public link of an anonymous campaign: a code from a slip, then the questionnaire, one
    answer per code; public. The answer is stored with no person and no link to the code."""
    campaign = actions.find_public(token)
    if campaign is None:
        message = "Анкетирование по этому адресу не найдено: проверьте адрес на листке."
        return render(request, "surveys/answer_link_refused.html", {"message": message}, status=404)
    if not campaign.is_accepting():
        return render(
            request, "surveys/answer_link_refused.html", {"message": actions.NOT_ACCEPTING}, status=410
        )
    entered = (request.POST.get("code") if request.method == "POST" else request.GET.get("code")) or ""
    code_form = SlipCodeForm({"code": entered} if entered else None)
    context = {"campaign": campaign, "code_form": code_form}
    if not entered or not code_form.is_valid():
        return render(request, "surveys/public_code.html", context)
    if code_blocked(request):
        code_form.add_error("code", TOO_MANY)
        return render(request, "surveys/public_code.html", context, status=429)
    refusal = actions.code_refusal(campaign, entered)
    if refusal:
        if refusal == actions.CODE_UNKNOWN:
            code_failed(request)
        code_form.add_error("code", refusal)
        return render(request, "surveys/public_code.html", context)
    questions = questions_of(campaign.questionnaire_id)
    answering = request.method == "POST" and request.POST.get("step") == "answers"
    form = AnswerForm(request.POST if answering else None, questions=questions)
    if answering and form.is_valid():
        answers = actions.answers_for(questions, form.cleaned_data)
        with refusals(request, form) as refused:
            actions.public_response_submit(campaign, code=entered, answers=answers, actor=None)
        if not refused:
            return render(request, "surveys/public_done.html", {"campaign": campaign})
    context |= {"form": form, "code": actions.format_code(actions.read_code(entered))}
    return render(request, "surveys/public_answer.html", context)
