from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "reports.events"
    label = "events"
    verbose_name = "Мероприятия"

    def ready(self) -> None:
        from mentoring.lib import protocols
        from people.anonymization import register_text_fields
        from reports.events.models import Event, EventMaterial, Protocol

        # The roadmap and the Положение cite a pedagogical council protocol without importing
        # this app: it offers them its register.
        protocols.register_council_protocols(Protocol.objects.council_register)
        # Where a person's name may be typed: the scrub on withdrawal replaces it there.
        register_text_fields(Event, ["title", "place"])
        register_text_fields(EventMaterial, ["name"])
        register_text_fields(Protocol, ["agenda"])
