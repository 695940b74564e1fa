import pytest
from django.core import mail

from events.models import Booking, Event
from events.tests.factories import BookingFactory, EventFactory
from events.views.booking import staff_cancel
from events.workflow import BookingStatus

pytestmark = pytest.mark.django_db


def url(booking) -> str:
    return f"/manage/events/{booking.event_id}/bookings/{booking.pk}/cancel"


@pytest.fixture
def event():
    return EventFactory(programme=True, capacity=1, places_taken=1, title="Agile basics")


def test_it_is_for_moderators(client, event):
    booking = BookingFactory(event=event)
    assert staff_cancel.access_rule == "staff"
    assert client.get(url(booking)).status_code == 302


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_else(request, sign_in_verified, event, person):
    booking = BookingFactory(event=event)
    assert sign_in_verified(request.getfixturevalue(person)).post(url(booking)).status_code == 403
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED


def test_it_asks_first(sign_in_verified, moderator, event):
    booking = BookingFactory(event=event, name="Connie Confirmed")
    page = sign_in_verified(moderator).get(url(booking)).content.decode()
    assert "Cancel Connie Confirmed’s booking" in page
    assert "Their place will be offered to the next person on the waiting list" in page


def test_it_cancels_on_the_persons_behalf_and_passes_the_place_on(sign_in_verified, moderator, event):
    booking = BookingFactory(event=event, name="Connie Confirmed", email="connie@example.gov.uk")
    next_person = BookingFactory(event=event, waiting=True, email="next@example.gov.uk")

    response = sign_in_verified(moderator).post(url(booking), follow=True)

    assert response.redirect_chain[0] == (f"/manage/events/{event.pk}/bookings", 302)
    assert "You cancelled Connie Confirmed’s booking" in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED
    assert Booking.objects.get(pk=next_person.pk).status == BookingStatus.OFFERED
    assert Event.objects.get(pk=event.pk).places_taken == 1
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["connie@example.gov.uk"] == "Your booking has been cancelled: Agile basics"
    assert subjects["next@example.gov.uk"] == "A place is available for you: Agile basics"


def test_an_already_cancelled_booking_is_refused_on_the_page(sign_in_verified, moderator, event):
    booking = BookingFactory(event=event, cancelled=True)
    client = sign_in_verified(moderator)
    assert "already been cancelled" in client.get(url(booking)).content.decode()
    response = client.post(url(booking))
    assert response.status_code == 200
    assert "cannot be cancelled because it is cancelled" in response.content.decode()


def test_a_booking_is_found_only_under_its_own_event(sign_in_verified, moderator, event):
    booking = BookingFactory(event=event)
    other = EventFactory(programme=True)
    response = sign_in_verified(moderator).post(f"/manage/events/{other.pk}/bookings/{booking.pk}/cancel")
    assert response.status_code == 404
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED
