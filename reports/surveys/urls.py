"""URLs of questionnaires, campaigns and answering, mounted at /surveys/ (namespace `surveys`)."""

from __future__ import annotations

from django.urls import path

from reports.surveys import public, views

app_name = "surveys"

Q = "questionnaires/<uuid:uuid>/"
urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("new/", views.campaign_create, name="campaign_create"),
    path("mine/", views.my_surveys, name="my_surveys"),
    path("<uuid:uuid>/", views.campaign_detail, name="campaign_detail"),
    path("<uuid:uuid>/edit/", views.campaign_edit, name="campaign_edit"),
    path("<uuid:uuid>/launch/", views.campaign_launch, name="campaign_launch"),
    path("<uuid:uuid>/close/", views.campaign_close, name="campaign_close"),
    path("<uuid:uuid>/delete/", views.campaign_delete, name="campaign_delete"),
    path("<uuid:uuid>/results/", views.campaign_results, name="campaign_results"),
    path("<uuid:uuid>/answer/", views.campaign_answer, name="campaign_answer"),
    path("responses/<uuid:uuid>/", views.response_detail, name="response_detail"),
    # issue 19: answering without an account, and what answers propose for the banks
    path("<uuid:uuid>/links/", views.campaign_links, name="campaign_links"),
    path("<uuid:uuid>/codes/", views.campaign_codes, name="campaign_codes"),
    # Recurring campaigns (issue 20): a campaign repeated each quarter or month.
    path("<uuid:uuid>/schedule/", views.schedule_create, name="schedule_create"),
    path("schedules/", views.schedule_list, name="schedule_list"),
    path("schedules/<uuid:uuid>/stop/", views.schedule_stop, name="schedule_stop"),
    path("schedules/<uuid:uuid>/resume/", views.schedule_resume, name="schedule_resume"),
    path("link/<str:token>/", views.answer_link, name="answer_link"),
    path("proposals/", views.proposal_list, name="proposal_list"),
    path("proposals/<uuid:uuid>/", views.proposal_decide, name="proposal_decide"),
    path("questionnaires/", views.questionnaire_list, name="questionnaire_list"),
    path("questionnaires/new/", views.questionnaire_create, name="questionnaire_create"),
    path(Q, views.questionnaire_detail, name="questionnaire_detail"),
    path(Q + "edit/", views.questionnaire_edit, name="questionnaire_edit"),
    path(Q + "copy/", views.questionnaire_copy, name="questionnaire_copy"),
    path(Q + "sections/new/", views.section_add, name="section_add"),
    path(Q + "sections/<int:section_id>/", views.section_edit, name="section_edit"),
    path(Q + "sections/<int:section_id>/delete/", views.section_delete, name="section_delete"),
    path(Q + "sections/<int:section_id>/questions/new/", views.question_new, name="question_new"),
    path(Q + "questions/<int:question_id>/", views.question_edit, name="question_edit"),
    path(Q + "questions/<int:question_id>/delete/", views.question_delete, name="question_delete"),
    path(Q + "questions/<int:question_id>/move/", views.question_move, name="question_move"),
]

# Short public addresses printed on slips (issue 19), mounted at /s/ (namespace `answer`):
# «Введите код с листка», and the public link of an anonymous campaign.
short_urls = (
    [
        path("", public.code_entry, name="code"),
        path("<str:token>/", public.public_answer, name="public"),
    ],
    "answer",
)
