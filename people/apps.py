from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "Участники и организации"

    def ready(self) -> None:
        from people import models
        from people.audit import register_audited

        register_audited(models.PersonEvent, "участник")
        register_audited(models.LegalRepresentativeEvent, "законный представитель")
        register_audited(models.ConsentEvent, "согласие")
        register_audited(models.MentorEvent, "наставник")
        register_audited(models.MenteeEvent, "наставляемый")
