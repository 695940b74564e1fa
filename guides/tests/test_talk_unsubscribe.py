from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.test import Client

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from guides import watching
from guides.models import Watch
from guides.tests.factories import GuideFactory
from guides.views.talk import unsubscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return GuideFactory(title="Running a user research session", slug="running-a-user-research-session")


@pytest.fixture
def watcher():
    return UserFactory()


@pytest.fixture
def watch(guide, watcher):
    return watching.watch(guide, by=watcher)


@pytest.fixture
def url(watch):
    return urlsplit(watching.unsubscribe_url(watch)).path


@pytest.fixture
def csrf_client():
    """A client that checks CSRF tokens, as a real browser session would be checked."""
    return Client(enforce_csrf_checks=True)


def test_its_link_opens_a_page_with_a_button_and_unsubscribes_nobody(client, watch, url):
    assert unsubscribe.access_rule == "public"
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Stop emails about Running a user research session" in page
    assert f'action="{url}"' in page
    assert ">Unsubscribe</button>" in page
    assert Watch.objects.filter(pk=watch.pk).exists()


def test_it_unsubscribes_at_once_on_a_one_click_post_without_a_csrf_token(csrf_client, watch, url):
    response = csrf_client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 200
    assert "You have unsubscribed" in response.content.decode()
    assert not Watch.objects.exists()
    assert AuditEvent.objects.get(action="guides.watch_stopped").reason == "One-click unsubscribe from a mail client"


def test_its_button_unsubscribes(csrf_client, watch, url):
    assert "You have unsubscribed" in csrf_client.post(url).content.decode()
    assert not Watch.objects.exists()


def test_it_answers_a_repeated_post_the_same_way(csrf_client, watch, url):
    for _ in range(2):
        assert csrf_client.post(url).status_code == 200
    assert AuditEvent.objects.filter(action="guides.watch_stopped").count() == 1


def test_it_only_unsubscribes_and_signs_nobody_in(client, watch, url):
    client.post(url)
    assert "_auth_user_id" not in client.session


def test_it_leaves_other_watches_alone(client, guide, watcher, url):
    kept = [watching.watch(GuideFactory(), by=watcher), watching.watch(guide, by=UserFactory())]
    client.post(url)
    assert set(Watch.objects.all()) == set(kept)


def test_an_old_link_does_not_stop_a_watch_started_since(client, guide, watcher, url):
    client.post(url)
    watching.watch(guide, by=watcher)
    assert "You have unsubscribed" in client.get(url).content.decode()
    client.post(url)
    assert Watch.objects.filter(user=watcher).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_refuses_a_link_it_never_made(client, watch, method):
    forged = signing.Signer(salt="another.purpose").sign(watch.unsubscribe_token_hash)
    for token in (forged, watch.unsubscribe_token_hash, "not-a-token"):
        response = getattr(client, method)(f"/guides/unsubscribe/{token}")
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()
    assert Watch.objects.filter(pk=watch.pk).exists()


def test_it_refuses_other_methods(client, url):
    assert client.put(url).status_code == 405
