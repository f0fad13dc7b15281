from django.urls import path

from reports import library_views as views

app_name = "library"
urlpatterns = [
    path("", views.material_list, name="list"),
    path("new/", views.material_create, name="create"),
    path("<uuid:uuid>/", views.material_detail, name="detail"),
    path("<uuid:uuid>/edit/", views.material_edit, name="edit"),
    path("<uuid:uuid>/delete/", views.material_delete, name="delete"),
    path("<uuid:uuid>/file/", views.material_file, name="file"),
    path("<uuid:uuid>/best/", views.material_mark, name="mark"),
    path("practices/", views.practice_list, name="practices"),
    path("practices/pair/<uuid:uuid>/", views.pair_mark, name="pair_mark"),
    path("practices/<uuid:uuid>/", views.practice_edit, name="practice_edit"),
    path("practices/<uuid:uuid>/delete/", views.practice_delete, name="practice_delete"),
]
