from django.apps import AppConfig


class PairsConfig(AppConfig):
    name = "pairs"
    verbose_name = "Наставнические пары и группы"

    def ready(self) -> None:
        from pairs import models
        from pairs.actions import pairs_end_for_withdrawn
        from pairs.models import own_mentees
        from people.access import register_person_visibility
        from people.audit import register_audited
        from people.signals import person_withdrawing

        # A mentor opens the cards of their own mentees (the people app asks through this hook).
        register_person_visibility(own_mentees)
        # Withdrawal of consent ends the person's pair memberships.
        person_withdrawing.connect(pairs_end_for_withdrawn, dispatch_uid="pairs-end-for-withdrawn")
        # The audit log of personal data includes the pairs' records.
        register_audited(models.PairEvent, "пара (группа)")
        register_audited(models.PairMentorEvent, "наставник пары")
        register_audited(models.PairMenteeEvent, "наставляемый пары")
        register_audited(models.FeedbackEvent, "обратная связь")
