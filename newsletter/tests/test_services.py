"""The sending job, and the rules the views rely on but cannot show on their own."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.email import send_email
from core.models import AuditEvent, OutboundEmail
from core.workflow import TransitionRefused
from newsletter import services
from newsletter.models import ConfirmationLink, Delivery, Issue, Subscriber, Suppression
from newsletter.tests.factories import ConfirmationLinkFactory, IssueFactory, SubscriberFactory
from newsletter.tokens import email_hash
from newsletter.workflow import IssueStatus, SubscriberStatus


def _sent_to() -> Counter:
    return Counter(message.to[0] for message in mail.outbox)


@pytest.fixture
def fifty_subscribers():
    """50 subscribers across topics and states. Returns the addresses that should get an
    issue sent to the fund and events topics."""
    expected = set()
    for n in range(50):
        topics = [["fund"], ["events"], ["declaration"], ["fund", "declaration"], ["declaration", "events"]][n % 5]
        state = {0: {}, 1: {}, 2: {"pending": True}, 3: {"unsubscribed": True}}.get(n % 7, {})
        subscriber = SubscriberFactory(email=f"person{n}@example.com", topics=topics, **state)
        if not state and {"fund", "events"} & set(topics):
            expected.add(subscriber.email)
    return expected


def _start(issue, moderator, topics, captured):
    with captured(execute=True):
        return services.start_sending(issue, topics=topics, by=moderator)


class TestSending:
    def test_only_confirmed_subscribers_of_the_topics_get_the_issue_once_each(
        self, moderator, fifty_subscribers, django_capture_on_commit_callbacks, settings
    ):
        settings.NEWSLETTER_BATCH_SIZE = 7
        issue = IssueFactory(title="Fund news")
        _start(issue, moderator, ["fund", "events"], django_capture_on_commit_callbacks)
        assert _sent_to() == Counter(fifty_subscribers)
        assert all(message.subject == "Fund news" for message in mail.outbox)
        issue.refresh_from_db()
        assert issue.status == IssueStatus.SENT
        assert issue.sent_count == issue.recipient_count == len(fifty_subscribers)
        assert issue.sent_at is not None
        assert Delivery.objects.filter(issue=issue).count() == len(fifty_subscribers)
        assert AuditEvent.objects.filter(action="newsletter.issue.sent", actor=None).exists()

    def test_every_message_has_the_subscribers_own_links_and_one_click_headers(
        self, moderator, django_capture_on_commit_callbacks
    ):
        SubscriberFactory.create_batch(2)
        _start(IssueFactory(), moderator, ["fund"], django_capture_on_commit_callbacks)
        unsubscribe_urls = set()
        for message in mail.outbox:
            url = message.extra_headers["List-Unsubscribe"].strip("<>")
            assert url in message.body
            assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            assert "http://testserver/newsletter/preferences/" in message.body
            unsubscribe_urls.add(url)
        assert len(unsubscribe_urls) == 2

    def test_each_message_carries_a_dedupe_key_per_issue_and_subscriber(
        self, moderator, django_capture_on_commit_callbacks
    ):
        subscriber = SubscriberFactory()
        issue = _start(IssueFactory(), moderator, ["fund"], django_capture_on_commit_callbacks)
        assert OutboundEmail.objects.filter(
            dedupe_key=f"newsletter-issue:{issue.pk}:subscriber:{subscriber.pk}"
        ).exists()

    def test_running_the_job_again_sends_nothing_more(
        self, moderator, fifty_subscribers, django_capture_on_commit_callbacks
    ):
        issue = _start(IssueFactory(), moderator, ["fund", "events"], django_capture_on_commit_callbacks)
        before = len(mail.outbox)
        services.send_issue(issue)
        # Even a job that lost its checkpoint and is told to start over sends nothing twice.
        Issue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENDING, last_subscriber_id=0)
        services.send_issue(issue)
        assert len(mail.outbox) == before
        assert max(_sent_to().values()) == 1

    def test_the_outbox_refuses_a_second_message_for_a_subscriber_even_without_the_delivery_record(
        self, moderator, django_capture_on_commit_callbacks
    ):
        SubscriberFactory.create_batch(3)
        issue = _start(IssueFactory(), moderator, ["fund"], django_capture_on_commit_callbacks)
        Delivery.objects.all().delete()
        Issue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENDING, last_subscriber_id=0)
        services.send_issue(issue)
        assert len(mail.outbox) == 3
        assert OutboundEmail.objects.count() == 3
        issue.refresh_from_db()
        assert issue.sent_count == 3
        assert Delivery.objects.count() == 3

    def test_pausing_after_the_first_batch_then_resuming_sends_everyone_exactly_once(
        self, moderator, fifty_subscribers, django_capture_on_commit_callbacks, settings
    ):
        settings.NEWSLETTER_BATCH_SIZE = 5
        issue = IssueFactory()
        with django_capture_on_commit_callbacks(execute=False):
            services.start_sending(issue, topics=["fund", "events"], by=moderator)
        assert services.send_next_batch(issue) is True
        services.pause(issue, by=moderator)
        # The job, when its turn comes, finds the issue paused and stops between batches.
        assert services.send_issue(issue) == 0
        issue.refresh_from_db()
        assert issue.status == IssueStatus.PAUSED
        assert issue.sent_count == len(mail.outbox) == 5
        assert issue.last_subscriber_id == Subscriber.objects.get(email=mail.outbox[-1].to[0]).pk
        with django_capture_on_commit_callbacks(execute=True):
            services.resume(issue, by=moderator)
        issue.refresh_from_db()
        assert issue.status == IssueStatus.SENT
        assert _sent_to() == Counter(fifty_subscribers)
        assert issue.sent_count == len(fifty_subscribers)
        actions = list(AuditEvent.objects.filter(object_id=str(issue.pk)).values_list("action", flat=True))
        assert {"newsletter.issue.sending_started", "newsletter.issue.paused", "newsletter.issue.resumed"} <= set(
            actions
        )

    def test_a_batch_that_fails_midway_leaves_no_trace_and_is_sent_again_in_full(
        self, moderator, django_capture_on_commit_callbacks, settings, monkeypatch
    ):
        settings.NEWSLETTER_BATCH_SIZE = 3
        SubscriberFactory.create_batch(6)
        issue = IssueFactory()
        with django_capture_on_commit_callbacks(execute=False):
            services.start_sending(issue, topics=["fund"], by=moderator)
        real_send = services.send_email
        calls = []

        def crash_on_the_fifth(*args, **kwargs):
            calls.append(1)
            if len(calls) == 5:
                raise ConnectionError("worker killed")
            return real_send(*args, **kwargs)

        monkeypatch.setattr(services, "send_email", crash_on_the_fifth)
        with pytest.raises(ConnectionError):
            services.send_issue(issue)
        issue.refresh_from_db()
        assert issue.sent_count == 3
        assert OutboundEmail.objects.count() == 3
        monkeypatch.setattr(services, "send_email", real_send)
        services.send_issue(issue)
        issue.refresh_from_db()
        assert issue.status == IssueStatus.SENT
        assert OutboundEmail.objects.count() == issue.sent_count == 6
        assert len(set(OutboundEmail.objects.values_list("to", flat=True))) == 6

    def test_subscribers_who_confirm_after_sending_starts_are_left_out(
        self, moderator, django_capture_on_commit_callbacks
    ):
        SubscriberFactory(email="early@example.com")
        issue = IssueFactory()
        with django_capture_on_commit_callbacks(execute=False):
            services.start_sending(issue, topics=["fund"], by=moderator)
        SubscriberFactory(email="late@example.com")
        services.send_issue(issue)
        assert list(_sent_to()) == ["early@example.com"]

    def test_someone_who_unsubscribes_midway_is_skipped(self, moderator, django_capture_on_commit_callbacks, settings):
        settings.NEWSLETTER_BATCH_SIZE = 1
        first, second = SubscriberFactory.create_batch(2)
        issue = IssueFactory()
        with django_capture_on_commit_callbacks(execute=False):
            services.start_sending(issue, topics=["fund"], by=moderator)
        services.send_next_batch(issue)
        services.unsubscribe(second)
        services.send_issue(issue)
        assert list(_sent_to()) == [first.email]
        issue.refresh_from_db()
        assert (issue.sent_count, issue.recipient_count, issue.status) == (1, 2, IssueStatus.SENT)

    def test_it_never_mails_a_suppressed_address(self, moderator, django_capture_on_commit_callbacks):
        # However a confirmed subscriber came to have an erased address (an import, say),
        # the suppression list wins.
        SubscriberFactory(email="erased@example.com")
        SubscriberFactory(email="kept@example.com")
        Suppression.objects.create(email_hash=email_hash("Erased@example.com "))
        _start(IssueFactory(), moderator, ["fund"], django_capture_on_commit_callbacks)
        assert list(_sent_to()) == ["kept@example.com"]

    def test_it_refuses_to_send_when_nobody_has_the_topics(self, moderator):
        SubscriberFactory(topics=["fund"])
        issue = IssueFactory()
        with pytest.raises(TransitionRefused, match="Nobody is subscribed to these topics") as refusal:
            services.start_sending(issue, topics=["events"], by=moderator)
        assert refusal.value.field == "topics"
        issue.refresh_from_db()
        assert issue.status == IssueStatus.DRAFT

    def test_it_refuses_to_send_without_a_topic(self, moderator):
        SubscriberFactory()
        with pytest.raises(TransitionRefused, match="Select at least one topic"):
            services.start_sending(IssueFactory(), topics=[], by=moderator)


class TestContinuingAfterAStop:
    def test_it_restarts_issues_whose_job_stopped(self, moderator, django_capture_on_commit_callbacks, settings):
        settings.NEWSLETTER_BATCH_SIZE = 2
        SubscriberFactory.create_batch(5)
        issue = IssueFactory()
        with django_capture_on_commit_callbacks(execute=False):
            services.start_sending(issue, topics=["fund"], by=moderator)
        services.send_next_batch(issue)  # then the worker died
        Issue.objects.filter(pk=issue.pk).update(progress_at=timezone.now() - timedelta(minutes=30))
        assert services.continue_sending(stalled_for=timedelta(minutes=15)) == [issue.pk]
        issue.refresh_from_db()
        assert issue.status == IssueStatus.SENT
        assert len(mail.outbox) == issue.sent_count == 5

    def test_it_leaves_issues_that_are_making_progress(self, moderator, django_capture_on_commit_callbacks):
        SubscriberFactory()
        with django_capture_on_commit_callbacks(execute=False):
            issue = services.start_sending(IssueFactory(), topics=["fund"], by=moderator)
        assert services.continue_sending(stalled_for=timedelta(minutes=15)) == []
        issue.refresh_from_db()
        assert issue.status == IssueStatus.SENDING

    def test_the_command_restarts_every_issue_still_sending(
        self, moderator, django_capture_on_commit_callbacks, capsys
    ):
        SubscriberFactory.create_batch(3)
        with django_capture_on_commit_callbacks(execute=False):
            issue = services.start_sending(IssueFactory(), topics=["fund"], by=moderator)
        IssueFactory(paused=True)
        call_command("continue_newsletter_sending")
        assert f"Restarted sending for 1 issue(s): {issue.pk}" in capsys.readouterr().out
        issue.refresh_from_db()
        assert issue.status == IssueStatus.SENT
        call_command("continue_newsletter_sending")
        assert "No issues are sending" in capsys.readouterr().out
        assert len(mail.outbox) == 3

    def test_the_scheduled_job_restarts_stalled_issues(self, moderator, django_capture_on_commit_callbacks):
        from newsletter.jobs import continue_stalled_sending

        SubscriberFactory()
        with django_capture_on_commit_callbacks(execute=False):
            issue = services.start_sending(IssueFactory(), topics=["fund"], by=moderator)
        Issue.objects.filter(pk=issue.pk).update(progress_at=timezone.now() - timedelta(hours=1))
        continue_stalled_sending()
        issue.refresh_from_db()
        assert issue.status == IssueStatus.SENT


class TestWritingIssues:
    def test_it_gives_each_issue_its_own_slug(self, moderator):
        first = services.create_issue(title="March update!", body="Hello", by=moderator)
        second = services.create_issue(title="March update", body="Hello", by=moderator)
        assert (first.slug, second.slug) == ("march-update", "march-update-2")
        assert AuditEvent.objects.filter(action="newsletter.issue.created").count() == 2

    def test_it_refuses_to_change_an_issue_once_sending_starts(self, moderator):
        issue = IssueFactory(sending=True, title="Before")
        with pytest.raises(TransitionRefused, match="You can only change a draft"):
            services.edit_issue(issue, title="After", body="New", by=moderator)
        issue.refresh_from_db()
        assert issue.title == "Before"


class TestSubscribers:
    def test_the_database_refuses_two_subscribers_with_one_address(self):
        SubscriberFactory(email="one@example.com")
        with pytest.raises(IntegrityError), transaction.atomic():
            SubscriberFactory(email="one@example.com")

    def test_the_database_refuses_an_address_on_an_erased_subscriber(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            SubscriberFactory(erased=True, email="kept@example.com")

    def test_the_database_refuses_a_confirmed_subscriber_without_consent(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            SubscriberFactory(consented_at=None)

    def test_many_erased_subscribers_may_exist(self):
        SubscriberFactory.create_batch(3, erased=True)
        assert Subscriber.objects.filter(status=SubscriberStatus.ERASED).count() == 3

    def test_subscribing_rolls_back_whole_if_the_email_cannot_be_written(self, monkeypatch):
        def broken(*args, **kwargs):
            raise RuntimeError("outbox unavailable")

        monkeypatch.setattr(services, "send_email", broken)
        with pytest.raises(RuntimeError):
            services.subscribe("someone@example.com", ["fund"])
        assert not Subscriber.objects.exists()
        assert not AuditEvent.objects.exists()

    def test_a_moderator_may_erase_someones_data_on_request(self, moderator):
        subscriber = SubscriberFactory()
        services.erase(subscriber, by=moderator)
        assert AuditEvent.objects.get(action="newsletter.subscriber.erased").actor == moderator

    def test_erasure_removes_the_address_from_the_email_outbox_too(self):
        subscriber = SubscriberFactory(email="leaving@example.com")
        send_email("leaving@example.com", "membership_approved", {"organisation": {"name": "Testshire Council"}})

        services.erase(subscriber)

        assert not OutboundEmail.objects.filter(to="leaving@example.com").exists()

    def test_a_member_of_the_public_signed_in_may_not_erase_someone_elses_data(self, member):
        with pytest.raises(TransitionRefused, match="permission"):
            services.erase(SubscriberFactory(), by=member)


class TestUnconfirmedRequests:
    def test_it_erases_requests_nobody_confirmed(self):
        old = SubscriberFactory(pending=True, email="typo@example.com")
        ConfirmationLinkFactory(subscriber=old, expired=True)
        Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
        ConfirmationLink.objects.update(created_at=timezone.now() - timedelta(days=40))
        recent = SubscriberFactory(pending=True)
        asked_again = SubscriberFactory(pending=True)
        Subscriber.objects.filter(pk=asked_again.pk).update(created_at=timezone.now() - timedelta(days=40))
        ConfirmationLinkFactory(subscriber=asked_again)
        confirmed = SubscriberFactory()
        Subscriber.objects.filter(pk=confirmed.pk).update(created_at=timezone.now() - timedelta(days=40))
        assert services.erase_unconfirmed(older_than=timedelta(days=30)) == 1
        statuses = dict(Subscriber.objects.values_list("pk", "status"))
        assert statuses[old.pk] == SubscriberStatus.ERASED
        assert statuses[recent.pk] == statuses[asked_again.pk] == SubscriberStatus.PENDING
        assert statuses[confirmed.pk] == SubscriberStatus.CONFIRMED
        assert AuditEvent.objects.get(action="newsletter.subscriber.erased").reason == "Never confirmed"
        assert not ConfirmationLink.objects.filter(subscriber=old).exists()

    def test_a_daily_job_erases_them(self):
        from newsletter.jobs import erase_unconfirmed_subscribers

        stale = SubscriberFactory(pending=True)
        Subscriber.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=31))
        erase_unconfirmed_subscribers()
        stale.refresh_from_db()
        assert stale.status == SubscriberStatus.ERASED
