import pytest
from django.core import mail

from core.models import AuditEvent
from newsletter.consent import CONSENT
from newsletter.models import ConfirmationLink, Subscriber
from newsletter.tests.factories import SubscriberFactory
from newsletter.tests.helpers import last_link
from newsletter.workflow import SubscriberStatus

FORMAT_ERROR = "Enter an email address in the correct format, like name@example.com"
TOPIC_ERROR = "Select at least one topic"


def test_it_asks_for_an_email_address_and_topics(client):
    response = client.get("/newsletter")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Get updates by email</h1>' in content
    assert 'name="email"' in content
    for label in ["Declaration and community", "Local Digital Fund", "Events"]:
        assert label in content
    assert CONSENT.wording in content
    assert ">Subscribe</button>" in content


def test_it_is_linked_from_every_page_footer(client):
    assert b'href="/newsletter">Get updates by email</a>' in client.get("/").content


def test_it_stores_a_pending_subscriber_and_emails_a_confirmation_link(client):
    response = client.post(
        "/newsletter", {"email": " New.Person@Council.example.gov.uk ", "topics": ["fund", "events"]}
    )
    assert response.status_code == 302
    assert response.url == "/newsletter/check-your-email"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "new.person@council.example.gov.uk"
    assert subscriber.status == SubscriberStatus.PENDING
    link = ConfirmationLink.objects.get()
    assert link.topics == ["fund", "events"]
    assert link.consent_wording == CONSENT.wording and link.consent_version == CONSENT.version
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@council.example.gov.uk"]
    assert mail.outbox[0].subject == "Confirm your subscription to Local Digital updates"
    assert "Local Digital Fund" in mail.outbox[0].body and "7 days" in mail.outbox[0].body
    assert last_link("confirm").startswith("/newsletter/confirm/")
    assert AuditEvent.objects.filter(action="newsletter.subscriber.requested").exists()
    page = client.get(response.url)
    assert b"Check your email" in page.content
    assert b"new.person@council.example.gov.uk" in page.content


@pytest.mark.parametrize("email", ["", "   ", "not-an-email", "name@", "@example.com"])
def test_it_shows_a_gov_uk_error_for_a_missing_or_malformed_address(client, email):
    response = client.post("/newsletter", {"email": email, "topics": ["fund"]})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content
    assert 'class="govuk-error-summary"' in content
    assert f'<a href="#id_email">{FORMAT_ERROR}</a>' in content
    assert 'id="id_email-error"' in content
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_it_asks_for_at_least_one_topic(client):
    response = client.post("/newsletter", {"email": "someone@example.com"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content
    assert f'<a href="#id_topics_0">{TOPIC_ERROR}</a>' in content
    assert 'id="id_topics-error"' in content
    assert 'value="someone@example.com"' in content
    assert not Subscriber.objects.exists()
    assert not ConfirmationLink.objects.exists()
    assert not mail.outbox


def test_it_refuses_a_topic_that_does_not_exist(client):
    response = client.post("/newsletter", {"email": "someone@example.com", "topics": ["gossip"]})
    assert TOPIC_ERROR in response.content.decode()
    assert not Subscriber.objects.exists()


def _answer_for(client, email):
    response = client.post("/newsletter", {"email": email, "topics": ["events"]}, follow=True)
    page = response.content.decode().replace(email, "EMAIL")
    return response.redirect_chain, response.status_code, page


def test_it_answers_the_same_whatever_the_address(client):
    SubscriberFactory(email="confirmed@example.com")
    SubscriberFactory(email="pending@example.com", pending=True)
    SubscriberFactory(email="unsubscribed@example.com", unsubscribed=True)
    answers = [
        _answer_for(client, email)
        for email in ["new@example.com", "confirmed@example.com", "pending@example.com", "unsubscribed@example.com"]
    ]
    assert all(answer == answers[0] for answer in answers)
    assert len(mail.outbox) == 4


def test_it_emails_someone_already_subscribed_a_link_to_manage_their_subscription(client):
    subscriber = SubscriberFactory(email="confirmed@example.com", topics=["fund"])
    client.post("/newsletter", {"email": "Confirmed@example.com", "topics": ["events"]})
    message = mail.outbox[-1]
    assert message.subject == "You are already subscribed to Local Digital updates"
    assert "/newsletter/confirm/" not in message.body
    assert last_link("preferences").startswith("/newsletter/preferences/")
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/newsletter/unsubscribe/")
    assert not ConfirmationLink.objects.exists()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.topic_codes == ["fund"]


def test_it_sends_someone_who_unsubscribed_a_new_confirmation_link(client):
    subscriber = SubscriberFactory(email="back@example.com", unsubscribed=True)
    client.post("/newsletter", {"email": "back@example.com", "topics": ["events"]})
    assert last_link("confirm")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert Subscriber.objects.count() == 1


def test_it_limits_requests_for_one_email_address(client, settings):
    settings.NEWSLETTER_RATE_PER_EMAIL = "2/h"
    for _ in range(2):
        assert client.post("/newsletter", {"email": "someone@example.com", "topics": ["fund"]}).status_code == 302
    response = client.post("/newsletter", {"email": "SOMEONE@example.com ", "topics": ["fund"]})
    assert response.status_code == 429
    assert b"You have tried too many times" in response.content
    assert len(mail.outbox) == 2
    assert client.post("/newsletter", {"email": "someone.else@example.com", "topics": ["fund"]}).status_code == 302


def test_it_limits_requests_from_one_ip_address(client, settings):
    settings.NEWSLETTER_RATE_PER_IP = "3/h"
    for n in range(3):
        assert client.post("/newsletter", {"email": f"person{n}@example.com", "topics": ["fund"]}).status_code == 302
    assert client.post("/newsletter", {"email": "another@example.com", "topics": ["fund"]}).status_code == 429
    assert len(mail.outbox) == 3
    assert Subscriber.objects.count() == 3


def test_it_does_not_count_visits_to_the_form(client, settings):
    settings.NEWSLETTER_RATE_PER_IP = "1/h"
    for _ in range(3):
        client.get("/newsletter")
    assert client.post("/newsletter", {"email": "someone@example.com", "topics": ["fund"]}).status_code == 302


def test_it_refuses_other_methods(client):
    assert client.put("/newsletter").status_code == 405
