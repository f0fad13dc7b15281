from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The migrations of the tables of orders, publication and surveys from before the section apps.

    `reports/` is a package of section apps (orders, surveys, monitoring, publication); this app keeps
    only the history of migrations that created their tables, so that a database migrated before the
    split moves to the section apps with no data copied (the tables keep their names).
    """

    name = "reports"
    verbose_name = "Отчёты (история миграций)"
