import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localtime

from core.models import AuditEvent
from newsletter.consent import CONSENT
from newsletter.tests.factories import DeliveryFactory, IssueFactory, ManageLinkFactory, SubscriberFactory
from newsletter.workflow import SubscriberStatus

PATH = "/newsletter/preferences/a-long-random-token"


@pytest.fixture
def subscriber():
    subscriber = SubscriberFactory(email="reader@example.com", topics=["fund"])
    ManageLinkFactory(token="a-long-random-token", subscriber=subscriber)
    return subscriber


def _is_checked(content: str, topic: str) -> bool:
    tag = re.search(rf'<input[^>]*value="{topic}"[^>]*>', content).group(0)
    return "checked" in tag


def test_it_shows_the_topics_chosen(client, subscriber):
    content = client.get(PATH).content.decode()
    assert '<h1 class="govuk-heading-l">Your email preferences</h1>' in content
    assert _is_checked(content, "fund")
    assert not _is_checked(content, "events")
    assert ">Save preferences</button>" in content


def test_it_changes_the_topics(client, subscriber):
    response = client.post(PATH, {"topics": ["declaration", "events"]})
    assert response.status_code == 302
    assert response.url == PATH
    subscriber.refresh_from_db()
    assert subscriber.topic_codes == ["declaration", "events"]
    event = AuditEvent.objects.get(action="newsletter.subscriber.topics_changed")
    assert event.changes["topics"] == [["fund"], ["declaration", "events"]]
    page = client.get(PATH).content.decode()
    assert "Your preferences have been saved" in page


def test_it_asks_for_at_least_one_topic(client, subscriber):
    response = client.post(PATH, {})
    content = response.content.decode()
    assert "<title>Error: " in content
    assert '<a href="#id_topics_0">Select at least one topic</a>' in content
    subscriber.refresh_from_db()
    assert subscriber.topic_codes == ["fund"]


def test_it_shows_the_data_held(client, subscriber):
    sent = IssueFactory(sent=True, title="Spring update", slug="spring-update")
    DeliveryFactory(issue=sent, subscriber=subscriber)
    content = client.get(PATH).content.decode()
    assert "Your data" in content
    assert "reader@example.com" in content
    assert "Local Digital Fund" in content
    assert CONSENT.wording in content
    assert f"Wording version {CONSENT.version}" in content
    assert localtime(subscriber.consented_at).strftime("%-d %B %Y") in content
    assert 'href="/newsletter/archive/spring-update">Spring update</a>' in content
    assert 'href="/newsletter/preferences/a-long-random-token/delete"' in content


def test_it_offers_an_unsubscribed_person_their_data_but_not_topics(client, subscriber):
    subscriber.status = SubscriberStatus.UNSUBSCRIBED
    subscriber.save()
    content = client.get(PATH).content.decode()
    assert "You are not subscribed" in content
    assert "Save preferences" not in content
    assert "reader@example.com" in content
    response = client.post(PATH, {"topics": ["events"]})
    assert "You are not subscribed. Subscribe again to choose topics" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.topic_codes == ["fund"]


def test_it_refuses_a_token_it_never_issued(client, subscriber):
    response = client.get("/newsletter/preferences/another-token")
    assert response.status_code == 404
    assert b"reader@example.com" not in response.content


def test_it_refuses_other_methods(client, subscriber):
    assert client.put(PATH).status_code == 405


def _queries_for_page(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(PATH).status_code == 200
    return len(captured)


def test_it_costs_the_same_queries_for_2_issues_sent_as_for_20(client, subscriber):
    for issue in IssueFactory.create_batch(2, sent=True):
        DeliveryFactory(issue=issue, subscriber=subscriber)
    with_two = _queries_for_page(client)
    for issue in IssueFactory.create_batch(18, sent=True):
        DeliveryFactory(issue=issue, subscriber=subscriber)
    assert _queries_for_page(client) == with_two
