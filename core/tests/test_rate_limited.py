import pytest
from django.contrib.auth.models import AnonymousUser
from django_ratelimit.exceptions import Ratelimited
from pytest_django.asserts import assertContains

from core.views import rate_limited

pytestmark = pytest.mark.django_db


def test_it_shows_the_govuk_too_many_attempts_page(rf):
    request = rf.post("/sign-in")
    request.user = AnonymousUser()

    response = rate_limited(request, Ratelimited())

    assert response.status_code == 429
    assertContains(response, "<h1", count=1, status_code=429)
    assertContains(
        response, '<h1 class="govuk-heading-l">You have tried too many times</h1>', html=True, status_code=429
    )
