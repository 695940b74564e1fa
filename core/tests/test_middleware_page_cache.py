"""The app servers keep public pages whole (Django's cache middleware, in the "pages" cache)
and hand a kept page only to someone who would have been given the same bytes."""

import pytest
from django.core.cache import caches

from declaration.tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_kept(settings):
    # The suite renders pages afresh (conftest.py); here the app keeps them, as in production.
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Memory caches outlive a test: start each one empty.
    caches["pages"].clear()


def test_it_hands_an_anonymous_visitor_the_kept_page_without_touching_the_database(client, django_assert_num_queries):
    first = client.get("/signatories")

    with django_assert_num_queries(0):
        again = client.get("/signatories")

    assert again.status_code == 200
    assert again.content == first.content
    assert again.headers["Cache-Control"] == first.headers["Cache-Control"]


def test_it_answers_not_modified_from_the_kept_page(client, django_assert_num_queries):
    etag = client.get("/signatories").headers["ETag"]

    with django_assert_num_queries(0):
        response = client.get("/signatories", headers={"if-none-match": etag})

    assert response.status_code == 304


def test_it_shows_a_publication_once_the_kept_page_expires(client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get("/signatories")
    signature = SignatureFactory(signed=True)

    response = client.get("/signatories")

    assert signature.organisation.name in response.text


def test_it_never_hands_the_kept_page_to_someone_signed_in(client, member):
    client.get("/")
    client.force_login(member)

    response = client.get("/")

    assert "Sign out" in response.text
    assert "private" in response.headers["Cache-Control"]


def test_it_never_keeps_a_signed_in_persons_page(client, member):
    client.force_login(member)
    client.get("/")
    client.logout()

    response = client.get("/")

    assert "Sign out" not in response.text


def test_it_never_keeps_a_page_with_a_csrf_token(client):
    first = client.get("/sign-in")
    client.cookies.clear()

    again = client.get("/sign-in")

    assert "csrftoken" in again.cookies
    assert again.cookies["csrftoken"].value != first.cookies["csrftoken"].value
