import pytest

from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_it_downloads_the_event_as_a_calendar_file(client):
    event = EventFactory(title="LocalGov Camp")
    response = client.get(f"/events/{event.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:LocalGov Camp" in body


def test_it_marks_a_cancelled_event_cancelled(client):
    event = EventFactory(cancelled=True)
    assert "STATUS:CANCELLED" in client.get(f"/events/{event.pk}.ics").content.decode()


@pytest.mark.parametrize("state", ["submitted", "rejected"])
def test_it_does_not_find_an_event_that_is_not_listed(client, state):
    assert client.get(f"/events/{EventFactory(**{state: True}).pk}.ics").status_code == 404


def test_it_answers_only_get(client):
    assert client.post(f"/events/{EventFactory().pk}.ics").status_code == 405
