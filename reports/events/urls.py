from django.urls import path

from reports.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("new/", views.event_create, name="event_create"),
    path("<uuid:uuid>/", views.event_detail, name="event_detail"),
    path("<uuid:uuid>/edit/", views.event_edit, name="event_edit"),
    path("<uuid:uuid>/attendance/", views.event_attendance, name="event_attendance"),
    path("<uuid:uuid>/cancel/", views.event_cancel, name="event_cancel"),
    path("<uuid:uuid>/materials/", views.material_add, name="material_add"),
    path("<uuid:uuid>/materials/<int:pk>/", views.material_file, name="material_file"),
    path("<uuid:uuid>/materials/<int:pk>/delete/", views.material_delete, name="material_delete"),
    path("<uuid:uuid>/protocol/", views.protocol_create, name="protocol_create"),
    path("protocols/", views.protocol_list, name="protocol_list"),
    path("protocols/<uuid:uuid>/", views.protocol_detail, name="protocol_detail"),
    path("protocols/<uuid:uuid>/edit/", views.protocol_edit, name="protocol_edit"),
    path("protocols/<uuid:uuid>/pdf/", views.protocol_pdf, name="protocol_pdf"),
    path("protocols/<uuid:uuid>/docx/", views.protocol_docx, name="protocol_docx"),
    path("training/", views.training_group_list, name="training_group_list"),
    path("training/new/", views.training_group_create, name="training_group_create"),
    path("training/<uuid:uuid>/", views.training_group_detail, name="training_group_detail"),
    path("training/<uuid:uuid>/edit/", views.training_group_edit, name="training_group_edit"),
    path("training/<uuid:uuid>/session/", views.training_session_plan, name="training_session_plan"),
    path("training/<uuid:uuid>/complete/", views.training_group_complete, name="training_group_complete"),
]
