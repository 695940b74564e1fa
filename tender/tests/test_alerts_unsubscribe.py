from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.test import Client

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from events.models import Topic
from tender import alerts
from tender.models import TopicAlert
from tender.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower():
    person = UserFactory()
    SupplierFactory(members=[person])
    return person


@pytest.fixture
def alert(follower):
    return alerts.follow(follower, Topic.objects.all()[:2])


@pytest.fixture
def url(alert):
    return urlsplit(alerts.unsubscribe_url(alert)).path


@pytest.fixture
def csrf_client():
    """A client that checks CSRF tokens, as a real browser session would be checked."""
    return Client(enforce_csrf_checks=True)


def test_its_link_opens_a_page_with_a_button_and_unsubscribes_nobody(client, alert, url):
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Stop alerts about new needs</h1>' in page
    assert f'action="{url}"' in page
    assert ">Unsubscribe</button>" in page
    assert TopicAlert.objects.filter(pk=alert.pk).exists()


def test_it_unsubscribes_at_once_on_a_one_click_post_without_a_csrf_token(csrf_client, alert, url):
    response = csrf_client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 200
    assert "You have unsubscribed" in response.content.decode()
    assert not TopicAlert.objects.exists()
    event = AuditEvent.objects.get(action="tender.alert_stopped")
    assert event.reason == "One-click unsubscribe from a mail client"


def test_its_button_unsubscribes(csrf_client, alert, url):
    assert "You have unsubscribed" in csrf_client.post(url).content.decode()
    assert not TopicAlert.objects.exists()


def test_it_answers_a_repeated_post_the_same_way(csrf_client, alert, url):
    for _ in range(2):
        response = csrf_client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
        assert response.status_code == 200
    assert AuditEvent.objects.filter(action="tender.alert_stopped").count() == 1


def test_it_only_unsubscribes_and_signs_nobody_in(client, alert, url, follower):
    client.post(url)
    assert "_auth_user_id" not in client.session
    assert client.get("/tender/alerts").url.startswith("/sign-in?next=")
    assert follower.suppliers.exists()


def test_it_leaves_everyone_elses_alerts_alone(client, alert, url):
    other = UserFactory()
    SupplierFactory(members=[other])
    kept = alerts.follow(other, Topic.objects.all()[:1])
    client.post(url)
    assert list(TopicAlert.objects.all()) == [kept]


def test_an_old_link_does_not_stop_alerts_chosen_since(client, alert, url, follower):
    client.post(url)
    alerts.follow(follower, Topic.objects.all()[:1])
    page = client.get(url).content.decode()
    assert "You have unsubscribed" in page
    client.post(url)
    assert TopicAlert.objects.filter(user=follower).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_refuses_a_link_it_never_made(client, alert, method):
    forged = signing.Signer(salt="another.purpose").sign(alert.unsubscribe_token_hash)
    for token in (forged, alert.unsubscribe_token_hash, "not-a-token"):
        response = getattr(client, method)(f"/tender/alerts/unsubscribe/{token}")
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()
    assert TopicAlert.objects.filter(pk=alert.pk).exists()


def test_it_refuses_other_methods(client, url):
    assert client.put(url).status_code == 405
