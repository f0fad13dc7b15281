from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "reports.monitoring"
    label = "monitoring"
    verbose_name = "Статистика и мониторинг"
