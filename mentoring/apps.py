from django.apps import AppConfig, apps

# The libraries' apps as the admin names them (their own names are English: «Axes», «Pghistory»).
LIBRARY_APP_NAMES = {
    "axes": "Блокировки входа",
    "pghistory": "История изменений",
    "procrastinate": "Фоновые задания",
}


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Наставничество"

    def ready(self) -> None:
        from django.contrib import admin

        from mentoring.lib.forms import install_text_hygiene
        from people.access import has_global_admin

        install_text_hygiene()
        for label, name in LIBRARY_APP_NAMES.items():
            if label in apps.app_configs:
                apps.get_app_config(label).verbose_name = name

        # Django admin belongs to the system administrator role, not to Django's staff flag.
        def has_permission(request) -> bool:
            return request.user.is_active and request.user.is_authenticated and has_global_admin(request.user)

        admin.site.has_permission = has_permission
        admin.site.site_header = "Наставничество — администрирование"
        admin.site.site_title = "Наставничество"
        admin.site.index_title = "Справочники и учётные записи"
