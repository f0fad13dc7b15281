from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "reports.surveys"
    label = "surveys"
    verbose_name = "Анкетирование"

    def ready(self) -> None:
        from notifications.reminders import register_reminder_source
        from people.anonymization import register_scrubber, register_text_fields
        from reports.surveys.models import Answer
        from reports.surveys.reminders import survey_ending
        from reports.surveys.withdrawal import detach_named_responses

        # Free-text answers may name someone; a withdrawn person's named answers are detached.
        register_text_fields(Answer, ["text"])
        register_scrubber(detach_named_responses)
        # The daily reminder (`send_notifications`) to those who have not answered yet.
        register_reminder_source(survey_ending)
