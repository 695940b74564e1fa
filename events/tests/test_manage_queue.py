import datetime

import pytest
from django.utils import timezone

from events.models import Event
from events.tests.factories import EventFactory
from events.views.manage import queue

pytestmark = pytest.mark.django_db

URL = "/manage/events"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client):
    assert queue.access_rule == "staff"
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_a_moderator(request, sign_in_verified, person):
    assert sign_in_verified(request.getfixturevalue(person)).get(URL).status_code == 403


def test_it_lists_events_waiting_for_review_longest_waiting_first(sign_in_verified, moderator):
    newer = EventFactory(title="Newer", submitted=True)
    older = EventFactory(title="Older", submitted=True)
    Event.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    EventFactory(title="Already published")
    response = sign_in_verified(moderator).get(URL)
    assert response.status_code == 200
    assert [event.title for event in response.context["page"].object_list] == ["Older", "Newer"]
    page = response.content.decode()
    assert f'href="/manage/events/{newer.pk}"' in page
    assert "2 events, longest waiting first" in page


def test_it_counts_and_lists_events_in_each_state(sign_in_verified, programme_admin):
    EventFactory(submitted=True)
    EventFactory.create_batch(2)
    EventFactory(programme=True, title="Roadshow")
    EventFactory(rejected=True)
    EventFactory(cancelled=True)
    client = sign_in_verified(programme_admin)
    counts = {key: count for key, _, count in client.get(URL).context["views"]}
    assert counts == {"submitted": 1, "published": 3, "programme": 1, "rejected": 1, "cancelled": 1}
    response = client.get(URL + "?show=programme")
    assert [event.title for event in response.context["page"].object_list] == ["Roadshow"]


def test_it_shows_waiting_events_for_an_unknown_list(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get(URL + "?show=everything").context["view"] == "submitted"


def test_it_runs_the_same_queries_for_many_events(sign_in_verified, moderator, django_assert_max_num_queries):
    EventFactory.create_batch(45, submitted=True)
    client = sign_in_verified(moderator)
    with django_assert_max_num_queries(9):
        response = client.get(URL + "?page=2")
    assert len(response.context["page"].object_list) == 20


def test_it_answers_only_get(sign_in_verified, moderator):
    assert sign_in_verified(moderator).post(URL).status_code == 405
