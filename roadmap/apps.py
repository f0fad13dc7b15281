from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = "Дорожная карта"

    def ready(self) -> None:
        from notifications.reminders import register_reminder_source
        from people.anonymization import register_text_fields
        from roadmap.models import Activity, Roadmap, Stage
        from roadmap.reminders import roadmap_deadlines

        # The daily reminders (`send_notifications`): deadlines in 7 days and overdue.
        register_reminder_source(roadmap_deadlines)

        # Where a person's name may be typed (or imported from Word): scrubbed on withdrawal.
        register_text_fields(
            Activity,
            ["title", "content", "responsible_roles", "expected_result", "kpi", "evidence_note"],
        )
        register_text_fields(Roadmap, ["title", "approved_by", "return_comment", "amendment_reason"])
        register_text_fields(Stage, ["title"])
