import pytest
from django.core import mail

from core.models import AuditEvent
from events.tests.factories import EventFactory
from events.views.manage import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(submitted=True, title="Open data day", submitted_by__email="sam@leeds.example.gov.uk")


def url(event) -> str:
    return f"/manage/events/{event.pk}/publish"


def test_it_is_for_moderators_only(client, sign_in_verified, member, event):
    assert publish.access_rule == "staff"
    assert client.post(url(event)).status_code == 302
    assert sign_in_verified(member).post(url(event)).status_code == 403
    event.refresh_from_db()
    assert event.status == "submitted"


def test_it_publishes_the_event_and_emails_the_submitter(sign_in_verified, moderator, event):
    response = sign_in_verified(moderator).post(url(event))
    assert response.status_code == 302 and response.url == f"/manage/events/{event.pk}"
    event.refresh_from_db()
    assert event.status == "published" and event.published_at is not None
    audit = AuditEvent.objects.get(action="events.published")
    assert (audit.actor, audit.changes) == (moderator, {"status": ["submitted", "published"]})
    (email,) = mail.outbox
    assert email.to == ["sam@leeds.example.gov.uk"]
    assert email.subject == "Your event is published: Open data day"
    assert f"/events/{event.pk}" in email.body


def test_it_shows_an_error_when_the_event_has_moved_on(sign_in_verified, moderator):
    event = EventFactory(rejected=True)
    response = sign_in_verified(moderator).post(url(event))
    assert response.status_code == 200
    assert "This event cannot be published because it is rejected" in response.content.decode()
    event.refresh_from_db()
    assert event.status == "rejected"
    assert mail.outbox == []


def test_it_answers_only_post(sign_in_verified, moderator, event):
    assert sign_in_verified(moderator).get(url(event)).status_code == 405
