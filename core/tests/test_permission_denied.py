import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from pytest_django.asserts import assertContains

from core.views import permission_denied

pytestmark = pytest.mark.django_db


def test_it_shows_the_govuk_permission_page(rf):
    request = rf.get("/manage/memberships")
    request.user = AnonymousUser()

    response = permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    assertContains(response, "<h1", count=1, status_code=403)
    assertContains(
        response,
        '<h1 class="govuk-heading-l">You do not have permission to see this page</h1>',
        html=True,
        status_code=403,
    )
    assertContains(response, 'href="/sign-in"', status_code=403)
