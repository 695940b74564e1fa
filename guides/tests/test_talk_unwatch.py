import pytest

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from guides import watching
from guides.models import Watch
from guides.tests.factories import GuideFactory
from guides.views.talk import unwatch

pytestmark = pytest.mark.django_db

URL = "/guides/running-a-user-research-session/unwatch"


@pytest.fixture
def guide():
    return GuideFactory(title="Running a user research session", slug="running-a-user-research-session")


@pytest.fixture
def watcher(guide):
    person = UserFactory()
    watching.watch(guide, by=person)
    return person


def test_it_is_for_signed_in_people(client, guide, watcher):
    assert unwatch.access_rule == "signed_in"
    assert client.post(URL).url.startswith("/sign-in?next=")
    assert Watch.objects.exists()


def test_it_stops_the_watch(client, guide, watcher):
    client.force_login(watcher)
    response = client.post(URL, {"from": "talk"})

    assert response.url == "/guides/running-a-user-research-session/talk"
    assert not Watch.objects.exists()
    assert AuditEvent.objects.get(action="guides.watch_stopped").actor == watcher
    assert "You are no longer watching this guide" in client.get(response.url).content.decode()


def test_it_leaves_other_peoples_watches_alone(client, guide, watcher):
    other = UserFactory()
    client.force_login(other)
    client.post(URL)
    assert Watch.objects.get().user == watcher


def test_it_refuses_a_get(client, guide, watcher):
    client.force_login(watcher)
    assert client.get(URL).status_code == 405
    assert Watch.objects.exists()
