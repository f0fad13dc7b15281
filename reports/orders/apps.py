from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "reports.orders"
    label = "orders"
    verbose_name = "Приказы"
