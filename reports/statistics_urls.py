from __future__ import annotations

from django.urls import path

from reports import monitoring_views
from reports import statistics_views as views

app_name = "statistics"

urlpatterns = [
    path("", views.statistics_page, name="index"),
    path("export/<slug:kind>.xlsx", views.statistics_export, name="export"),
    path("monitoring/", monitoring_views.monitoring_page, name="monitoring"),
    path("monitoring/note.pdf", monitoring_views.monitoring_note, name="monitoring_note"),
    path("surveys/<uuid:uuid>/<slug:kind>.xlsx", monitoring_views.campaign_export, name="campaign_export"),
]
