from django.urls import path

from roadmap import views

app_name = "roadmap"
urlpatterns = [
    path("", views.roadmap_list, name="roadmap_list"),
    path("new/", views.roadmap_create, name="roadmap_create"),
    path("import/", views.roadmap_import, name="roadmap_import"),
    path("import/preview/", views.roadmap_import_preview, name="roadmap_import_preview"),
    path("my/", views.my_activities, name="my_activities"),
    path("my/calendar/reset/", views.calendar_token_reset, name="calendar_token_reset"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("<uuid:uuid>/", views.roadmap_detail, name="roadmap_detail"),
    path("<uuid:uuid>/edit/", views.roadmap_edit, name="roadmap_edit"),
    path("<uuid:uuid>/submit/", views.roadmap_submit, name="roadmap_submit"),
    path("<uuid:uuid>/approve/", views.roadmap_approve, name="roadmap_approve"),
    path("<uuid:uuid>/return/", views.roadmap_return, name="roadmap_return"),
    path("<uuid:uuid>/amend/", views.roadmap_amend, name="roadmap_amend"),
    path("<uuid:uuid>/pdf/", views.roadmap_pdf, name="roadmap_pdf"),
    path("<uuid:uuid>/xlsx/", views.roadmap_xlsx, name="roadmap_xlsx"),
    path("<uuid:uuid>/archive/", views.roadmap_archive, name="roadmap_archive"),
    path("<uuid:uuid>/stage/add/", views.stage_edit, name="stage_add"),
    path("<uuid:uuid>/stage/<int:stage>/", views.stage_edit, name="stage_edit"),
    path("<uuid:uuid>/stage/<int:stage>/add/", views.activity_add, name="activity_add"),
    path("activity/<uuid:uuid>/edit/", views.activity_edit, name="activity_edit"),
    path("activity/<uuid:uuid>/delete/", views.activity_delete, name="activity_delete"),
    path("activity/<uuid:uuid>/status/", views.activity_status, name="activity_status"),
    path("activity/<uuid:uuid>/evidence/", views.activity_evidence, name="activity_evidence"),
    path("activity/<uuid:uuid>/kpi/", views.activity_kpi, name="activity_kpi"),
    path("occurrence/<uuid:uuid>/complete/", views.occurrence_complete, name="occurrence_complete"),
    path("suggestion/<uuid:uuid>/accept/", views.evidence_accept, name="evidence_accept"),
    path("suggestion/<uuid:uuid>/decline/", views.evidence_decline, name="evidence_decline"),
]
