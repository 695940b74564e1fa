import pytest
from django.core import mail

from core.models import AuditEvent
from events.tests.factories import EventFactory
from events.views.manage import reject

pytestmark = pytest.mark.django_db

REASON = "This is a sales pitch, not a community event"


@pytest.fixture
def event():
    return EventFactory(submitted=True, title="Buy our CRM", submitted_by__email="sam@leeds.example.gov.uk")


def url(event) -> str:
    return f"/manage/events/{event.pk}/reject"


def test_it_is_for_moderators_only(client, sign_in_verified, member, event):
    assert reject.access_rule == "staff"
    assert client.post(url(event), {"reason": REASON}).status_code == 302
    assert sign_in_verified(member).post(url(event), {"reason": REASON}).status_code == 403
    event.refresh_from_db()
    assert event.status == "submitted"


def test_it_asks_for_a_reason(sign_in_verified, moderator, event):
    page = sign_in_verified(moderator).get(url(event)).content.decode()
    assert '<textarea name="reason"' in page and "Reject event</button>" in page


def test_it_rejects_the_event_and_emails_the_reason(sign_in_verified, moderator, event):
    response = sign_in_verified(moderator).post(url(event), {"reason": REASON})
    assert response.status_code == 302 and response.url == f"/manage/events/{event.pk}"
    event.refresh_from_db()
    assert (event.status, event.review_note) == ("rejected", REASON)
    audit = AuditEvent.objects.get(action="events.rejected")
    assert (audit.actor, audit.reason, audit.changes) == (moderator, REASON, {"status": ["submitted", "rejected"]})
    (email,) = mail.outbox
    assert email.to == ["sam@leeds.example.gov.uk"]
    assert REASON in email.body
    assert "/events/yours" in email.body


def test_it_needs_a_reason(sign_in_verified, moderator, event):
    page = sign_in_verified(moderator).post(url(event), {"reason": ""}).content.decode()
    assert '<a href="#id_reason">Enter why you are rejecting the event</a>' in page
    event.refresh_from_db()
    assert event.status == "submitted"
    assert mail.outbox == []


def test_it_shows_an_error_when_the_event_has_moved_on(sign_in_verified, moderator):
    event = EventFactory()
    page = sign_in_verified(moderator).post(url(event), {"reason": REASON}).content.decode()
    assert "This event cannot be rejected because it is published" in page
    event.refresh_from_db()
    assert event.status == "published"
