import datetime

import pytest
from django.utils import timezone

from core.models import AuditEvent
from events.forms import initial_for
from events.models import Booking
from events.tests.factories import BookingFactory, EventFactory
from events.views.manage import edit_programme_event
from events.workflow import BookingStatus, EventStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(programme=True, title="Training: user research", capacity=20, places_taken=15)


def url(event) -> str:
    return f"/manage/events/{event.pk}/edit"


def answers(event, **changes) -> dict:
    initial = initial_for(event)
    data = {
        name: value
        for name, value in initial.items()
        if value is not None
        and name not in ("start_date", "end_date", "start_time", "end_time", "topics", "signatories_only")
    }
    for name in ("start_date", "end_date"):
        day = initial[name]
        data.update({f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year})
    data["start_time"], data["end_time"] = (
        initial["start_time"].strftime("%H:%M"),
        initial["end_time"].strftime("%H:%M"),
    )
    if initial["signatories_only"]:
        data["signatories_only"] = "on"
    return data | changes


def test_it_is_for_moderators_only(client, sign_in_verified, member, event):
    assert edit_programme_event.access_rule == "staff"
    assert client.get(url(event)).status_code == 302
    assert sign_in_verified(member).post(url(event), answers(event, title="Hijacked")).status_code == 403


def test_it_changes_a_programme_event_which_stays_published(sign_in_verified, moderator, event):
    response = sign_in_verified(moderator).post(
        url(event), answers(event, title="Training: usability testing", capacity="30")
    )
    assert response.status_code == 302 and response.url == f"/manage/events/{event.pk}"
    event.refresh_from_db()
    assert (event.title, event.capacity, event.status, event.sequence) == (
        "Training: usability testing",
        30,
        EventStatus.PUBLISHED,
        1,
    )
    assert AuditEvent.objects.get(action="events.changed").changes == {
        "title": ["Training: user research", "Training: usability testing"],
        "capacity": [20, 30],
    }


def test_it_refuses_fewer_places_than_are_booked(sign_in_verified, moderator, event):
    page = sign_in_verified(moderator).post(url(event), answers(event, capacity="10")).content.decode()
    assert '<a href="#id_capacity">15 places are already booked. Enter a number of places of 15 or more</a>' in page
    event.refresh_from_db()
    assert event.capacity == 20


def test_it_does_not_find_a_community_event(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get(url(EventFactory())).status_code == 404


def test_it_says_a_cancelled_event_cannot_be_changed(sign_in_verified, moderator, event):
    event.status = EventStatus.CANCELLED
    event.save()
    assert "This event is cancelled" in sign_in_verified(moderator).get(url(event)).content.decode()


def test_it_offers_added_places_to_the_people_waiting_in_order(sign_in_verified, moderator, mailoutbox):
    full = EventFactory(programme=True, capacity=2, places_taken=2)
    BookingFactory.create_batch(2, event=full)
    first, second, third = (
        BookingFactory(event=full, waiting=True, waiting_since=timezone.now() - datetime.timedelta(hours=hours))
        for hours in (3, 2, 1)
    )

    sign_in_verified(moderator).post(url(full), answers(full, capacity="4"))

    statuses = [Booking.objects.get(pk=b.pk).status for b in (first, second, third)]
    assert statuses == [BookingStatus.OFFERED, BookingStatus.OFFERED, BookingStatus.WAITING]
    full.refresh_from_db()
    assert full.places_taken == 4
    assert sorted(message.to[0] for message in mailoutbox) == sorted([first.email, second.email])


def test_it_tells_people_with_a_place_when_the_time_changes(sign_in_verified, moderator, event, mailoutbox):
    booked = BookingFactory(event=event)
    BookingFactory(event=event, waiting=True)

    sign_in_verified(moderator).post(url(event), answers(event, start_time="09:30"))

    assert [message.to for message in mailoutbox] == [[booked.email]]
    assert mailoutbox[0].subject == f"Event changed: {event.title}"
    assert "Your place is still booked" in mailoutbox[0].body


def test_it_tells_nobody_when_only_the_description_changes(sign_in_verified, moderator, event, mailoutbox):
    BookingFactory(event=event)

    sign_in_verified(moderator).post(url(event), answers(event, description="Bring a laptop."))

    assert mailoutbox == []
