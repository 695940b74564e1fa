import re

import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from events.models import Topic
from tender import alerts
from tender.models import TopicAlert
from tender.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db

URL = "/tender/alerts"


@pytest.fixture
def follower():
    person = UserFactory()
    SupplierFactory(members=[person])
    return person


@pytest.fixture
def topics():
    return list(Topic.objects.order_by("pk")[:2])


def test_it_sends_anonymous_people_to_sign_in(client):
    assert client.get(URL).url.startswith("/sign-in?next=")


def test_someone_at_a_supplier_chooses_topics(client, follower, topics):
    client.force_login(follower)

    response = client.post(URL, {"topics": [topic.pk for topic in topics]})

    assert response.url == URL
    alert = TopicAlert.objects.get(user=follower)
    assert set(alert.topics.all()) == set(topics)
    page = client.get(URL).content.decode()
    assert "Your topics are saved" in page
    for topic in topics:
        assert re.search(rf'value="{topic.pk}"[^>]*checked', page)
    assert 'action="/tender/alerts/stop"' in page


def test_it_asks_for_a_topic(client, follower):
    client.force_login(follower)
    page = client.post(URL, {}).content.decode()
    assert "<title>Error: " in page
    assert '<a href="#id_topics_0">Select the topics you want to hear about</a>' in page
    assert not TopicAlert.objects.exists()


def test_it_changes_the_topics_of_an_existing_alert(client, follower, topics):
    alerts.follow(follower, topics[:1])
    client.force_login(follower)
    client.post(URL, {"topics": [topics[1].pk]})
    assert list(TopicAlert.objects.get().topics.all()) == [topics[1]]


def test_someone_who_is_not_at_a_supplier_is_told_alerts_are_for_suppliers(client, topics):
    officer = MembershipFactory().user
    client.force_login(officer)

    page = client.get(URL).content.decode()
    assert "Alerts about new needs are for people who work at a supplier listed on the Tender" in page
    assert 'name="topics"' not in page

    page = client.post(URL, {"topics": [topics[0].pk]}).content.decode()
    assert "Only people who work at a supplier listed on the Tender can follow topics" in page
    assert not TopicAlert.objects.exists()


def test_it_refuses_other_methods(client, follower):
    client.force_login(follower)
    assert client.put(URL).status_code == 405
