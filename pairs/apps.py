from django.apps import AppConfig


class PairsConfig(AppConfig):
    name = "pairs"
    verbose_name = "Наставнические пары и группы"

    def ready(self) -> None:
        from mentoring.lib.calendar_feed import register_calendar_source
        from pairs import models
        from pairs.calendar import planned_meeting_events
        from pairs.models import own_mentees
        from people.access import register_person_visibility
        from people.audit import register_audited

        # A mentor opens the cards of their own mentees (the people app asks through this hook).
        register_person_visibility(own_mentees)
        # The personal calendar feed (served by roadmap) carries the person's planned meetings.
        register_calendar_source(planned_meeting_events)
        # The audit log of personal data includes the pairs' records.
        register_audited(models.PairEvent, "пара (группа)")
        register_audited(models.PairMentorEvent, "наставник пары")
        register_audited(models.PairMenteeEvent, "наставляемый пары")
        register_audited(models.FeedbackEvent, "обратная связь")
