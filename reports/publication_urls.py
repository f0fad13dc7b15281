from django.urls import path

from reports import publication_views as views

app_name = "publication"
urlpatterns = [
    path("", views.page_settings, name="settings"),
    path("news/", views.news_list, name="news_list"),
    path("news/new/", views.news_create, name="news_create"),
    path("news/<uuid:uuid>/edit/", views.news_edit, name="news_edit"),
    path("news/<uuid:uuid>/delete/", views.news_delete, name="news_delete"),
]
