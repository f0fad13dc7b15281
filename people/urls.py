from django.urls import path

from people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("<uuid:uuid>/", views.person_detail, name="person_detail"),
    path("audit/", views.audit_log, name="audit_log"),
    path("access-log/", views.access_log, name="access_log"),
]
