import datetime
import zoneinfo

import icalendar
import ics
import pytest

from events.calendar import calendar_for, event_calendar
from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://localdigital.example"


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def lines(body: bytes) -> list[str]:
    # Unfolds long lines (RFC 5545 3.1) so assertions can see whole properties.
    return body.decode().replace("\r\n ", "").split("\r\n")


def test_it_writes_an_event_with_a_stable_uid_and_london_times():
    event = EventFactory(
        title="LocalGov Camp", starts_at=london(2026, 7, 3, 9, 30), ends_at=london(2026, 7, 3, 17), sequence=3
    )
    body = lines(event_calendar(event))
    assert "BEGIN:VCALENDAR" in body and "VERSION:2.0" in body
    assert f"UID:{event.uid}@localdigital.example" in body
    assert "DTSTART;TZID=Europe/London:20260703T093000" in body
    assert "DTEND;TZID=Europe/London:20260703T170000" in body
    assert "SEQUENCE:3" in body
    assert "SUMMARY:LocalGov Camp" in body
    assert "STATUS:CONFIRMED" in body
    assert any(line.startswith("DTSTAMP:") for line in body)
    assert f"URL:https://localdigital.example/events/{event.pk}" in body


def test_it_includes_the_london_timezone_with_its_clock_changes():
    body = lines(event_calendar(EventFactory()))
    assert "BEGIN:VTIMEZONE" in body
    assert "TZID:Europe/London" in body
    assert "BEGIN:DAYLIGHT" in body and "BEGIN:STANDARD" in body


def test_it_describes_the_event_with_its_summary_and_a_link_to_its_page():
    event = EventFactory(summary="Talks on open data.")
    body = event_calendar(event).decode().replace("\r\n ", "")
    assert f"DESCRIPTION:Talks on open data.\\n\\nhttps://localdigital.example/events/{event.pk}" in body


def test_it_gives_the_venue_and_town_as_the_location():
    body = lines(event_calendar(EventFactory(venue="Engine Shed", town="Bristol")))
    assert "LOCATION:Engine Shed\\, Bristol" in body


def test_it_gives_online_as_the_location_of_an_online_event():
    assert "LOCATION:Online" in lines(event_calendar(EventFactory(online=True)))


def test_it_marks_a_cancelled_event_cancelled():
    assert "STATUS:CANCELLED" in lines(event_calendar(EventFactory(cancelled=True)))


def test_it_puts_several_events_in_one_calendar_with_one_timezone():
    events = EventFactory.create_batch(3)
    body = lines(calendar_for(events, name="Local Digital events"))
    assert body.count("BEGIN:VEVENT") == 3
    assert body.count("BEGIN:VTIMEZONE") == 1
    assert "NAME:Local Digital events" in body or "X-WR-CALNAME:Local Digital events" in body


def test_it_never_includes_the_submitter_or_the_people_booked():
    event = EventFactory(
        programme=True, submitted_by__full_name="Priya Submitter", submitted_by__email="priya@council.example"
    )
    BookingFactory(event=event, name="Bo Booker", email="bo@council.example")
    body = event_calendar(event).decode()
    for personal in ("Priya", "priya@council.example", "Bo Booker", "bo@council.example"):
        assert personal not in body


@pytest.mark.parametrize(
    "starts_at",
    [
        london(2026, 10, 24, 10),  # the day before the clocks go back: BST
        london(2026, 10, 25, 10),  # the day they go back: GMT
        london(2027, 3, 27, 10),  # the day before they go forward: GMT
        london(2027, 3, 28, 10),  # the day they go forward: BST
    ],
)
def test_it_round_trips_times_across_clock_changes_in_an_independent_parser(starts_at):
    event = EventFactory(starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2))
    (parsed,) = ics.Calendar(event_calendar(event).decode()).events
    assert parsed.begin.datetime == event.starts_at
    assert parsed.end.datetime == event.ends_at
    assert parsed.begin.datetime.utcoffset() == starts_at.utcoffset()


def test_it_describes_london_time_for_the_years_of_its_events():
    summer = EventFactory(starts_at=london(2026, 7, 3, 9, 30), ends_at=london(2026, 7, 3, 17))
    winter = EventFactory(starts_at=london(2027, 1, 12, 10), ends_at=london(2027, 1, 12, 12))
    body = calendar_for([summer, winter], name="Events")

    parsed = icalendar.Calendar.from_ical(body)
    [zone] = parsed.timezones
    starts = sorted(event.start for event in parsed.events)
    assert zone.tz_name == "Europe/London"
    assert [start.utcoffset() for start in starts] == [datetime.timedelta(hours=1), datetime.timedelta(0)]
    assert [start.astimezone(datetime.UTC).hour for start in starts] == [8, 10]
    # The clock changes of 2026 and 2027, not of every year since 1970.
    assert 4 <= len(lines(body)) - len(lines(calendar_for([], name="Events"))) < 80


def test_it_writes_no_time_zone_without_events():
    assert "BEGIN:VTIMEZONE" not in lines(calendar_for([], name="Events"))
