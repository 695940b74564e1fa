import pytest
from django.core import mail

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from events.tests.factories import EventFactory
from events.views.submit import cancel_event
from events.workflow import EventStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(member):
    membership = MembershipFactory(user=member)
    return EventFactory(title="Bristol open data meetup", submitted_by=member, organisation=membership.organisation)


def url(event) -> str:
    return f"/events/{event.pk}/cancel"


def test_it_needs_someone_signed_in(client, event):
    assert cancel_event.access_rule == "signed_in"
    assert client.post(url(event), {"reason": "Ill"}).status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_it_asks_why(client, member, event):
    client.force_login(member)
    page = client.get(url(event)).content.decode()
    assert '<textarea name="reason"' in page
    assert "Cancel the event</button>" in page


def test_it_cancels_the_event_which_stays_listed_as_cancelled(client, member, event):
    client.force_login(member)
    response = client.post(url(event), {"reason": "The speaker is ill"})
    assert response.status_code == 302 and response.url == "/events/yours"
    event.refresh_from_db()
    assert (event.status, event.cancellation_reason, event.sequence) == (EventStatus.CANCELLED, "The speaker is ill", 1)
    assert event.cancelled_at is not None
    audit = AuditEvent.objects.get(action="events.cancelled")
    assert (audit.actor, audit.reason, audit.changes) == (
        member,
        "The speaker is ill",
        {"status": ["published", "cancelled"]},
    )
    assert "This event is cancelled. The speaker is ill" in client.get(f"/events/{event.pk}").content.decode()
    assert mail.outbox == []


def test_it_lets_a_colleague_cancel_a_submitted_event(client, event):
    event.status = EventStatus.SUBMITTED
    event.save()
    client.force_login(MembershipFactory(organisation=event.organisation).user)
    client.post(url(event), {"reason": "No longer running"})
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED


def test_it_needs_a_reason(client, member, event):
    client.force_login(member)
    page = client.post(url(event), {"reason": "  "}).content.decode()
    assert '<a href="#id_reason">Enter why the event is cancelled</a>' in page
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


@pytest.mark.parametrize("status", [EventStatus.REJECTED, EventStatus.CANCELLED])
def test_it_refuses_to_cancel_an_event_that_cannot_be(client, member, event, status):
    event.status = status
    event.save()
    client.force_login(member)
    assert (
        f"This event cannot be cancelled because it is {status.label.lower()}"
        in client.get(url(event)).content.decode()
    )
    page = client.post(url(event), {"reason": "Again"}).content.decode()
    assert f"This event cannot be cancelled because it is {status.label.lower()}" in page
    assert not AuditEvent.objects.filter(action="events.cancelled").exists()


def test_it_does_not_find_another_organisations_event(client, event):
    client.force_login(MembershipFactory().user)
    assert client.post(url(event), {"reason": "Mischief"}).status_code == 404
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_it_says_an_event_that_has_happened_cannot_be_cancelled(client, member):
    membership = MembershipFactory(user=member)
    past = EventFactory(past=True, submitted_by=member, organisation=membership.organisation)
    client.force_login(member)

    assert "This event has already happened" in client.get(url(past)).content.decode()
    client.post(url(past), {"reason": "Too late"})
    past.refresh_from_db()
    assert past.status == EventStatus.PUBLISHED
