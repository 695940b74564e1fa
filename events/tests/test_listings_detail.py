import datetime
import zoneinfo

import pytest

from events.models import Topic
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def test_it_shows_the_event(client):
    event = EventFactory(
        title="LocalGovDigital North West meetup",
        starts_at=london(2025, 10, 14, 18),
        ends_at=london(2025, 10, 14, 20),
        venue="Manchester Central Library",
        town="Manchester",
        region="north_west",
        organiser="Manchester City Council",
    )
    event.topics.add(Topic.objects.get(slug="open-data"))
    response = client.get(f"/events/{event.pk}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>LocalGovDigital North West meetup" in page
    assert "Tuesday 14 October 2025, 6pm to 8pm" in page
    assert "Manchester Central Library, Manchester, North West" in page
    assert "Manchester City Council" in page
    assert '<span class="govuk-caption-l">Meetup</span>' in page
    assert 'href="/events?topic=open-data">Open data</a>' in page
    assert ">Free</dd>" in page


def test_it_shows_times_in_london_across_days_and_at_midday(client):
    event = EventFactory(starts_at=london(2026, 3, 28, 12), ends_at=london(2026, 3, 29, 0, 30))
    page = client.get(f"/events/{event.pk}").content.decode()
    assert "Saturday 28 March 2026, midday to Sunday 29 March 2026, 12:30am" in page


def test_it_says_online_events_are_online(client):
    event = EventFactory(online=True)
    assert ">Online</dd>" in client.get(f"/events/{event.pk}").content.decode()


def test_it_shows_the_cost_of_a_paid_event(client):
    event = EventFactory(is_free=False, cost="£25 for councils")
    assert ">£25 for councils</dd>" in client.get(f"/events/{event.pk}").content.decode()


def test_it_renders_the_description_as_sanitised_markdown(client):
    event = EventFactory(
        description="## Agenda\n\n**Talks** and [slides](https://example.org)<script>alert(1)</script>"
        '\n\n<a href="javascript:alert(2)">bad</a>'
    )
    page = client.get(f"/events/{event.pk}").content.decode()
    assert '<h2 class="govuk-heading-m">Agenda</h2>' in page
    assert "<strong>Talks</strong>" in page
    assert '<a href="https://example.org" class="govuk-link"' in page
    assert "<script>alert" not in page
    assert "javascript:" not in page


def test_it_links_to_the_organisers_booking_page_for_a_community_event(client):
    event = EventFactory(booking_url="https://www.eventbrite.example/e/123")
    page = client.get(f"/events/{event.pk}").content.decode()
    assert 'href="https://www.eventbrite.example/e/123"' in page


def test_it_shows_the_booking_panel_for_a_programme_event(client):
    event = EventFactory(programme=True, capacity=30)
    page = client.get(f"/events/{event.pk}").content.decode()
    assert 'id="booking"' in page
    assert 'id="booking-link"' not in page


def test_it_says_a_cancelled_event_is_cancelled_and_why(client):
    event = EventFactory(cancelled=True, cancellation_reason="The venue flooded.")
    page = client.get(f"/events/{event.pk}").content.decode()
    assert "This event is cancelled. The venue flooded." in page
    assert "<title>Cancelled: " in page
    assert 'id="booking-link"' not in page


def test_it_links_to_the_calendar_file(client):
    event = EventFactory()
    assert f'href="/events/{event.pk}.ics" id="add-to-calendar"' in client.get(f"/events/{event.pk}").content.decode()


@pytest.mark.parametrize("state", ["submitted", "rejected"])
def test_it_does_not_find_an_event_that_is_not_listed(client, state):
    event = EventFactory(**{state: True})
    assert client.get(f"/events/{event.pk}").status_code == 404


def test_it_does_not_find_an_unknown_event(client):
    assert client.get("/events/999999").status_code == 404


def test_it_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    event = EventFactory()
    event.topics.set(Topic.objects.all())
    with django_assert_max_num_queries(2):
        client.get(f"/events/{event.pk}")


def test_it_answers_only_get(client):
    assert client.post(f"/events/{EventFactory().pk}").status_code == 405


def test_it_names_a_town_that_is_also_a_region_once(client):
    event = EventFactory(venue="5 Pancras Square", town="London", region="london")
    assert "5 Pancras Square, London</" in client.get(f"/events/{event.pk}").content.decode()
