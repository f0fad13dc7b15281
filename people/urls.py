from django.urls import path

from people import bank_views, consent_views, import_views, views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("new/", views.person_create, name="person_create"),
    path("<uuid:uuid>/", views.person_detail, name="person_detail"),
    path("<uuid:uuid>/edit/", views.person_edit, name="person_edit"),
    path("<uuid:uuid>/representatives/new/", views.representative_add, name="representative_add"),
    path("<uuid:uuid>/consents/new/", consent_views.consent_create, name="consent_create"),
    path("<uuid:uuid>/consents/withdraw/", consent_views.consent_withdraw, name="consent_withdraw"),
    path("<uuid:uuid>/consents/blank/<str:kind>/", consent_views.consent_blank, name="consent_blank"),
    path("consents/<uuid:uuid>/scan/", consent_views.consent_scan, name="consent_scan"),
    path("acts/<uuid:uuid>/", consent_views.destruction_act, name="destruction_act"),
    path("mentors/", bank_views.mentor_list, name="mentor_list"),
    path("mentors/export/", bank_views.mentor_export, name="mentor_export"),
    path("mentors/new/", bank_views.mentor_create, name="mentor_create"),
    path("mentors/<uuid:uuid>/status/", bank_views.mentor_status, name="mentor_status"),
    path("mentors/<uuid:uuid>/trainings/", bank_views.mentor_training_add, name="mentor_training_add"),
    path("mentees/", bank_views.mentee_list, name="mentee_list"),
    path("mentees/export/", bank_views.mentee_export, name="mentee_export"),
    path("mentees/new/", bank_views.mentee_create, name="mentee_create"),
    path("mentees/<uuid:uuid>/status/", bank_views.mentee_status, name="mentee_status"),
    path("mentees/<uuid:uuid>/support/", bank_views.mentee_support_add, name="mentee_support_add"),
    path("import/", import_views.import_upload, name="import_upload"),
    path("import/map/", import_views.import_map, name="import_map"),
    path("import/confirm/", import_views.import_confirm, name="import_confirm"),
    path("import/errors/", import_views.import_errors, name="import_errors"),
    path("import/template/<str:kind>/", import_views.import_template, name="import_template"),
    path("organization/requisites/", views.organization_requisites, name="organization_requisites"),
    path("audit/", views.audit_log, name="audit_log"),
    path("access-log/", views.access_log, name="access_log"),
]
