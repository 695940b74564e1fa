import pytest
from django.core.management import call_command
from django_otp import DEVICE_ID_SESSION_KEY

from accounts.tests.factories import TOTPDeviceFactory, UserFactory


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    # Production serves hashed files listed in a manifest that `collectstatic` writes; tests
    # find files where they are instead of needing that step first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    # Files a test stores (outputs' uploads, the demo's files) go where the test cleans up.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _pages_rendered_afresh(settings):
    # A test that changes data and looks again must see the change, not a page the app kept
    # from its first look. core/tests/test_middleware_page_cache.py tests the keeping.
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture(scope="session", autouse=True)
def _cache_table(django_db_setup, django_db_blocker):
    # The cache (and so rate limiting) lives in a database table that migrations do not
    # create; without it every rate-limited view would refuse with 429.
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


# The cast: people every app's tests need.


@pytest.fixture
def member():
    return UserFactory(email="alex@example.com", full_name="Alex Member")


@pytest.fixture
def moderator():
    return UserFactory(moderator=True, email="mo@localdigital.example")


@pytest.fixture
def programme_admin():
    return UserFactory(programme_admin=True, email="admin@localdigital.example")


@pytest.fixture
def assessor():
    return UserFactory(assessor=True, email="assessor@localdigital.example")


@pytest.fixture
def fund_approver():
    return UserFactory(fund_approver=True, email="approver@localdigital.example")


@pytest.fixture
def sign_in_verified(client):
    """Sign `user` in as if they had given their password and a code: a confirmed device,
    and that device recorded on the session."""

    def sign_in(user):
        device = TOTPDeviceFactory(user=user)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return sign_in
