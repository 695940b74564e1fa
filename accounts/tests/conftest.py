import pytest
from django.core.cache import cache
from django_otp import DEVICE_ID_SESSION_KEY

from accounts.tests.factories import TOTPDeviceFactory, UserFactory


@pytest.fixture(autouse=True)
def _empty_cache(db):
    # Rate-limit counts live in the cache; each test starts with none.
    cache.clear()


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
