from __future__ import annotations

from django.urls import path

from reports.exportlog import views

app_name = "exportlog"
urlpatterns = [
    path("<uuid:uuid>/download/", views.export_download, name="download"),
]
