from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from core.components import keep_components_compiled

        keep_components_compiled()
