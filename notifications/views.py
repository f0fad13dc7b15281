"""The user's notifications and their choices; every signed-in user, their own only."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from mentoring.lib.scoping import get_visible_or_404
from mentoring.lib.views import paginate
from notifications import actions
from notifications.forms import PreferencesForm
from notifications.models import Notification, Preference


def notification_list(request: HttpRequest) -> HttpResponse:
    """«Уведомления»: the user's notifications, newest first; any signed-in user."""
    notifications = Notification.objects.in_app_for(request.user).only(
        "uuid", "kind", "title", "text", "link", "created_at", "read_at"
    )
    page = paginate(request, notifications, per_page=30)
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "unread": Notification.objects.unread_for(request.user).exists()},
    )


@require_POST
def notification_read(request: HttpRequest, uuid) -> HttpResponse:
    """Mark one of the user's notifications read; with `open`, go to what it is about."""
    notification = get_visible_or_404(request, Notification, None, uuid=uuid)
    actions.notifications_mark_read(Notification.objects.filter(pk=notification.pk), actor=request.user)
    if "open" in request.POST and url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.link or "notifications:list")
    return redirect("notifications:list")


@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    """Mark all the user's notifications read."""
    count = actions.notifications_mark_read(Notification.objects.visible_to(request.user), actor=request.user)
    messages.success(
        request, f"Отмечено прочитанными: {count}." if count else "Непрочитанных уведомлений нет."
    )
    return redirect("notifications:list")


def preferences(request: HttpRequest) -> HttpResponse:
    """«Настройки уведомлений»: per kind, in the app and by e-mail; the user's own."""
    current = {p.kind: (p.in_app, p.email) for p in Preference.objects.filter(user=request.user)}
    form = PreferencesForm(request.POST or None, current=current)
    if form.is_valid():
        actions.preferences_save(request.user, form.choices(), actor=request.user)
        messages.success(request, "Настройки уведомлений сохранены.")
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
