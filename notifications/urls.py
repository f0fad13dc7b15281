from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.notification_read_all, name="read_all"),
    path("settings/", views.preferences, name="preferences"),
    path("<uuid:uuid>/read/", views.notification_read, name="read"),
]
