from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("invitations/", views.invitation_list, name="invitation_list"),
    path("invitations/send/", views.invite, name="invite"),
    path("invitations/representatives/", views.representative_list, name="representative_list"),
    path("invitations/representatives/send/", views.invite_representatives, name="invite_representatives"),
    path("activate/", views.activate_code, name="activate_code"),
    path("activate/<str:token>/", views.activate_token, name="activate_token"),
]
