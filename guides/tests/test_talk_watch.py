import pytest

from accounts.tests.factories import UserFactory
from guides.models import Watch
from guides.tests.factories import GuideFactory
from guides.views.talk import watch

pytestmark = pytest.mark.django_db

URL = "/guides/running-a-user-research-session/watch"


@pytest.fixture
def guide():
    return GuideFactory(title="Running a user research session", slug="running-a-user-research-session")


def test_it_is_for_signed_in_people(client, guide):
    assert watch.access_rule == "signed_in"
    assert client.post(URL).url.startswith("/sign-in?next=")
    assert not Watch.objects.exists()


def test_it_watches_the_guide_and_goes_back_to_its_page(client, guide):
    person = UserFactory()
    client.force_login(person)
    response = client.post(URL)

    assert response.status_code == 302 and response.url == "/guides/running-a-user-research-session"
    assert Watch.objects.get().user == person
    assert "You are watching this guide" in client.get(response.url).content.decode()


def test_it_goes_back_to_the_talk_page_when_asked_there(client, guide):
    client.force_login(UserFactory())
    response = client.post(URL, {"from": "talk"})
    assert response.url == "/guides/running-a-user-research-session/talk"


def test_it_ignores_any_other_place_to_go_back_to(client, guide):
    client.force_login(UserFactory())
    assert client.post(URL, {"from": "https://evil.example"}).url == "/guides/running-a-user-research-session"


def test_watching_twice_keeps_one_watch(client, guide):
    client.force_login(UserFactory())
    client.post(URL)
    client.post(URL)
    assert Watch.objects.count() == 1


def test_it_does_not_find_a_guide_that_does_not_exist(client):
    client.force_login(UserFactory())
    assert client.post("/guides/no-such-guide/watch").status_code == 404


def test_it_refuses_a_get(client, guide):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 405
    assert not Watch.objects.exists()
