import pytest

from core.models import AuditEvent
from events.models import Event
from events.tests.factories import event_form_data
from events.views.manage import new_programme_event

pytestmark = pytest.mark.django_db

URL = "/manage/events/new"


def roadshow(**changes) -> dict:
    return event_form_data(
        title="Local Digital roadshow: Manchester",
        event_type="roadshow",
        organiser="Local Digital Collaboration Unit",
        booking_url="",
        **changes,
    )


def test_it_is_for_moderators_only(client, sign_in_verified, member):
    assert new_programme_event.access_rule == "staff"
    assert client.get(URL).status_code == 302
    assert sign_in_verified(member).post(URL, roadshow()).status_code == 403
    assert Event.objects.count() == 0


def test_it_suggests_the_programme_as_organiser(sign_in_verified, moderator):
    page = sign_in_verified(moderator).get(URL).content.decode()
    assert 'value="Local Digital Collaboration Unit"' in page
    assert 'name="capacity"' in page and 'name="signatories_only"' in page


def test_it_publishes_a_programme_event_straight_away(sign_in_verified, moderator, client):
    response = sign_in_verified(moderator).post(URL, roadshow(capacity="40", signatories_only="on"))
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == f"/manage/events/{event.pk}"
    assert (event.status, event.is_programme_event, event.capacity, event.signatories_only) == (
        "published",
        True,
        40,
        True,
    )
    assert (event.submitted_by, event.organisation) == (None, None)
    assert event.published_at is not None
    assert AuditEvent.objects.get(action="events.published").actor == moderator
    assert "Local Digital roadshow: Manchester" in client.get("/events").content.decode()


def test_it_publishes_one_without_bookings_here_when_no_places_are_given(sign_in_verified, moderator):
    sign_in_verified(moderator).post(URL, roadshow(capacity=""))
    assert Event.objects.get().takes_bookings is False


@pytest.mark.parametrize(
    ("capacity", "message"),
    [
        ("0", "The number of places must be 1 or more"),
        ("forty", "Enter the number of places as a whole number, like 40"),
        ("10001", "The number of places must be 10,000 or fewer"),
    ],
)
def test_it_refuses_a_number_of_places_it_cannot_use(sign_in_verified, moderator, capacity, message):
    page = sign_in_verified(moderator).post(URL, roadshow(capacity=capacity)).content.decode()
    assert f'<a href="#id_capacity">{message}</a>' in page
    assert Event.objects.count() == 0


def test_it_checks_the_event_like_a_members(sign_in_verified, moderator):
    page = sign_in_verified(moderator).post(URL, roadshow(end_time="17:00")).content.decode()
    assert '<a href="#id_end_date">The end must be after the start</a>' in page
    assert Event.objects.count() == 0
