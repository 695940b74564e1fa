import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache(db):
    # Rate-limit counts live in the cache; each test starts with none.
    cache.clear()


@pytest.fixture
def staff_client(sign_in_verified, moderator):
    """A moderator signed in with their second factor."""
    return sign_in_verified(moderator)
