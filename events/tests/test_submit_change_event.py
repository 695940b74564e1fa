import datetime
import zoneinfo

import pytest
from django.utils import timezone

from accounts.tests.factories import MembershipFactory
from core.dates import clock
from core.models import AuditEvent
from events.forms import initial_for
from events.tests.factories import EventFactory
from events.views.submit import change_event
from events.workflow import EventStatus

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def membership(member):
    return MembershipFactory(user=member)


@pytest.fixture
def event(member, membership):
    starts_at = datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=20), datetime.time(18), LONDON)
    return EventFactory(
        title="Bristol open data meetup",
        summary="Talks on open data.",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        submitted_by=member,
        organisation=membership.organisation,
    )


def url(event) -> str:
    return f"/events/{event.pk}/change"


def answers(event, **changes) -> dict:
    """The form as it comes back unchanged, with `changes` on top."""
    initial = initial_for(event)
    data = {name: value for name, value in initial.items() if name not in ("start_date", "end_date", "topics")}
    for name in ("start_date", "end_date"):
        day = initial[name]
        data.update({f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year})
    data["start_time"], data["end_time"] = (
        clock(initial["start_time"]),
        clock(initial["end_time"]),
    )
    data = {
        name: value
        for name, value in data.items()
        if value is not None and name not in ("capacity", "signatories_only")
    }
    data["topics"] = [topic.pk for topic in event.topics.all()]
    return data | changes


def test_it_needs_someone_signed_in(client, event):
    assert change_event.access_rule == "signed_in"
    assert client.get(url(event)).status_code == 302


def test_it_shows_the_event_as_it_is(client, member, event):
    client.force_login(member)
    page = client.get(url(event)).content.decode()
    assert 'value="Bristol open data meetup"' in page
    assert 'name="start_time" value="6pm"' in page
    assert "a moderator will review it again before it is listed" in page


def test_it_keeps_a_published_event_published_for_a_change_that_is_not_substantive(client, member, event):
    client.force_login(member)
    response = client.post(url(event), answers(event, summary="Talks on open data, then pizza."))
    assert response.status_code == 302 and response.url == "/events/yours"
    event.refresh_from_db()
    assert (event.status, event.summary, event.sequence) == (
        EventStatus.PUBLISHED,
        "Talks on open data, then pizza.",
        1,
    )
    assert AuditEvent.objects.get(action="events.changed").changes == {
        "summary": ["Talks on open data.", "Talks on open data, then pizza."]
    }
    assert "Your changes are saved" in client.get("/events/yours").content.decode()


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Bristol open data evening"},
        {"start_time": "17:30"},
        {"end_time": "21:00"},
        {"venue": "M Shed"},
        {"town": "Bath"},
        {"region": "south_east"},
        {"mode": "online"},
    ],
)
def test_it_sends_a_published_event_back_for_review_when_its_title_time_or_place_changes(client, member, event, change):
    client.force_login(member)
    client.post(url(event), answers(event, **change))
    event.refresh_from_db()
    assert event.status == EventStatus.SUBMITTED
    assert AuditEvent.objects.get(action="events.submitted").changes == {"status": ["published", "submitted"]}
    assert "a moderator will review the event before it is listed again" in client.get("/events/yours").content.decode()
    assert client.get(f"/events/{event.pk}").status_code == 404


def test_it_raises_the_sequence_for_a_change_calendars_show_and_not_otherwise(client, member, event):
    client.force_login(member)
    client.post(url(event), answers(event, cost_type="paid", cost="£5"))
    event.refresh_from_db()
    assert (event.is_free, event.sequence) == (False, 0)
    client.post(url(event), answers(event, start_time="18:30"))
    event.refresh_from_db()
    assert event.sequence == 1


def test_it_sends_a_rejected_event_for_review_again(client, member, event):
    event.status, event.review_note = EventStatus.REJECTED, "Add the venue"
    event.save()
    client.force_login(member)
    client.post(url(event), answers(event, summary="Now with the venue."))
    event.refresh_from_db()
    assert (event.status, event.review_note) == (EventStatus.SUBMITTED, "")


def test_it_records_nothing_when_nothing_changed(client, member, event):
    client.force_login(member)
    assert client.post(url(event), answers(event)).status_code == 302
    assert not AuditEvent.objects.filter(action="events.changed").exists()


def test_it_lets_a_colleague_change_the_event(client, event):
    colleague = MembershipFactory(organisation=event.organisation).user
    client.force_login(colleague)
    client.post(url(event), answers(event, summary="Changed by a colleague."))
    event.refresh_from_db()
    assert event.summary == "Changed by a colleague."


@pytest.mark.parametrize("outsider", ["other_organisation", "former_colleague"])
def test_it_does_not_find_the_event_for_anyone_else(client, event, outsider):
    if outsider == "other_organisation":
        person = MembershipFactory().user
    else:
        person = MembershipFactory(organisation=event.organisation, revoked=True).user
    client.force_login(person)
    assert client.get(url(event)).status_code == 404
    assert client.post(url(event), answers(event, title="Hijacked")).status_code == 404
    event.refresh_from_db()
    assert event.title == "Bristol open data meetup"


def test_it_does_not_find_a_programme_event(client, member):
    event = EventFactory(programme=True)
    client.force_login(member)
    assert client.get(url(event)).status_code == 404


def test_it_lets_an_event_under_way_be_changed_without_moving_its_start(client, member, event):
    starts_at = timezone.now() - datetime.timedelta(hours=1)
    event.starts_at, event.ends_at = starts_at.replace(second=0, microsecond=0), starts_at + datetime.timedelta(days=1)
    event.save()
    client.force_login(member)
    assert client.post(url(event), answers(event, summary="Slides now online.")).status_code == 302


def test_it_refuses_to_move_the_start_into_the_past(client, member, event):
    client.force_login(member)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    data = answers(
        event, start_date_day=yesterday.day, start_date_month=yesterday.month, start_date_year=yesterday.year
    )
    page = client.post(url(event), data).content.decode()
    assert '<a href="#id_start_date">The start must be in the future</a>' in page
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_it_says_a_cancelled_event_cannot_be_changed(client, member, event):
    event.status = EventStatus.CANCELLED
    event.save()
    client.force_login(member)
    assert "This event is cancelled" in client.get(url(event)).content.decode()
    client.post(url(event), answers(event, title="Back on"))
    event.refresh_from_db()
    assert event.title == "Bristol open data meetup"


def test_it_says_an_event_that_has_happened_can_no_longer_be_changed(client, member, event):
    event.starts_at -= datetime.timedelta(days=40)
    event.ends_at -= datetime.timedelta(days=40)
    event.save()
    client.force_login(member)

    assert "This event has already happened" in client.get(url(event)).content.decode()
    client.post(url(event), answers(event, title="Rewritten history"))
    event.refresh_from_db()
    assert event.title == "Bristol open data meetup"
    assert f'href="/events/{event.pk}/change"' not in client.get("/events/yours").content.decode()
