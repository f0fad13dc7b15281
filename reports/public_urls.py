"""The public page of an organization's programme: no login needed."""

from django.urls import path

from reports import public_views as views

app_name = "public"
urlpatterns = [
    path("<slug:slug>/", views.index, name="index"),
    path("<slug:slug>/embed/", views.embed, name="embed"),
    path("<slug:slug>/news/", views.news_list, name="news_list"),
    path("<slug:slug>/news/feed/", views.feed, name="feed"),
    path("<slug:slug>/news/<uuid:uuid>/", views.news_detail, name="news_detail"),
    path("<slug:slug>/polozhenie/<uuid:uuid>/", views.regulation, name="regulation"),
    path("<slug:slug>/polozhenie/<uuid:uuid>/pdf/", views.regulation_pdf, name="regulation_pdf"),
    path("<slug:slug>/roadmap/<uuid:uuid>/pdf/", views.roadmap_pdf, name="roadmap_pdf"),
    path("<slug:slug>/practices/<uuid:uuid>/", views.practice, name="practice"),
    path("<slug:slug>/practices/<uuid:uuid>/file/", views.practice_file, name="practice_file"),
]
