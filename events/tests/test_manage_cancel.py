import pytest
from django.core import mail

from core.models import AuditEvent
from events.models import Booking
from events.tests.factories import BookingFactory, EventFactory
from events.views.manage import cancel
from events.workflow import BookingStatus

pytestmark = pytest.mark.django_db

REASON = "The venue has closed"


def url(event) -> str:
    return f"/manage/events/{event.pk}/cancel"


def test_it_is_for_moderators_only(client, sign_in_verified, member):
    event = EventFactory()
    assert cancel.access_rule == "staff"
    assert client.post(url(event), {"reason": REASON}).status_code == 302
    assert sign_in_verified(member).post(url(event), {"reason": REASON}).status_code == 403
    event.refresh_from_db()
    assert event.status == "published"


def test_it_cancels_a_community_event(sign_in_verified, moderator):
    event = EventFactory()
    response = sign_in_verified(moderator).post(url(event), {"reason": REASON})
    assert response.status_code == 302 and response.url == f"/manage/events/{event.pk}"
    event.refresh_from_db()
    assert (event.status, event.cancellation_reason, event.sequence) == ("cancelled", REASON, 1)
    assert AuditEvent.objects.get(action="events.cancelled").reason == REASON


def test_it_cancels_a_programme_event_and_releases_its_bookings(sign_in_verified, moderator):
    event = EventFactory(programme=True, capacity=2, places_taken=2)
    BookingFactory.create_batch(2, event=event)
    BookingFactory(event=event, waiting=True)
    sign_in_verified(moderator).post(url(event), {"reason": REASON})
    event.refresh_from_db()
    assert (event.status, event.places_taken) == ("cancelled", 0)
    assert set(Booking.objects.values_list("status", flat=True)) == {BookingStatus.CANCELLED}
    assert len(mail.outbox) == 3


def test_it_needs_a_reason(sign_in_verified, moderator):
    event = EventFactory()
    page = sign_in_verified(moderator).post(url(event), {"reason": ""}).content.decode()
    assert '<a href="#id_reason">Enter why the event is cancelled</a>' in page
    event.refresh_from_db()
    assert event.status == "published"


def test_it_shows_an_error_when_the_event_is_already_cancelled(sign_in_verified, moderator):
    event = EventFactory(cancelled=True)
    page = sign_in_verified(moderator).post(url(event), {"reason": REASON}).content.decode()
    assert "This event cannot be cancelled because it is cancelled" in page
