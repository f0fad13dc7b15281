from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from mentoring import views
from people.views import RateLimitedLoginView, RateLimitedPasswordResetView
from reports.publication import urls as publication_urls
from reports.surveys import urls as survey_urls

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("about/", views.about, name="about"),
    path("organization/switch/", views.switch_organization, name="switch_organization"),
    path("organization/search/", views.organization_search, name="organization_search"),
    path("healthz/", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("accounts/login/", RateLimitedLoginView.as_view(), name="login"),
    # Logging out without a session just lands on the login page, like logging out.
    path("accounts/logout/", login_not_required(auth_views.LogoutView.as_view()), name="logout"),
    path("accounts/password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/password/reset/", RateLimitedPasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("people/", include("people.urls")),
    path("access/", include("accounts.urls")),
    path("notifications/", include("notifications.urls")),
    path("files/", include("jobs.urls")),
    path("exports/", include("reports.exportlog.urls")),
    path("roadmap/", include("roadmap.urls")),
    path("pairs/", include("pairs.urls")),
    path("surveys/", include("reports.surveys.urls")),
    path("s/", include(survey_urls.short_urls)),
    path("reports/", include("reports.orders.urls")),
    path("events/", include("reports.events.urls")),
    path("statistics/", include("reports.monitoring.urls")),
    path("regulations/", include(publication_urls.regulation_urls)),
    path("library/", include(publication_urls.library_urls)),
    path("publication/", include(publication_urls.management_urls)),
    path("p/", include(publication_urls.public_urls)),
    path("admin/", admin.site.urls),
]

# Uploaded files (consent scans, evidence, materials) hold personal data: they are never served
# from MEDIA_URL, even in development, only through views that check who asks.
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
