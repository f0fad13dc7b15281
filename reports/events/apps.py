from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "reports.events"
    label = "events"
    verbose_name = "Мероприятия"

    def ready(self) -> None:
        from mentoring.lib import protocols
        from mentoring.lib.calendar_feed import register_calendar_source
        from notifications.reminders import register_reminder_source
        from people.anonymization import register_text_fields
        from reports.events.calendar import event_entries
        from reports.events.models import Event, EventMaterial, Protocol
        from reports.events.reminders import event_tomorrow

        # The roadmap and the Положение cite a pedagogical council protocol without importing
        # this app: it offers them its register.
        protocols.register_council_protocols(Protocol.objects.council_register)
        # The personal calendar feed carries the person's events; the day before, a reminder.
        register_calendar_source(event_entries)
        register_reminder_source(event_tomorrow)
        # Where a person's name may be typed: the scrub on withdrawal replaces it there.
        register_text_fields(Event, ["title", "place"])
        register_text_fields(EventMaterial, ["name"])
        register_text_fields(Protocol, ["agenda"])
