from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.models import AuditEvent
from newsletter.consent import CONSENT
from newsletter.models import ConfirmationLink, Subscriber, Suppression
from newsletter.tests.factories import ConfirmationLinkFactory, SubscriberFactory
from newsletter.tests.helpers import last_link
from newsletter.tokens import email_hash
from newsletter.workflow import SubscriberStatus


@pytest.fixture
def confirm_path(client):
    client.post("/newsletter", {"email": "new@example.com", "topics": ["declaration", "events"]})
    return last_link("confirm")


def test_it_shows_a_button_without_confirming(client, confirm_path):
    response = client.get(confirm_path)
    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Confirm your subscription</h1>' in content
    assert ">Confirm your subscription</button>" in content
    assert 'name="csrfmiddlewaretoken"' in content
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_it_confirms_the_subscription_and_records_consent(client, confirm_path):
    before = timezone.now()
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert response.url == "/newsletter/confirmed"
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.topic_codes == ["declaration", "events"]
    assert subscriber.consent_wording == CONSENT.wording
    assert subscriber.consent_version == CONSENT.version
    assert before <= subscriber.consented_at <= timezone.now()
    event = AuditEvent.objects.get(action="newsletter.subscriber.confirmed")
    assert event.changes["status"] == ["pending", "confirmed"]
    assert "new@example.com" not in event.object_repr
    page = client.get(response.url)
    assert b"Subscription confirmed" in page.content


def test_it_emails_links_to_manage_the_subscription(client, confirm_path):
    client.post(confirm_path)
    welcome = mail.outbox[-1]
    assert welcome.to == ["new@example.com"]
    assert welcome.subject == "You have subscribed to Local Digital updates"
    assert "Declaration and community" in welcome.body
    unsubscribe = last_link("unsubscribe")
    assert last_link("preferences").startswith("/newsletter/preferences/")
    assert welcome.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe}>"
    assert welcome.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_it_refuses_a_used_link(client, confirm_path):
    client.post(confirm_path)
    for response in (client.get(confirm_path), client.post(confirm_path)):
        assert response.status_code == 410
        assert b"This link has already been used" in response.content
    assert AuditEvent.objects.filter(action="newsletter.subscriber.confirmed").count() == 1


def test_it_refuses_an_expired_link(client):
    link = ConfirmationLinkFactory(token="old-token", expired=True)
    for response in (client.get("/newsletter/confirm/old-token"), client.post("/newsletter/confirm/old-token")):
        assert response.status_code == 410
        assert b"This link has expired" in response.content
    link.subscriber.refresh_from_db()
    assert link.subscriber.status == SubscriberStatus.PENDING


def test_it_expires_links_after_7_days(client, confirm_path):
    link = ConfirmationLink.objects.get()
    assert abs(link.expires_at - (timezone.now() + timedelta(days=7))) < timedelta(seconds=5)


def _swap_last_character(path: str) -> str:
    return path[:-1] + ("A" if path[-1] != "A" else "B")


@pytest.mark.parametrize("change", [lambda path: path[:-1], lambda path: path + "x", _swap_last_character])
def test_it_refuses_a_tampered_link(client, confirm_path, change):
    tampered = change(confirm_path)
    for response in (client.get(tampered), client.post(tampered)):
        assert response.status_code == 404
        assert b"This link is not valid" in response.content
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_it_stores_only_a_hash_of_the_token(client, confirm_path):
    token = confirm_path.rsplit("/", 1)[1]
    stored = [str(value) for value in ConfirmationLink.objects.values_list().get()]
    assert not any(token in value for value in stored)


def test_it_spends_earlier_links_once_one_is_used(client):
    client.post("/newsletter", {"email": "twice@example.com", "topics": ["fund"]})
    first = last_link("confirm")
    client.post("/newsletter", {"email": "twice@example.com", "topics": ["events"]})
    second = last_link("confirm")
    client.post(second)
    assert Subscriber.objects.get().topic_codes == ["events"]
    assert client.post(first).status_code == 410
    assert Subscriber.objects.get().topic_codes == ["events"]


def test_it_lets_someone_who_unsubscribed_subscribe_again(client):
    subscriber = SubscriberFactory(email="back@example.com", unsubscribed=True, topics=["fund"])
    client.post("/newsletter", {"email": "back@example.com", "topics": ["events"]})
    client.post(last_link("confirm"))
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.unsubscribed_at is None
    assert subscriber.topic_codes == ["events"]


def test_confirming_afresh_lifts_the_suppression_of_an_erased_address(client):
    Suppression.objects.create(email_hash=email_hash("erased@example.com"))
    client.post("/newsletter", {"email": "erased@example.com", "topics": ["fund"]})
    assert Suppression.objects.exists()
    client.post(last_link("confirm"))
    assert not Suppression.objects.exists()


def test_it_refuses_other_methods(client, confirm_path):
    assert client.put(confirm_path).status_code == 405
