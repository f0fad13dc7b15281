"""Django admin helpers."""

from __future__ import annotations

from django.contrib import admin


class ReadOnlyAdminMixin:
    """Records that change only through the app's actions (consents, anonymization, statuses,
    numbers): the admin may look, never add, edit or delete, because it would skip their rules."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyTabularInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
