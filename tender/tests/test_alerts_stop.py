import pytest
from django.test import Client

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from events.models import Topic
from tender import alerts
from tender.models import TopicAlert
from tender.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db

URL = "/tender/alerts/stop"


@pytest.fixture
def follower():
    person = UserFactory()
    SupplierFactory(members=[person])
    alerts.follow(person, Topic.objects.all()[:1])
    return person


def test_it_sends_anonymous_people_to_sign_in(client, follower):
    assert client.post(URL).url.startswith("/sign-in?next=")
    assert TopicAlert.objects.exists()


def test_it_stops_the_persons_alerts(client, follower):
    client.force_login(follower)

    response = client.post(URL)

    assert response.url == "/tender/alerts"
    assert not TopicAlert.objects.exists()
    assert AuditEvent.objects.get(action="tender.alert_stopped").actor == follower
    assert "You will not get any more emails about new needs" in client.get(response.url).content.decode()


def test_it_stops_only_the_persons_own_alerts(client, follower):
    someone_else = UserFactory()
    SupplierFactory(members=[someone_else])
    client.force_login(someone_else)
    client.post(URL)
    assert TopicAlert.objects.get().user == follower


def test_it_needs_the_forms_csrf_token(follower):
    client = Client(enforce_csrf_checks=True)
    client.force_login(follower)
    assert client.post(URL).status_code == 403
    assert TopicAlert.objects.exists()


def test_it_refuses_a_get(client, follower):
    client.force_login(follower)
    assert client.get(URL).status_code == 405
