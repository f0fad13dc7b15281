from django.urls import path

from pairs import views

app_name = "pairs"
urlpatterns = [
    path("", views.pair_list, name="pair_list"),
    path("my/", views.my_pairs, name="my_pairs"),
    path("new/", views.pair_create, name="pair_create"),
    path("waiting/", views.waiting_list, name="waiting_list"),
    path("waiting/<uuid:uuid>/support/", views.support_add, name="support_add"),
    path("waiting/<uuid:uuid>/match/", views.mentee_match, name="mentee_match"),
    path("proposal/", views.proposal, name="proposal"),
    path("<uuid:uuid>/", views.pair_detail, name="pair_detail"),
    path("<uuid:uuid>/edit/", views.pair_edit, name="pair_edit"),
    path("<uuid:uuid>/consent-scan/", views.pair_consent_scan, name="pair_consent_scan"),
    path("<uuid:uuid>/activate/", views.pair_activate, name="pair_activate"),
    path("<uuid:uuid>/complete/", views.pair_complete, name="pair_complete"),
    path("<uuid:uuid>/terminate/", views.pair_terminate, name="pair_terminate"),
    path("<uuid:uuid>/program/", views.program_edit, name="program_edit"),
    path("<uuid:uuid>/program/template/", views.program_from_template, name="program_from_template"),
    path("<uuid:uuid>/program/submit/", views.program_submit, name="program_submit"),
    path("<uuid:uuid>/program/approve/", views.program_approve, name="program_approve"),
    path("<uuid:uuid>/program/return/", views.program_return, name="program_return"),
    path("<uuid:uuid>/program/pdf/", views.program_pdf, name="program_pdf"),
    path("<uuid:uuid>/program/items/<int:item_id>/", views.item_progress, name="item_progress"),
    path("<uuid:uuid>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("<uuid:uuid>/meetings/plan/", views.meeting_plan, name="meeting_plan"),
    path("<uuid:uuid>/meetings/pdf/", views.meetings_pdf, name="meetings_pdf"),
    path("<uuid:uuid>/meetings/xlsx/", views.meetings_xlsx, name="meetings_xlsx"),
    path("meetings/<uuid:uuid>/hold/", views.meeting_hold, name="meeting_hold"),
    path("meetings/<uuid:uuid>/move/", views.meeting_move, name="meeting_move"),
    path("meetings/<uuid:uuid>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<uuid:uuid>/miss/", views.meeting_miss, name="meeting_miss"),
    path("meetings/<uuid:uuid>/feedback/", views.feedback_new, name="feedback_new"),
]
