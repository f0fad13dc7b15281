from django.apps import AppConfig


class PairsConfig(AppConfig):
    name = "pairs"
    verbose_name = "Наставнические пары и группы"

    def ready(self) -> None:
        from mentoring.lib.calendar_feed import register_calendar_source
        from notifications.reminders import register_reminder_source
        from pairs import models
        from pairs.actions import pairs_end_for_withdrawn
        from pairs.calendar import planned_meeting_events
        from pairs.models import mentee_history_window, own_mentees
        from pairs.reminders import feedback_due, meeting_tomorrow
        from people.access import register_history_window, register_person_visibility
        from people.anonymization import register_text_fields
        from people.audit import register_audited
        from people.signals import person_withdrawing

        # A mentor opens the cards of their own mentees (the people app asks through this hook).
        register_person_visibility(own_mentees)
        # …and reads the mentee's bank records of their time together only.
        register_history_window(mentee_history_window)
        # Withdrawal of consent ends the person's pair memberships.
        person_withdrawing.connect(pairs_end_for_withdrawn, dispatch_uid="pairs-end-for-withdrawn")
        # The personal calendar feed (served by roadmap) carries the person's planned meetings.
        register_calendar_source(planned_meeting_events)
        # The daily reminders (`send_notifications`): a meeting tomorrow, feedback still due.
        register_reminder_source(meeting_tomorrow)
        register_reminder_source(feedback_due)
        # The audit log of personal data includes the pairs' records.
        register_audited(models.PairEvent, "пара (группа)")
        register_audited(models.PairMentorEvent, "наставник пары")
        register_audited(models.PairMenteeEvent, "наставляемый пары")
        register_audited(models.FeedbackEvent, "обратная связь")
        # Where a person's name may be typed: the scrub on withdrawal replaces it there.
        register_text_fields(models.Meeting, ["topic", "summary", "next_steps", "agenda", "place"])
        register_text_fields(models.Feedback, ["what_worked", "what_was_hard", "private_note"])
        register_text_fields(models.Pair, ["end_reason", "outcome_text"])
        register_text_fields(models.PairMentor, ["capacity_override_reason"])
        register_text_fields(models.Program, ["deficits", "goals", "tasks"])
        register_text_fields(models.PlanItem, ["content", "expected_result", "reporting_form", "evidence"])
