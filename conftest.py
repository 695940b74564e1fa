import pytest


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    # Production serves hashed files listed in a manifest that `collectstatic` writes; tests
    # find files where they are instead of needing that step first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
