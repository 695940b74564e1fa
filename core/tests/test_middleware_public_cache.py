from unittest.mock import patch

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from django.views.decorators.cache import never_cache

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/signatories", "/events", "/projects", "/guides", "/tender", "/data"]


@pytest.fixture(autouse=True)
def _cache_times(settings):
    # Different from each other, so a test can tell whose header a response carries.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 45
    settings.API_CACHE_SECONDS = 123


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_it_lets_a_shared_cache_keep_a_public_page_for_an_anonymous_visitor(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=45"}
    assert "Cookie" in response.headers["Vary"]
    assert response.headers["ETag"]
    assert not response.cookies


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_it_gives_two_anonymous_requests_the_same_etag(client, path):
    first = client.get(path)
    second = client.get(path)

    assert first.headers["ETag"] == second.headers["ETag"]
    assert first.content == second.content


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_it_answers_a_matching_if_none_match_with_not_modified(client, path):
    etag = client.get(path).headers["ETag"]

    response = client.get(path, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["ETag"] == etag


def test_it_sends_the_whole_page_when_the_etag_does_not_match(client):
    response = client.get("/", headers={"If-None-Match": '"something-older"'})

    assert response.status_code == 200
    assert response.content


def test_it_treats_head_as_get(client):
    response = client.head("/")

    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=45"}


def test_it_keeps_a_signed_in_persons_page_out_of_every_cache(client, member):
    client.force_login(member)

    response = client.get("/")

    assert response.status_code == 200
    assert cache_control(response) == {"private", "no-cache", "no-store"}
    assert "ETag" not in response.headers


@pytest.mark.urls(__name__)
def test_it_keeps_a_response_that_starts_a_session_out_of_every_cache(client):
    # The request carries no session cookie yet, and the response gives it one, as signing in does.
    response = client.get("/starts-a-session")

    assert "sessionid" in response.cookies
    assert cache_control(response) == {"private", "no-cache", "no-store"}


@pytest.mark.parametrize("has_csrf_cookie", [False, True])
def test_it_does_not_share_a_page_whose_form_carries_a_csrf_token(client, has_csrf_cookie):
    if has_csrf_cookie:
        client.get("/sign-in")
        assert "csrftoken" in client.cookies

    response = client.get("/sign-in")

    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert cache_control(response) == {"private", "no-cache"}
    assert "ETag" not in response.headers


def test_it_does_not_share_a_page_not_found(client):
    response = client.get("/no-such-page")

    assert response.status_code == 404
    assert cache_control(response) == {"private", "no-cache"}


def test_it_does_not_share_a_server_error():
    client = Client(raise_request_exception=False)

    with patch("core.views.render", side_effect=RuntimeError("the page broke")):
        response = client.get("/")

    assert response.status_code == 500
    assert cache_control(response) == {"private", "no-cache"}


def test_it_does_not_share_a_redirect(client):
    response = client.get("/account")

    assert response.status_code == 302
    assert cache_control(response) == {"private", "no-cache"}


def test_it_leaves_the_api_its_own_cache_time(client):
    response = client.get("/api/v1/events")

    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=123"}
    assert response.headers["ETag"]


def test_it_leaves_open_data_downloads_their_own_cache_time(client):
    response = client.get("/data/events.csv")

    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=123"}


@pytest.mark.urls(__name__)
def test_it_leaves_a_page_that_set_its_own_cache_control_alone(client):
    response = client.get("/never-cached")

    assert cache_control(response) == {"max-age=0", "no-cache", "no-store", "must-revalidate", "private"}


def starts_a_session(request):
    request.session["seen"] = True
    return HttpResponse("Welcome")


urlpatterns = [
    path("starts-a-session", starts_a_session),
    path("never-cached", never_cache(lambda request: HttpResponse("Fresh"))),
]
