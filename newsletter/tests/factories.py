from datetime import timedelta

import factory
from django.utils import timezone

from core.tokens import hash_token
from newsletter.consent import CONSENT
from newsletter.models import ConfirmationLink, Delivery, Issue, ManageLink, Subscriber, SubscriberTopic, Topic
from newsletter.workflow import IssueStatus, SubscriberStatus


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber to every topic. Pass `topics=[...]` to choose theirs."""

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"subscriber{n}@example.com")
    status = SubscriberStatus.CONFIRMED
    consent_wording = CONSENT.wording
    consent_version = CONSENT.version
    consented_at = factory.LazyFunction(timezone.now)

    class Params:
        pending = factory.Trait(
            status=SubscriberStatus.PENDING, consent_wording="", consent_version="", consented_at=None
        )
        unsubscribed = factory.Trait(
            status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=factory.LazyFunction(timezone.now)
        )
        erased = factory.Trait(
            status=SubscriberStatus.ERASED,
            email="",
            consent_wording="",
            consent_version="",
            consented_at=None,
            erased_at=factory.LazyFunction(timezone.now),
        )

    @factory.post_generation
    def topics(subscriber, create, extracted, **kwargs):
        if not create or subscriber.status == SubscriberStatus.ERASED:
            return
        codes = Topic.values if extracted is None else extracted
        SubscriberTopic.objects.bulk_create([SubscriberTopic(subscriber=subscriber, topic=code) for code in codes])


class ManageLinkFactory(factory.django.DjangoModelFactory):
    """Pass `token` to know the link's token; only its hash is stored."""

    class Meta:
        model = ManageLink
        exclude = ["token"]

    token = factory.Sequence(lambda n: f"manage-token-{n}")
    subscriber = factory.SubFactory(SubscriberFactory)
    token_hash = factory.LazyAttribute(lambda link: hash_token(link.token))


class ConfirmationLinkFactory(factory.django.DjangoModelFactory):
    """Pass `token` to know the link's token; only its hash is stored."""

    class Meta:
        model = ConfirmationLink
        exclude = ["token"]

    token = factory.Sequence(lambda n: f"confirm-token-{n}")
    subscriber = factory.SubFactory(SubscriberFactory, pending=True, topics=[])
    token_hash = factory.LazyAttribute(lambda link: hash_token(link.token))
    topics = factory.LazyFunction(lambda: [Topic.FUND])
    consent_wording = CONSENT.wording
    consent_version = CONSENT.version
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    class Params:
        expired = factory.Trait(expires_at=factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1)))
        used = factory.Trait(used_at=factory.LazyFunction(timezone.now))


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    title = factory.Sequence(lambda n: f"Local Digital update {n}")
    slug = factory.Sequence(lambda n: f"local-digital-update-{n}")
    body = "## What is new\n\nThe fund opens in **March**.\n\n- Apply early\n- Tell your colleagues"
    status = IssueStatus.DRAFT

    class Params:
        sending = factory.Trait(
            status=IssueStatus.SENDING,
            topics=factory.LazyFunction(lambda: list(Topic.values)),
            sending_started_at=factory.LazyFunction(timezone.now),
            progress_at=factory.LazyFunction(timezone.now),
        )
        paused = factory.Trait(
            status=IssueStatus.PAUSED,
            topics=factory.LazyFunction(lambda: list(Topic.values)),
            sending_started_at=factory.LazyFunction(timezone.now),
            progress_at=factory.LazyFunction(timezone.now),
        )
        sent = factory.Trait(
            status=IssueStatus.SENT,
            topics=factory.LazyFunction(lambda: list(Topic.values)),
            sending_started_at=factory.LazyFunction(timezone.now),
            sent_at=factory.LazyFunction(timezone.now),
        )


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    issue = factory.SubFactory(IssueFactory, sent=True)
    subscriber = factory.SubFactory(SubscriberFactory)
