from django.apps import AppConfig


class TenderConfig(AppConfig):
    name = "tender"
    verbose_name = "The Tender"
