from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "reports.surveys"
    label = "surveys"
    verbose_name = "Анкетирование"
