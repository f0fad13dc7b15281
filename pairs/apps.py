from django.apps import AppConfig


class PairsConfig(AppConfig):
    name = "pairs"
    verbose_name = "Наставнические пары и группы"

    def ready(self) -> None:
        from pairs import models
        from pairs.models import own_mentees
        from people import views as people_views
        from people.access import register_person_visibility

        # A mentor opens the cards of their own mentees (the people app asks through this hook).
        register_person_visibility(own_mentees)
        # The audit log of personal data includes the pairs' records.
        for event in (models.PairEvent, models.PairMentorEvent, models.PairMenteeEvent, models.FeedbackEvent):
            if event not in people_views.AUDITED_EVENT_MODELS:
                people_views.AUDITED_EVENT_MODELS.append(event)
        people_views.AUDITED_MODEL_LABELS.update(
            {
                "pairs.Pair": "пара (группа)",
                "pairs.PairMentor": "наставник пары",
                "pairs.PairMentee": "наставляемый пары",
                "pairs.Feedback": "обратная связь",
            }
        )
