from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "reports.orders"
    label = "orders"
    verbose_name = "Приказы"

    def ready(self) -> None:
        from people.anonymization import register_text_fields
        from reports.orders.models import Order, OrderPerson

        # Unsigned orders (drafts and those awaiting signature) are scrubbed on withdrawal; signed
        # and cancelled ones are legal documents kept for their retention period, with their
        # history, and the destruction act lists them.
        def signed(orders):
            return orders.filter(status__in=[Order.Status.SIGNED, Order.Status.CANCELLED]).exclude(number="")

        register_text_fields(
            Order,
            [
                "title",
                "preamble",
                "points",
                "control",
                "appendix",
                "params",
                "executor_mark",
                "text",
                "signer_name",
            ],
            keep=signed,
        )
        register_text_fields(
            OrderPerson,
            ["declined_name", "merit"],
            keep=lambda rows: rows.filter(order__in=signed(Order.objects.all())),
        )
