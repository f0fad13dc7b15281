"""Questionnaires, campaigns, answering and results.

Staff pages load records through `get_visible_or_404` (another organization's → 404) and check a
permission on the record: an addressee sees the campaign sent to them but is refused its staff
pages (403). A respondent answers only through their own participation, so a campaign not sent
to them is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentoring.lib.actions import refusals
from mentoring.lib.pdf import pdf_response
from mentoring.lib.scoping import get_visible_or_404
from mentoring.lib.views import org_permission_required, paginate
from reports.surveys import actions, public, schedules
from reports.surveys import proposals as proposal_actions
from reports.surveys import results as survey_results
from reports.surveys.documents import survey_code_slips_pdf, survey_slips_pdf
from reports.surveys.forms import (
    AnswerForm,
    CampaignForm,
    EditCodeForm,
    LinksForm,
    QuestionForm,
    QuestionnaireForm,
    ScheduleForm,
    SectionForm,
    TemplateForm,
    initial_from,
)
from reports.surveys.models import (
    BankProposal,
    Campaign,
    CampaignSchedule,
    Participation,
    Question,
    Questionnaire,
    Section,
    SurveyResponse,
)
from reports.surveys.results import compare, questions_of

COOKIE_SALT = "survey-edit-key"


def _questionnaire(request: HttpRequest, uuid, perm: str) -> Questionnaire:
    return get_visible_or_404(request, Questionnaire, perm, uuid=uuid)


def _campaign(request: HttpRequest, uuid, perm: str) -> Campaign:
    queryset = Campaign.objects.select_related(
        "questionnaire", "academic_year", "target_form", "baseline", "schedule"
    )
    return get_visible_or_404(request, queryset, perm, uuid=uuid)


# ---------------------------------------------------------------- campaigns (staff)


@org_permission_required("surveys.view_surveys")
def campaign_list(request: HttpRequest) -> HttpResponse:
    """The organization's campaigns with their response rates; curator, director, admin."""
    campaigns = (
        Campaign.objects.visible_to(request.user)
        .filter(organization=request.organization)
        .for_list()
        .order_by("-opens_on", "-id")
    )
    status = request.GET.get("status", "")
    if status in Campaign.Status.values:
        campaigns = campaigns.filter(status=status)
    context = {"page": paginate(request, campaigns), "status": status, "statuses": Campaign.Status.choices}
    return render(request, "surveys/campaign_list.html", context)


@org_permission_required("surveys.manage_surveys")
def campaign_create(request: HttpRequest) -> HttpResponse:
    """A new campaign (draft); curator."""
    return _campaign_form(request, Campaign(organization=request.organization))


@login_required
def campaign_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Change a draft campaign; curator."""
    campaign = _campaign(request, uuid, "surveys.manage_surveys")
    if campaign.status != Campaign.Status.DRAFT:
        messages.error(request, "Анкетирование уже запущено: изменить его условия нельзя.")
        return redirect(campaign)
    return _campaign_form(request, campaign)


def _campaign_form(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    form = CampaignForm(request.POST or None, instance=campaign, organization=campaign.organization)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            campaign = actions.campaign_save(
                form.save(commit=False), pairs=form.cleaned_data["target_pairs"], actor=request.user
            )
        if not refused:
            messages.success(request, "Анкетирование сохранено. Проверьте адресатов и запустите его.")
            return redirect(campaign)
    return render(request, "surveys/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
def campaign_detail(request: HttpRequest, uuid) -> HttpResponse:
    """A campaign: terms, addressees and who has answered (never what; for an anonymous campaign not
    even who, only how many); curator, director, admin."""
    campaign = _campaign(request, uuid, "surveys.view_surveys")
    counts = campaign.counts()
    can_manage = request.user.has_perm("surveys.manage_surveys", campaign)
    roster = None
    if can_manage and campaign.status != Campaign.Status.DRAFT:
        # An anonymous campaign lists its addressees by name only: neither a column nor the
        # order may tell who has answered.
        order = ("person__last_name", "person__first_name", "id")
        if not campaign.anonymous:
            order = ("answered", *order)
        roster = paginate(
            request,
            campaign.participations.select_related("person__user", "representative__user").order_by(*order),
            50,
        )
    context = {
        "campaign": campaign,
        "counts": counts,
        "roster": roster,
        "can_manage": can_manage,
        "preview": actions.target_people(campaign).count()
        if campaign.status == Campaign.Status.DRAFT
        else None,
        "pairs": list(campaign.target_pairs.for_list())
        if campaign.target in (Campaign.Target.PAIRS, Campaign.Target.PARENTS_PAIRS)
        else [],
        "links_form": LinksForm(),
        "schedule_form": ScheduleForm() if can_manage else None,
        "schedules": campaign.schedules.all() if campaign.schedule_id is None else [],
    }
    if campaign.by_code:
        context["public_address"] = actions.public_link(request.build_absolute_uri("/"), campaign)
        context["codes"] = campaign.codes.aggregate(issued=Count("id"), used=Count("id", filter=Q(used=True)))
    return render(request, "surveys/campaign_detail.html", context)


@require_POST
@login_required
def campaign_launch(request: HttpRequest, uuid) -> HttpResponse:
    """черновик → идёт: the addressees are fixed and see the questionnaire; curator."""
    campaign = _campaign(request, uuid, "surveys.manage_surveys")
    with refusals(request):
        n = actions.campaign_launch(campaign, actor=request.user)
        messages.success(request, f"Анкетирование запущено. Адресатов: {n}.")
    return redirect(campaign)


@require_POST
@login_required
def campaign_close(request: HttpRequest, uuid) -> HttpResponse:
    """идёт → завершено; curator."""
    campaign = _campaign(request, uuid, "surveys.manage_surveys")
    with refusals(request):
        actions.campaign_close(campaign, actor=request.user)
        messages.success(request, "Анкетирование завершено: ответы больше не принимаются.")
    return redirect(campaign)


@require_POST
@login_required
def campaign_delete(request: HttpRequest, uuid) -> HttpResponse:
    """Delete a draft campaign; curator."""
    campaign = _campaign(request, uuid, "surveys.manage_surveys")
    with refusals(request) as refused:
        actions.campaign_delete(campaign, actor=request.user)
    if refused:
        return redirect(campaign)
    messages.success(request, "Черновик анкетирования удалён.")
    return redirect("surveys:campaign_list")


@login_required
def campaign_results(request: HttpRequest, uuid) -> HttpResponse:
    """Per question: count, mean, distribution with charts; free text; start versus end; staff readers."""
    campaign = _campaign(request, uuid, "surveys.view_surveys")
    can_names = not campaign.anonymous and request.user.has_perm("surveys.view_named_answers", campaign)
    sections = survey_results.campaign_results(campaign, names=can_names)
    charts = [r.chart for _, results in sections for r in results if r.chart]
    growth = compare(campaign.baseline, campaign) if campaign.baseline_id else None
    counts = campaign.counts()
    hidden = survey_results.withheld(campaign, counts["answered"])
    if hidden:
        sections, charts, growth = [], [], None
    elif growth and (campaign.anonymous or campaign.baseline.anonymous):
        small = survey_results.MIN_ANONYMOUS_GROUP
        growth = [g for g in growth if g.start_n >= small and g.end_n >= small]
    responses = None
    if can_names:
        responses = paginate(
            request,
            campaign.responses.select_related("person").order_by("person__last_name", "person__first_name"),
            50,
        )
    context = {
        "campaign": campaign,
        "sections": sections,
        # One response per participation that answered: the count needs no second query.
        "responses_count": counts["answered"],
        "invited": counts["invited"],
        "growth": growth,
        "growth_chart": {
            "labels": [g.short for g in growth or []],
            "start": [g.start_mean for g in growth or []],
            "end": [g.end_mean for g in growth or []],
        },
        "responses": responses,
        "charts": charts,
        "hidden": hidden,
        "min_group": survey_results.MIN_ANONYMOUS_GROUP,
    }
    return render(request, "surveys/campaign_results.html", context)


@login_required
def response_detail(request: HttpRequest, uuid) -> HttpResponse:
    """One named respondent's answers; the curator only (anonymous responses have no such page)."""
    queryset = SurveyResponse.objects.filter(person__isnull=False).select_related(
        "campaign__questionnaire", "person"
    )
    response = get_visible_or_404(
        request, queryset, "surveys.view_named_answers", perm_object=lambda r: r.campaign, uuid=uuid
    )
    questions = questions_of(response.campaign.questionnaire_id)
    form = AnswerForm(questions=questions, initial=initial_from(questions, response.answers.all()))
    return render(
        request,
        "surveys/response_detail.html",
        {"response": response, "campaign": response.campaign, "form": form},
    )


# ---------------------------------------------------------------- schedules


@org_permission_required("surveys.view_surveys")
def schedule_list(request: HttpRequest) -> HttpResponse:
    """The recurring campaigns with their next run and the campaigns opened; curator, director, admin."""
    rows = list(
        CampaignSchedule.objects.visible_to(request.user).filter(organization=request.organization).for_list()
    )
    today = timezone.localdate()
    for schedule in rows:
        schedule.next_run = schedules.next_run(schedule, today)
        schedule.opened = list(schedule.campaigns.all())
    return render(request, "surveys/schedule_list.html", {"schedules": rows})


@require_POST
@login_required
def schedule_create(request: HttpRequest, uuid) -> HttpResponse:
    """Repeat a campaign each quarter or month from the next period; curator."""
    campaign = _campaign(request, uuid, "surveys.manage_surveys")
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Расписание не создано. " + " ".join(e for errs in form.errors.values() for e in errs)
        )
        return redirect(campaign)
    with refusals(request) as refused:
        schedule = actions.schedule_create(campaign, actor=request.user, **form.cleaned_data)
        messages.success(
            request,
            f"Расписание создано: первое анкетирование откроется {schedule.starts_on:%d.%m.%Y}.",
        )
    return redirect(campaign if refused else "surveys:schedule_list")


def _schedule(request: HttpRequest, uuid) -> CampaignSchedule:
    return get_visible_or_404(request, CampaignSchedule, "surveys.manage_surveys", uuid=uuid)


@require_POST
@login_required
def schedule_stop(request: HttpRequest, uuid) -> HttpResponse:
    """Stop opening campaigns; curator."""
    schedule = _schedule(request, uuid)
    with refusals(request):
        actions.schedule_stop(schedule, actor=request.user)
        messages.success(request, "Расписание остановлено: новые анкетирования открываться не будут.")
    return redirect("surveys:schedule_list")


@require_POST
@login_required
def schedule_resume(request: HttpRequest, uuid) -> HttpResponse:
    """Resume from the next period; curator."""
    schedule = _schedule(request, uuid)
    with refusals(request):
        schedule = actions.schedule_resume(schedule, actor=request.user)
        messages.success(request, f"Расписание возобновлено с {schedule.starts_on:%d.%m.%Y}.")
    return redirect("surveys:schedule_list")


# ---------------------------------------------------------------- questionnaires (staff)


@org_permission_required("surveys.view_surveys")
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    """The organization's questionnaires and the shipped templates; curator, director, admin."""
    questionnaires = (
        Questionnaire.objects.visible_to(request.user)
        .filter(organization=request.organization)
        .annotate(
            questions=Count("sections__questions", distinct=True), used=Count("campaigns", distinct=True)
        )
        .order_by("title", "id")
    )
    return render(
        request,
        "surveys/questionnaire_list.html",
        {"questionnaires": questionnaires, "form": TemplateForm()},
    )


@org_permission_required("surveys.manage_surveys")
def questionnaire_create(request: HttpRequest) -> HttpResponse:
    """A questionnaire from a shipped template, or an empty one; curator."""
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["template"]
        if key:
            questionnaire = actions.questionnaire_from_template(request.organization, key, actor=request.user)
        else:
            questionnaire = actions.questionnaire_create(
                request.organization, actor=request.user, title=form.cleaned_data["title"]
            )
        messages.success(request, "Анкета создана. Добавьте или измените разделы и вопросы.")
        return redirect(questionnaire)
    return render(request, "surveys/questionnaire_create.html", {"form": form})


@login_required
def questionnaire_detail(request: HttpRequest, uuid) -> HttpResponse:
    """Sections and questions, with the builder's controls for the curator; staff readers."""
    questionnaire = _questionnaire(request, uuid, "surveys.view_surveys")
    sections = questionnaire.sections.prefetch_related(
        Prefetch("questions", Question.objects.order_by("position", "id"))
    )
    context = {
        "questionnaire": questionnaire,
        "sections": sections,
        "locked": questionnaire.is_locked,
        "can_manage": request.user.has_perm("surveys.manage_surveys", questionnaire),
        "section_form": SectionForm(),
    }
    return render(request, "surveys/questionnaire_detail.html", context)


@login_required
def questionnaire_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Title, purpose and the address to respondents (allowed after use: answers do not refer to them)."""
    questionnaire = _questionnaire(request, uuid, "surveys.manage_surveys")
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    if request.method == "POST" and form.is_valid():
        actions.questionnaire_update(form.save(commit=False), actor=request.user)
        messages.success(request, "Анкета сохранена.")
        return redirect(questionnaire)
    return render(
        request, "surveys/simple_form.html", {"form": form, "title": "Анкета", "back": questionnaire}
    )


@require_POST
@login_required
def questionnaire_copy(request: HttpRequest, uuid) -> HttpResponse:
    """A copy to edit (a questionnaire used in a campaign is locked); curator."""
    questionnaire = _questionnaire(request, uuid, "surveys.manage_surveys")
    copy = actions.questionnaire_copy(questionnaire, actor=request.user)
    messages.success(request, "Копия анкеты создана.")
    return redirect(copy)


@require_POST
@login_required
def section_add(request: HttpRequest, uuid) -> HttpResponse:
    """A new section at the end of the questionnaire; curator."""
    questionnaire = _questionnaire(request, uuid, "surveys.manage_surveys")
    form = SectionForm(request.POST, instance=Section(questionnaire=questionnaire, position=0))
    if not form.is_valid():
        messages.error(request, "Укажите название раздела.")
        return redirect(questionnaire)
    with refusals(request):
        actions.section_save(form.save(commit=False), actor=request.user)
    return redirect(questionnaire)


def _section(request: HttpRequest, uuid, section_id: int) -> Section:
    questionnaire = _questionnaire(request, uuid, "surveys.manage_surveys")
    return get_object_or_404(questionnaire.sections.select_related("questionnaire"), pk=section_id)


@login_required
def section_edit(request: HttpRequest, uuid, section_id: int) -> HttpResponse:
    """Rename or move a section; curator."""
    section = _section(request, uuid, section_id)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            actions.section_save(form.save(commit=False), actor=request.user)
        if not refused:
            return redirect(section.questionnaire)
    return render(
        request,
        "surveys/simple_form.html",
        {"form": form, "title": "Раздел анкеты", "back": section.questionnaire},
    )


@require_POST
@login_required
def section_delete(request: HttpRequest, uuid, section_id: int) -> HttpResponse:
    """Delete a section with its questions (not once the questionnaire has been used); curator."""
    section = _section(request, uuid, section_id)
    with refusals(request):
        actions.section_delete(section, actor=request.user)
    return redirect(section.questionnaire)


@login_required
def question_new(request: HttpRequest, uuid, section_id: int) -> HttpResponse:
    """A new question at the end of a section; curator."""
    section = _section(request, uuid, section_id)
    return _question_form(request, Question(section=section))


def _question(request: HttpRequest, uuid, question_id: int) -> Question:
    questionnaire = _questionnaire(request, uuid, "surveys.manage_surveys")
    return get_object_or_404(
        Question.objects.filter(section__questionnaire=questionnaire).select_related(
            "section__questionnaire"
        ),
        pk=question_id,
    )


@login_required
def question_edit(request: HttpRequest, uuid, question_id: int) -> HttpResponse:
    """Change a question (not once the questionnaire has been used); curator."""
    return _question_form(request, _question(request, uuid, question_id))


def _question_form(request: HttpRequest, question: Question) -> HttpResponse:
    form = QuestionForm(request.POST or None, instance=question)
    questionnaire = question.section.questionnaire
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            actions.question_save(form.save(commit=False), actor=request.user)
        if not refused:
            messages.success(request, "Вопрос сохранён.")
            return redirect(questionnaire)
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "question": question, "questionnaire": questionnaire},
    )


@require_POST
@login_required
def question_delete(request: HttpRequest, uuid, question_id: int) -> HttpResponse:
    """Delete a question (not once the questionnaire has been used); curator."""
    question = _question(request, uuid, question_id)
    with refusals(request):
        actions.question_delete(question, actor=request.user)
    return redirect(question.section.questionnaire)


@require_POST
@login_required
def question_move(request: HttpRequest, uuid, question_id: int) -> HttpResponse:
    """Move a question up or down within its section; curator."""
    question = _question(request, uuid, question_id)
    with refusals(request):
        actions.question_move(question, up=request.POST.get("direction") == "up", actor=request.user)
    return redirect(question.section.questionnaire)


# ---------------------------------------------------------------- answering (respondents)


@org_permission_required("surveys.answer_surveys")
def my_surveys(request: HttpRequest) -> HttpResponse:
    """The campaigns sent to the user in this organization: to answer, answered, closed."""
    own = Participation.objects.filter(person__user=request.user, representative__isnull=True)
    family = Participation.objects.of_representative(request.user)
    participations = (
        (own | family)
        .filter(campaign__organization=request.organization)
        .exclude(campaign__status=Campaign.Status.DRAFT)
        .select_related("campaign__questionnaire", "person", "representative")
        .order_by("-campaign__opens_on", "-campaign_id")
    )
    today = timezone.localdate()
    rows = [(p, p.campaign.is_accepting(today)) for p in participations]
    return render(request, "surveys/my_surveys.html", {"rows": rows})


def _cookie_name(campaign: Campaign) -> str:
    return f"survey-{campaign.uuid.hex[:12]}"


def _with_key(response: HttpResponse, campaign: Campaign, key: str) -> HttpResponse:
    """The anonymous edit key lives only in the respondent's browser (never in the session)."""
    from django.conf import settings

    days = max(1, (campaign.closes_on - timezone.localdate()).days + 1)
    response.set_signed_cookie(
        _cookie_name(campaign),
        key,
        salt=COOKIE_SALT,
        max_age=days * 86400,
        path="/surveys/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@login_required
def campaign_answer(request: HttpRequest, uuid) -> HttpResponse:
    """The questionnaire for an addressee: answer once, change until the campaign closes."""
    own = Participation.objects.filter(person__user=request.user, representative__isnull=True)
    # A parent answers the surveys sent to them and, for a child under 14, the child's (issue 19).
    family = Participation.objects.of_representative(request.user)
    participation = (
        (own | family)
        .filter(campaign__uuid=uuid)
        .exclude(campaign__status=Campaign.Status.DRAFT)
        .select_related("campaign__questionnaire", "campaign__organization", "person", "representative")
        .order_by("representative_id")
        .first()
    )
    if participation is None:
        raise Http404
    campaign, person = participation.campaign, participation.person
    representative = participation.representative
    questions = questions_of(campaign.questionnaire_id)
    key = request.get_signed_cookie(_cookie_name(campaign), default=None, salt=COOKIE_SALT)
    if campaign.anonymous:
        saved = actions.find_anonymous(campaign, key) if participation.answered else None
    else:
        saved = SurveyResponse.objects.filter(
            campaign=campaign, person=person, representative=representative
        ).first()
    accepting = campaign.is_accepting()
    if request.method == "POST" and accepting and "edit_code" in request.POST:
        return _enter_code(request, campaign)
    initial = initial_from(questions, saved.answers.all()) if saved else {}
    form = AnswerForm(
        request.POST if request.method == "POST" and accepting else None, questions=questions, initial=initial
    )
    needs_code = campaign.anonymous and participation.answered and saved is None
    if request.method == "POST" and accepting and not needs_code and form.is_valid():
        answers = actions.answers_for(questions, form.cleaned_data)
        with refusals(request, form) as refused:
            done = actions.response_submit(
                campaign,
                person=person,
                representative=representative,
                answers=answers,
                edit_key=key,
                actor=request.user,
            )
        if not refused:
            messages.success(request, "Спасибо! Ответы сохранены." if done.created else "Ответы изменены.")
            reply = redirect("surveys:campaign_answer", uuid=campaign.uuid)
            return _with_key(reply, campaign, done.edit_key) if done.edit_key else reply
    context = {
        "campaign": campaign,
        "participation": participation,
        "form": form,
        "saved": saved,
        "accepting": accepting,
        "today": timezone.localdate(),
        "needs_code": needs_code,
        "code_form": EditCodeForm(),
        "edit_key": key if campaign.anonymous and saved else None,
    }
    return render(request, "surveys/answer_form.html", context)


def _enter_code(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    form = EditCodeForm(request.POST)
    key = form.data.get("edit_code", "").strip()
    reply = redirect("surveys:campaign_answer", uuid=campaign.uuid)
    if form.is_valid() and actions.find_anonymous(campaign, key):
        messages.success(request, "Код принят: можно изменить ответы.")
        return _with_key(reply, campaign, key)
    messages.error(request, "Код не подходит. Проверьте, что он введён так, как был показан после отправки.")
    return reply


# ---------------------------------------------------------------- without an account (issue 19)


@login_not_required
def answer_link(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire through a personal one-time link (e-mail or slip), no account needed;
    public. One answer: the link is spent once the addressee has answered."""
    if public.code_blocked(request):
        return _link_refused(request, public.TOO_MANY, status=429)
    participation = actions.find_by_link(token)
    if participation is None:
        public.code_failed(request)
        return _link_refused(
            request, "Ссылка не найдена: проверьте, что она открыта целиком, или обратитесь к куратору."
        )
    campaign = participation.campaign
    if participation.answered:
        return _link_refused(request, actions.ALREADY_ANSWERED_BY_LINK)
    if campaign.status == Campaign.Status.DRAFT or not campaign.is_accepting():
        return _link_refused(
            request, "Анкетирование не принимает ответы: оно ещё не началось или уже завершено."
        )
    questions = questions_of(campaign.questionnaire_id)
    form = AnswerForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        answers = actions.answers_for(questions, form.cleaned_data)
        with refusals(request, form) as refused:
            actions.response_submit(
                campaign,
                person=participation.person,
                representative=participation.representative,
                answers=answers,
                by_link=True,
                actor=None,
            )
        if not refused:
            return render(request, "surveys/answer_link_done.html", {"campaign": campaign})
    context = {"campaign": campaign, "participation": participation, "form": form}
    return render(request, "surveys/answer_link.html", context)


def _link_refused(request: HttpRequest, message: str, status: int = 410) -> HttpResponse:
    return render(request, "surveys/answer_link_refused.html", {"message": message}, status=status)


@require_POST
@login_required
def campaign_links(request: HttpRequest, uuid) -> HttpResponse:
    """Personal one-time links for the addressees without an account: by e-mail, or printed
    slips with a QR code (the PDF is the answer); curator, admin."""
    campaign = _campaign(request, uuid, "surveys.manage_surveys")
    form = LinksForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите, как передать ссылки.")
        return redirect(campaign)
    result = None
    with refusals(request):
        result = actions.survey_links_issue(
            campaign,
            actor=request.user,
            channel=form.cleaned_data["channel"],
            site_url=request.build_absolute_uri("/"),
        )
    if result is None:
        return redirect(campaign)
    messages.success(request, f"Писем со ссылкой: {result.emailed}; листков со ссылкой: {len(result.slips)}.")
    if result.slips:
        content = survey_slips_pdf(result.slips, campaign=campaign, site_url=request.build_absolute_uri("/"))
        return pdf_response(content, "ссылки-на-анкету.pdf", inline=False)
    return redirect(campaign)


@require_POST
@login_required
def campaign_codes(request: HttpRequest, uuid) -> HttpResponse:
    """«Публичная ссылка с кодом» of an anonymous campaign: unnamed slips with a code each for the
    addressees who have not answered (the PDF is the answer; printing again replaces the unused
    codes); curator, admin."""
    campaign = _campaign(request, uuid, "surveys.manage_surveys")
    site_url = request.build_absolute_uri("/")
    slips = None
    with refusals(request):
        slips = actions.campaign_codes_issue(campaign, actor=request.user, site_url=site_url)
    if not slips:
        return redirect(campaign)
    campaign.refresh_from_db(fields=["public_token"])
    content = survey_code_slips_pdf(slips, campaign=campaign, site_url=site_url)
    return pdf_response(content, "коды-анкеты.pdf", inline=False)


@org_permission_required("surveys.view_surveys")
def proposal_list(request: HttpRequest) -> HttpResponse:
    """What the answers propose for the banks, to accept or decline; staff readers see, managers decide."""
    proposals = BankProposal.objects.visible_to(request.user).filter(organization=request.organization)
    status = request.GET.get("status", BankProposal.Status.PENDING)
    if status in BankProposal.Status.values:
        proposals = proposals.filter(status=status)
    page = paginate(request, proposals.for_list())
    context = {
        "page": page,
        "status": status,
        "statuses": BankProposal.Status.choices,
        "can_decide": request.user.has_perm("surveys.manage_surveys", request.organization),
    }
    return render(request, "surveys/proposal_list.html", context)


@require_POST
@login_required
def proposal_decide(request: HttpRequest, uuid) -> HttpResponse:
    """Accept or decline one proposal; curator, admin."""
    proposal = get_visible_or_404(request, BankProposal, "surveys.manage_surveys", uuid=uuid)
    accept = request.POST.get("decision") == "accept"
    with refusals(request) as refused:
        if accept:
            proposal_actions.proposal_accept(proposal, actor=request.user)
        else:
            proposal_actions.proposal_decline(proposal, actor=request.user)
    if not refused:
        messages.success(request, f"{proposal.person.full_name}: {'принято' if accept else 'отклонено'}.")
    return redirect("surveys:proposal_list")
