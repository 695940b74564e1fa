import pytest

from core.models import AuditEvent
from events.models import Booking
from events.tests.factories import BookingFactory, EventFactory
from events.views.booking import mark_attendance

pytestmark = pytest.mark.django_db


def url(event) -> str:
    return f"/manage/events/{event.pk}/bookings/attendance"


@pytest.fixture
def event():
    return EventFactory(programme=True, capacity=3, places_taken=3, past=True)


def test_it_is_for_moderators_and_post_only(client, sign_in_verified, moderator, event):
    assert mark_attendance.access_rule == "staff"
    assert client.post(url(event)).status_code == 302
    assert sign_in_verified(moderator).get(url(event)).status_code == 405


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_else(request, sign_in_verified, event, person):
    booking = BookingFactory(event=event)
    response = sign_in_verified(request.getfixturevalue(person)).post(url(event), {"attended": [booking.pk]})
    assert response.status_code == 403
    assert Booking.objects.get(pk=booking.pk).attended is None


def test_it_saves_everyone_ticked_and_unticked_at_once(sign_in_verified, moderator, event):
    came, stayed_away = BookingFactory.create_batch(2, event=event)
    Booking.objects.filter(pk=stayed_away.pk).update(attended=True)

    response = sign_in_verified(moderator).post(url(event), {"attended": [came.pk]})

    assert response.status_code == 302
    assert response.url == f"/manage/events/{event.pk}/bookings"
    assert Booking.objects.get(pk=came.pk).attended is True
    assert Booking.objects.get(pk=stayed_away.pk).attended is False
    assert AuditEvent.objects.filter(action="events.booking.attendance_marked", actor=moderator).count() == 2


def test_it_refuses_before_the_event_starts(sign_in_verified, moderator):
    upcoming = EventFactory(programme=True, capacity=3, places_taken=1)
    booking = BookingFactory(event=upcoming)

    response = sign_in_verified(moderator).post(url(upcoming), {"attended": [booking.pk]})

    assert response.status_code == 200
    assert "You can mark attendance once the event has started" in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).attended is None


def test_it_refuses_a_booking_that_is_not_a_confirmed_place_at_this_event(sign_in_verified, moderator, event):
    mine = BookingFactory(event=event)
    elsewhere = BookingFactory(event=EventFactory(programme=True, past=True))

    response = sign_in_verified(moderator).post(url(event), {"attended": [mine.pk, elsewhere.pk]})

    assert response.status_code == 200
    assert response.context["form"].errors["attended"] == ["Tick only people who have a confirmed place"]
    assert Booking.objects.get(pk=mine.pk).attended is None
    assert Booking.objects.get(pk=elsewhere.pk).attended is None
