from __future__ import annotations

from django.urls import path

from reports import statistics_views as views

app_name = "statistics"

urlpatterns = [
    path("", views.statistics_page, name="index"),
    path("export/<slug:kind>.xlsx", views.statistics_export, name="export"),
]
