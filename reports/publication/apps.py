from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "reports.publication"
    label = "publication"
    verbose_name = "Положение, публичная страница и методическая копилка"

    def ready(self) -> None:
        from people.signals import person_anonymizing
        from reports.orders.signals import order_signed
        from reports.publication.actions import approve_by_launch_order, register_launch_appendix
        from reports.publication.names import scrub_anonymized_person

        person_anonymizing.connect(scrub_anonymized_person, dispatch_uid="publication-scrub-names")
        order_signed.connect(approve_by_launch_order, dispatch_uid="publication-launch-order")
        register_launch_appendix()
