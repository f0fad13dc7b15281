from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Отчёты и статистика"

    def ready(self) -> None:
        from people.signals import person_anonymizing
        from reports.names import scrub_anonymized_person

        person_anonymizing.connect(scrub_anonymized_person, dispatch_uid="reports-scrub-names")
