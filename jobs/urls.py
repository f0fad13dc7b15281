from __future__ import annotations

from django.urls import path

from jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<uuid:uuid>/", views.job_status, name="status"),
    path("<uuid:uuid>/retry/", views.job_retry, name="retry"),
    path("<uuid:uuid>/download/", views.job_download, name="download"),
]
