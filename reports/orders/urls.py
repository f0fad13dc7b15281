from django.urls import path

from reports.orders import views

app_name = "orders"
urlpatterns = [
    path("orders/", views.order_list, name="order_list"),
    path("orders/new/<str:kind>/", views.order_create, name="order_create"),
    path("orders/<uuid:uuid>/", views.order_detail, name="order_detail"),
    path("orders/<uuid:uuid>/edit/", views.order_edit, name="order_edit"),
    path("orders/<uuid:uuid>/people/<int:pk>/", views.order_person_update, name="order_person_update"),
    path("orders/<uuid:uuid>/regenerate/", views.order_regenerate, name="order_regenerate"),
    path("orders/<uuid:uuid>/submit/", views.order_submit, name="order_submit"),
    path("orders/<uuid:uuid>/return/", views.order_return, name="order_return"),
    path("orders/<uuid:uuid>/sign/", views.order_sign, name="order_sign"),
    path("orders/<uuid:uuid>/cancel/", views.order_cancel, name="order_cancel"),
    path("orders/<uuid:uuid>/cancellation/", views.order_draft_cancellation, name="order_draft_cancellation"),
    path("orders/<uuid:uuid>/delete/", views.order_delete, name="order_delete"),
    path("orders/<uuid:uuid>/pdf/", views.order_pdf, name="order_pdf"),
    path("orders/<uuid:uuid>/docx/", views.order_docx, name="order_docx"),
    path("orders/<uuid:uuid>/letters/", views.order_letters, name="order_letters"),
    path("orders/<uuid:uuid>/letters/<uuid:person_uuid>/", views.order_letters, name="order_letter"),
]
