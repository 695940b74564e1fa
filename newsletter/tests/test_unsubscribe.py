import pytest
from django.test import Client

from core.models import AuditEvent
from newsletter.tests.factories import ManageLinkFactory, SubscriberFactory
from newsletter.workflow import SubscriberStatus


@pytest.fixture
def link():
    return ManageLinkFactory(token="a-long-random-token", subscriber=SubscriberFactory(email="reader@example.com"))


@pytest.fixture
def csrf_client():
    """A client that checks CSRF tokens, as a real browser session would be checked."""
    return Client(enforce_csrf_checks=True)


def test_it_unsubscribes_at_once_on_a_one_click_post_without_a_csrf_token(csrf_client, link):
    response = csrf_client.post(
        "/newsletter/unsubscribe/a-long-random-token",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert b"You have unsubscribed" in response.content
    link.subscriber.refresh_from_db()
    assert link.subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert link.subscriber.unsubscribed_at is not None
    event = AuditEvent.objects.get(action="newsletter.subscriber.unsubscribed")
    assert event.changes["status"] == ["confirmed", "unsubscribed"]
    assert event.reason == "One-click unsubscribe from a mail client"


def test_it_answers_a_repeated_one_click_post_the_same_way(csrf_client, link):
    for _ in range(2):
        response = csrf_client.post(
            "/newsletter/unsubscribe/a-long-random-token",
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
    assert AuditEvent.objects.filter(action="newsletter.subscriber.unsubscribed").count() == 1


def test_it_shows_an_unsubscribe_button_and_a_link_to_preferences(client, link):
    response = client.get("/newsletter/unsubscribe/a-long-random-token")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Unsubscribe from Local Digital updates</h1>' in content
    assert 'action="/newsletter/unsubscribe/a-long-random-token"' in content
    assert ">Unsubscribe</button>" in content
    assert 'href="/newsletter/preferences/a-long-random-token"' in content
    link.subscriber.refresh_from_db()
    assert link.subscriber.status == SubscriberStatus.CONFIRMED


def test_its_button_unsubscribes_in_one_click(csrf_client, link):
    response = csrf_client.post("/newsletter/unsubscribe/a-long-random-token")
    assert response.status_code == 200
    assert b"You have unsubscribed" in response.content
    assert b'href="/newsletter/preferences/a-long-random-token"' in response.content
    link.subscriber.refresh_from_db()
    assert link.subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_it_tells_someone_already_unsubscribed_that_they_are(client, link):
    link.subscriber.status = SubscriberStatus.UNSUBSCRIBED
    link.subscriber.save()
    response = client.get("/newsletter/unsubscribe/a-long-random-token")
    assert response.status_code == 200
    assert b"You have unsubscribed" in response.content


def test_it_keeps_working_for_links_from_long_ago(client, link):
    link.created_at = link.created_at.replace(year=link.created_at.year - 5)
    link.save()
    client.post("/newsletter/unsubscribe/a-long-random-token")
    link.subscriber.refresh_from_db()
    assert link.subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_it_works_with_any_of_the_subscribers_links(client, link):
    ManageLinkFactory(token="from-a-later-email", subscriber=link.subscriber)
    client.post("/newsletter/unsubscribe/a-long-random-token")
    link.subscriber.refresh_from_db()
    assert link.subscriber.status == SubscriberStatus.UNSUBSCRIBED


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_refuses_a_token_it_never_issued(client, link, method):
    response = getattr(client, method)("/newsletter/unsubscribe/a-long-random-tokeN")
    assert response.status_code == 404
    assert b"This link is not valid" in response.content
    link.subscriber.refresh_from_db()
    assert link.subscriber.status == SubscriberStatus.CONFIRMED


def test_only_this_view_is_exempt_from_csrf(csrf_client, link):
    response = csrf_client.post("/newsletter/preferences/a-long-random-token", {"topics": ["fund"]})
    assert response.status_code == 403


def test_it_refuses_other_methods(client, link):
    assert client.put("/newsletter/unsubscribe/a-long-random-token").status_code == 405
