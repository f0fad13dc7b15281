from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "Участники и организации"

    def ready(self) -> None:
        from people import models
        from people.anonymization import register_text_fields
        from people.audit import register_audited

        register_audited(models.PersonEvent, "участник")
        register_audited(models.LegalRepresentativeEvent, "законный представитель")
        register_audited(models.ConsentEvent, "согласие")
        register_audited(models.MentorEvent, "наставник")
        register_audited(models.MenteeEvent, "наставляемый")
        # Where a person's name may be typed: the scrub on withdrawal replaces it there.
        register_text_fields(models.Mentor, ["resources", "availability", "interview_result"])
        register_text_fields(models.Mentee, ["requests_text"])
        register_text_fields(models.BankStatusChange, ["comment"])
        register_text_fields(models.MentorTraining, ["topic", "provider"])
        register_text_fields(models.SupportAction, ["action"])
        register_text_fields(models.Consent, ["purposes", "data_list", "actions", "withdrawal_procedure"])
