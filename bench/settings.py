"""The production settings plus two floor views (bench.urls) that the measurements compare
the service against. Everything else comes from the environment, as in production."""

from config.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
ROOT_URLCONF = "bench.urls"
