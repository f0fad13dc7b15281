from django.urls import path

from reports import regulation_views as views

app_name = "regulation"
urlpatterns = [
    path("", views.regulation_list, name="list"),
    path("new/", views.regulation_create, name="create"),
    path("<uuid:uuid>/", views.regulation_detail, name="detail"),
    path("<uuid:uuid>/edit/", views.regulation_edit, name="edit"),
    path("<uuid:uuid>/submit/", views.regulation_submit, name="submit"),
    path("<uuid:uuid>/approve/", views.regulation_approve, name="approve"),
    path("<uuid:uuid>/return/", views.regulation_return, name="return"),
    path("<uuid:uuid>/pdf/", views.regulation_pdf, name="pdf"),
]
