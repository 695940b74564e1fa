"""The demo dataset `make run` loads: each app that has demo data declares a loader in its
`demo.py` with `@loader`; `manage.py load_demo_data` runs them in INSTALLED_APPS order (so
organisations exist before people, and people before their declarations), and an app's own
loaders in the order they were registered. Loaders must be safe to run again and return a
line saying what they added."""

from collections.abc import Callable

from django.apps import apps
from django.utils.module_loading import autodiscover_modules

LOADERS: list[Callable[[], str]] = []


def loader(function: Callable[[], str]) -> Callable[[], str]:
    LOADERS.append(function)
    return function


def discover() -> list[Callable[[], str]]:
    autodiscover_modules("demo")
    # Sorted by app, because a test may import one app's demo module before another's.
    app_order = [config.name for config in apps.get_app_configs()]
    return sorted(
        LOADERS, key=lambda function: app_order.index(apps.get_containing_app_config(function.__module__).name)
    )
