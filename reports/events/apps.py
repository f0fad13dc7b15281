from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "reports.events"
    label = "events"
    verbose_name = "Мероприятия"

    def ready(self) -> None:
        from mentoring.lib import protocols
        from reports.events.models import Protocol

        # The roadmap and the Положение cite a pedagogical council protocol without importing
        # this app: it offers them its register.
        protocols.register_council_protocols(Protocol.objects.council_register)
