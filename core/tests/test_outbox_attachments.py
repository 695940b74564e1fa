"""Files sent with an email (a calendar entry, say): kept in the outbox with the message until
it is sent, attached by Django's mail backends, and left out by GOV.UK Notify."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction

from core import outbox
from core.email import send_email
from core.models import OutboundAttachment, OutboundEmail
from core.notify import NotifyEmailBackend
from core.tests import backends

pytestmark = pytest.mark.django_db

Status = OutboundEmail.Status
CALENDAR = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
CONTEXT = {"organisation": {"name": "Testshire Council"}, "reason": ""}


@pytest.fixture
def queued_only(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def send_with(attachments, to="person@example.com", **kwargs):
    return send_email(to, "membership_approved", CONTEXT, attachments=attachments, **kwargs)


def test_it_sends_each_attachment_with_the_message():
    send_with([("event.ics", CALENDAR, "text/calendar"), ("notes.txt", "Bring a laptop", "text/plain")])

    (sent,) = mail.outbox
    assert [(name, mimetype) for name, _, mimetype in sent.attachments] == [
        ("event.ics", "text/calendar"),
        ("notes.txt", "text/plain"),
    ]
    assert sent.attachments[0].content == CALENDAR.decode()
    assert sent.attachments[1].content == "Bring a laptop"
    # The attached file reaches the mail client intact.
    assert b"BEGIN:VCALENDAR" in sent.message().as_bytes()


def test_it_keeps_the_attachment_with_the_queued_message_and_drops_it_once_sent(queued_only):
    message = send_with([("event.ics", CALENDAR, "text/calendar")])

    stored = OutboundAttachment.objects.get(email=message)
    assert (stored.filename, bytes(stored.content), stored.mimetype) == ("event.ics", CALENDAR, "text/calendar")
    assert mail.outbox == []

    assert outbox.deliver(message.pk) == Status.SENT

    assert mail.outbox[0].attachments[0].filename == "event.ics"
    assert not OutboundAttachment.objects.exists()


def test_a_message_waiting_to_be_retried_keeps_its_attachment(settings, queued_only):
    settings.EMAIL_BACKEND = "core.tests.backends.FlakyBackend"
    backends.FlakyBackend.failures, backends.FlakyBackend.permanent = 1, False
    message = send_with([("event.ics", CALENDAR, "text/calendar")])

    assert outbox.deliver(message.pk) == Status.QUEUED

    assert OutboundAttachment.objects.filter(email=message).count() == 1


def test_a_change_that_rolls_back_leaves_no_attachment(queued_only):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_with([("event.ics", CALENDAR, "text/calendar")])
        raise RuntimeError("the change that caused the email failed")

    assert not OutboundEmail.objects.exists()
    assert not OutboundAttachment.objects.exists()


def test_a_repeated_dedupe_key_writes_neither_message_nor_attachment_again(queued_only):
    first = send_with([("event.ics", CALENDAR, "text/calendar")], dedupe_key="reminder-1")
    again = send_with([("event.ics", CALENDAR, "text/calendar")], dedupe_key="reminder-1")

    assert again is None
    assert list(OutboundAttachment.objects.values_list("email", flat=True)) == [first.pk]


def test_forgetting_an_address_drops_its_attachments(queued_only):
    send_with([("event.ics", CALENDAR, "text/calendar")], to="leaving@example.com")
    failed = send_with([("event.ics", CALENDAR, "text/calendar")], to="leaving@example.com")
    OutboundEmail.objects.filter(pk=failed.pk).update(status=Status.FAILED)
    kept = send_with([("event.ics", CALENDAR, "text/calendar")], to="staying@example.com")

    assert outbox.forget("leaving@example.com") == 2

    assert list(OutboundAttachment.objects.values_list("email", flat=True)) == [kept.pk]


def test_gov_uk_notify_sends_the_message_without_its_attachments(settings):
    settings.NOTIFY_API_KEY = "test-a1b2c3d4-0000-0000-0000-000000000000-00000000-0000-0000-0000-000000000000"
    settings.NOTIFY_TEMPLATE_ID = "11111111-1111-1111-1111-111111111111"
    sent = []

    class Client:
        def send_email_notification(self, **kwargs):
            sent.append(kwargs)
            return {"id": "notification-id"}

    backend = NotifyEmailBackend()
    backend.client = Client()
    message = EmailMessage(
        "Booking confirmed", "Add it to your calendar: https://example.com/events/1.ics", to=["p@example.com"]
    )
    message.attach("event.ics", CALENDAR, "text/calendar")

    assert backend.send_messages([message]) == 1

    (notification,) = sent
    assert notification["personalisation"] == {
        "subject": "Booking confirmed",
        "body": "Add it to your calendar: https://example.com/events/1.ics",
    }
    assert "event.ics" not in str(notification)


def test_with_gov_uk_notify_the_outbox_keeps_no_attachment_it_would_never_send(settings, queued_only):
    settings.EMAIL_BACKEND = "core.notify.NotifyEmailBackend"

    send_with([("event.ics", CALENDAR, "text/calendar")])

    assert OutboundEmail.objects.count() == 1
    assert not OutboundAttachment.objects.exists()
