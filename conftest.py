import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    # Production serves hashed files listed in a manifest that `collectstatic` writes; tests
    # find files where they are instead of needing that step first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def _cache_table(django_db_setup, django_db_blocker):
    # The cache (and so rate limiting) lives in a database table that migrations do not
    # create; without it every rate-limited view would refuse with 429.
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)
