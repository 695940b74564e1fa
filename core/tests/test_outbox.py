from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import outbox
from core.email import render_email, send_email
from core.models import AuditEvent, OutboundEmail
from core.tests import backends

pytestmark = pytest.mark.django_db

Status = OutboundEmail.Status
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "core.tests.backends.FlakyBackend"
    backends.DELIVERED.clear()
    backends.FlakyBackend.failures = 0
    backends.FlakyBackend.permanent = False
    return backends.FlakyBackend


@pytest.fixture
def queued_only(settings):
    # The production queue: messages wait for a worker instead of being sent at once.
    settings.TASKS = DATABASE_QUEUE


def send_test_email(to="person@example.com", **kwargs):
    return send_email(
        to, "membership_approved", {"organisation": {"name": "Testshire Council"}, "reason": ""}, **kwargs
    )


def time_passes():
    OutboundEmail.objects.filter(status=Status.QUEUED).update(next_attempt_at=timezone.now())


def test_it_writes_the_message_to_the_outbox_and_sends_it():
    message = send_test_email()

    message.refresh_from_db()
    assert message.status == Status.SENT
    assert message.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["person@example.com"]
    assert mail.outbox[0].extra_headers["X-Reference"] == str(message.pk)


def test_it_keeps_no_copy_of_the_body_once_sent():
    message = send_test_email()
    message.refresh_from_db()
    assert message.body == ""
    assert "Testshire Council" in mail.outbox[0].body


def test_it_queues_with_the_change_and_sends_nothing_until_a_worker_runs(queued_only):
    with transaction.atomic():
        message = send_test_email()

    assert OutboundEmail.objects.get().status == Status.QUEUED
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []
    assert outbox.deliver(message.pk) == Status.SENT
    assert len(mail.outbox) == 1


def test_a_transaction_that_rolls_back_leaves_nothing_in_the_outbox(queued_only):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_test_email()
        raise RuntimeError("the change that caused the email failed")

    assert OutboundEmail.objects.count() == 0
    assert DBTaskResult.objects.count() == 0
    assert mail.outbox == []


def test_it_adds_one_click_unsubscribe_headers():
    send_test_email(unsubscribe_url="http://testserver/newsletter/unsubscribe/abc")
    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe"] == "<http://testserver/newsletter/unsubscribe/abc>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_it_writes_a_message_once_per_dedupe_key():
    first = send_test_email(dedupe_key="issue:1:subscriber:7")
    second = send_test_email(dedupe_key="issue:1:subscriber:7")

    assert first is not None
    assert second is None
    assert OutboundEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_it_retries_with_growing_gaps_while_the_provider_fails(flaky):
    flaky.failures = 3
    message = send_test_email()

    gaps = []
    for _ in range(3):
        message.refresh_from_db()
        assert message.status == Status.QUEUED
        assert "did not answer" in message.last_error
        gaps.append(message.next_attempt_at - timezone.now())
        time_passes()
        outbox.deliver_due()

    message.refresh_from_db()
    assert message.status == Status.SENT
    assert message.attempts == 4
    assert gaps[0] < gaps[1] < gaps[2]
    assert len(backends.DELIVERED) == 1


def test_no_message_is_lost_or_sent_twice_while_the_provider_is_down(flaky):
    flaky.failures = 25
    messages = [send_test_email(to=f"person{n}@example.com") for n in range(10)]

    for _ in range(5):
        time_passes()
        outbox.deliver_due()

    assert OutboundEmail.objects.filter(status=Status.SENT).count() == 10
    delivered_to = sorted(message.to[0] for message in backends.DELIVERED)
    assert delivered_to == sorted(message.to for message in messages)


def test_it_does_not_send_before_the_backoff_has_passed(flaky):
    flaky.failures = 1
    message = send_test_email()

    assert outbox.deliver_due() == 0
    assert outbox.deliver(message.pk) is None
    assert backends.DELIVERED == []


def test_it_marks_a_permanent_refusal_failed_at_once(flaky):
    flaky.permanent = True
    message = send_test_email()

    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert message.attempts == 1
    assert message.last_error == "The address is not valid"


def test_it_gives_up_after_the_last_attempt(flaky):
    flaky.failures = outbox.MAX_ATTEMPTS
    message = send_test_email()
    for _ in range(outbox.MAX_ATTEMPTS - 1):
        time_passes()
        outbox.deliver_due()

    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert message.attempts == outbox.MAX_ATTEMPTS


def test_two_workers_cannot_both_send_one_message(queued_only):
    message = send_test_email()

    results = [outbox.deliver(message.pk), outbox.deliver(message.pk)]

    assert results == [Status.SENT, None]
    assert len(mail.outbox) == 1


def test_staff_can_retry_a_failed_message(flaky, moderator):
    flaky.permanent = True
    message = send_test_email()
    flaky.permanent = False

    assert outbox.retry(message, by=moderator) is True
    assert outbox.deliver(message.pk) == Status.SENT
    event = AuditEvent.objects.get(action="email.retried")
    assert event.actor == moderator


def test_retrying_a_message_that_is_not_failed_does_nothing(moderator):
    message = send_test_email()
    assert outbox.retry(message, by=moderator) is False
    assert not AuditEvent.objects.filter(action="email.retried").exists()


def stuck(message):
    OutboundEmail.objects.filter(pk=message.pk).update(
        status=Status.SENDING, claimed_at=timezone.now() - outbox.stuck_after() - timedelta(minutes=1)
    )


def test_it_settles_a_message_the_provider_already_has_without_sending_it_again(flaky, queued_only):
    message = send_test_email()
    outbox.deliver(message.pk)
    stuck(message)  # as if the worker died after the provider accepted it

    assert outbox.recover_stuck() == []

    message.refresh_from_db()
    assert message.status == Status.SENT
    assert len(backends.DELIVERED) == 1


def test_it_requeues_a_stuck_message_the_provider_never_got(flaky, queued_only):
    message = send_test_email()
    stuck(message)

    assert outbox.recover_stuck() == [message.pk]
    outbox.deliver(message.pk)

    message.refresh_from_db()
    assert message.status == Status.SENT
    assert len(backends.DELIVERED) == 1


def test_it_leaves_a_message_that_is_still_being_sent(queued_only):
    message = send_test_email()
    OutboundEmail.objects.filter(pk=message.pk).update(status=Status.SENDING, claimed_at=timezone.now())
    assert outbox.recover_stuck() == []


def test_the_recovery_job_sends_a_requeued_message_again(flaky, queued_only):
    from core import jobs

    message = send_test_email()
    stuck(message)
    jobs.recover_stuck_emails()

    assert DBTaskResult.objects.filter(args_kwargs__args=[str(message.pk)]).count() == 2


def test_it_forgets_an_address_when_its_owner_asks(queued_only):
    sent = send_test_email(to="leaving@example.com")
    outbox.deliver(sent.pk)
    send_test_email(to="Leaving@example.com")
    send_test_email(to="staying@example.com")

    assert outbox.forget("leaving@example.com") == 2

    assert list(OutboundEmail.objects.values_list("to", "status").order_by("to")) == [
        ("", Status.SENT),
        ("staying@example.com", Status.QUEUED),
    ]


def test_it_writes_plain_text_without_escaping_what_looks_like_html():
    _, body = render_email("declaration_organisation_added", {"organisation": "Adur & Worthing Councils"})
    assert "as Adur & Worthing Councils." in body
    assert "&amp;" not in body
