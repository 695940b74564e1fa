import pytest
from django.core import mail

from core.models import AuditEvent
from newsletter import services
from newsletter.models import ConfirmationLink, Delivery, ManageLink, Subscriber, SubscriberTopic, Suppression
from newsletter.tests.factories import (
    ConfirmationLinkFactory,
    DeliveryFactory,
    IssueFactory,
    ManageLinkFactory,
    SubscriberFactory,
)
from newsletter.tokens import email_hash
from newsletter.workflow import SubscriberStatus

PATH = "/newsletter/preferences/a-long-random-token/delete"


@pytest.fixture
def subscriber():
    subscriber = SubscriberFactory(email="Reader@Example.com", topics=["fund", "events"])
    ManageLinkFactory(token="a-long-random-token", subscriber=subscriber)
    ManageLinkFactory(token="from-another-email", subscriber=subscriber)
    ConfirmationLinkFactory(subscriber=subscriber)
    DeliveryFactory(subscriber=subscriber)
    return subscriber


def test_it_asks_for_confirmation_first(client, subscriber):
    response = client.get(PATH)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Are you sure you want to delete your data?" in content
    assert ">Delete your data</button>" in content
    assert 'href="/newsletter/preferences/a-long-random-token">Cancel</a>' in content
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_it_erases_everything_but_a_hash_of_the_address(client, subscriber):
    response = client.post(PATH)
    assert response.status_code == 302
    assert response.url == "/newsletter/data-deleted"
    erased = Subscriber.objects.get()
    assert erased.status == SubscriberStatus.ERASED
    assert erased.email == erased.consent_wording == erased.consent_version == ""
    assert erased.consented_at is None and erased.unsubscribed_at is None
    for model in (SubscriberTopic, ManageLink, ConfirmationLink, Delivery):
        assert not model.objects.exists()
    assert list(Suppression.objects.values_list("email_hash", flat=True)) == [email_hash("reader@example.com")]
    stored = " ".join(
        str(value) for model in (Subscriber, Suppression) for row in model.objects.values_list() for value in row
    )
    assert "reader@example.com" not in stored.lower()
    event = AuditEvent.objects.get(action="newsletter.subscriber.erased")
    assert event.changes["status"] == ["confirmed", "erased"]
    assert "reader" not in str(event.changes).lower() + event.object_repr.lower()
    assert b"Your data has been deleted" in client.get(response.url).content


def test_its_links_stop_working(client, subscriber):
    client.post(PATH)
    assert client.get("/newsletter/preferences/a-long-random-token").status_code == 404
    assert client.post("/newsletter/unsubscribe/from-another-email").status_code == 404


def test_a_later_issue_skips_the_erased_address(client, subscriber, moderator, django_capture_on_commit_callbacks):
    client.post(PATH)
    SubscriberFactory(email="other@example.com")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.start_sending(IssueFactory(), topics=["fund", "events"], by=moderator)
    assert [message.to for message in mail.outbox] == [["other@example.com"]]


def test_a_new_subscription_to_the_address_needs_a_new_confirmation(client, subscriber):
    client.post(PATH)
    client.post("/newsletter", {"email": "reader@example.com", "topics": ["fund"]})
    fresh = Subscriber.objects.exclude(status=SubscriberStatus.ERASED).get()
    assert fresh.status == SubscriberStatus.PENDING
    assert "/newsletter/confirm/" in mail.outbox[-1].body
    assert Suppression.objects.exists()


def test_it_refuses_a_token_it_never_issued(client, subscriber):
    assert client.post("/newsletter/preferences/another-token/delete").status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_it_refuses_other_methods(client, subscriber):
    assert client.put(PATH).status_code == 405
