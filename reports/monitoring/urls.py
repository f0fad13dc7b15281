from __future__ import annotations

from django.urls import path

from reports.monitoring import views

app_name = "statistics"

urlpatterns = [
    path("", views.statistics_page, name="index"),
    path("export/<slug:kind>.xlsx", views.statistics_export, name="export"),
    path("monitoring/", views.monitoring_page, name="monitoring"),
    path("schools/", views.schools_page, name="schools"),
    path("monitoring/note.pdf", views.monitoring_note, name="monitoring_note"),
    path("surveys/<uuid:uuid>/<slug:kind>.xlsx", views.campaign_export, name="campaign_export"),
]
