"""Topic alerts: a person at a listed supplier follows topics, and is emailed once about each
need on one of those topics when it is published.

Every alert email carries a one-click unsubscribe link (RFC 8058). Each alert has its own
unguessable key, made with core.tokens and stored hashed; the link carries that key signed
with the site's secret for this one purpose. So the link in every email keeps working, it can
do nothing but unsubscribe, a copy of the database alone cannot make one, and following again
after unsubscribing gets a new key that old links do not match. Unsubscribing removes the alert.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse

from accounts.models import User
from core import audit
from core.email import send_email
from core.tokens import LinkRefused, hash_token, new_token
from core.workflow import TransitionRefused
from events.models import Topic
from tender.models import Need, Supplier, TopicAlert
from tender.workflow import NeedStatus, SupplierStatus

UNSUBSCRIBE_SALT = "tender.alerts.unsubscribe"


# Reading ------------------------------------------------------------------------------------


def may_follow(user) -> bool:
    """Alerts are for people who work at a listed supplier."""
    return user.is_authenticated and Supplier.objects.filter(members=user, status=SupplierStatus.LISTED).exists()


def alert_of(user) -> TopicAlert | None:
    return TopicAlert.objects.filter(user=user).prefetch_related("topics").first()


def alert_for_link(token: str) -> TopicAlert | None:
    """The alert an unsubscribe link belongs to, or None if it has gone (its person has
    unsubscribed already). Raises LinkRefused("invalid") for a link we never made."""
    try:
        key = _signer().unsign(token)
    except signing.BadSignature:
        raise LinkRefused("invalid") from None
    return TopicAlert.objects.filter(unsubscribe_token_hash=key).first()


def unsubscribe_url(alert: TopicAlert) -> str:
    token = _signer().sign(alert.unsubscribe_token_hash)
    return settings.SITE_URL + reverse("tender:alert_unsubscribe", args=[token])


# Writing ------------------------------------------------------------------------------------


def follow(user: User, topics: Iterable[Topic]) -> TopicAlert:
    """Start or change `user`'s alert: they hear of needs on these topics from now on."""
    topics = list(topics)
    if not topics:
        raise TransitionRefused("Select the topics you want to hear about", field="topics")
    with transaction.atomic():
        if not may_follow(user):
            raise TransitionRefused("Only people who work at a supplier listed on the Tender can follow topics")
        alert, created = TopicAlert.objects.select_for_update().get_or_create(
            user=user, defaults={"unsubscribe_token_hash": hash_token(new_token())}
        )
        before = [] if created else _slugs(alert.topics.all())
        alert.topics.set(topics)
        alert.save(update_fields=["updated_at"])
        audit.record(
            alert,
            "tender.alert_started" if created else "tender.alert_changed",
            by=user,
            changes={"topics": (before, _slugs(topics))},
        )
    return alert


def stop(alert: TopicAlert, *, by=None, reason: str = "") -> None:
    """Remove the alert. Nothing happens if it has gone already: a second click, or a mail
    client trying again."""
    with transaction.atomic():
        locked = TopicAlert.objects.select_for_update().filter(pk=alert.pk).first()
        if locked is None:
            return
        before = _slugs(locked.topics.all())
        audit.record(locked, "tender.alert_stopped", by=by, changes={"topics": (before, [])}, reason=reason)
        locked.delete()


def announce(need: Need) -> int:
    """Queue one email to each person following one of the published need's topics who still
    works at a listed supplier. A need is announced to a person once, however often this runs.
    Called in the transaction that publishes the need. Returns how many emails were queued."""
    if need.status != NeedStatus.PUBLISHED:
        return 0
    topic_ids = list(need.topics.values_list("pk", flat=True))
    followers = (
        TopicAlert.objects.filter(
            topics__in=topic_ids, user__is_active=True, user__suppliers__status=SupplierStatus.LISTED
        )
        .distinct()
        .select_related("user")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.filter(pk__in=topic_ids), to_attr="matching"))
        .order_by("pk")
    )
    context = {
        "need": need,
        "organisation": need.organisation.name,
        "need_url": settings.SITE_URL + need.get_absolute_url(),
        "alerts_url": settings.SITE_URL + reverse("tender:alerts"),
    }
    queued = 0
    for alert in followers:
        link = unsubscribe_url(alert)
        message = send_email(
            alert.user.email,
            "tender_alert",
            {**context, "topics": [topic.name for topic in alert.matching], "unsubscribe_url": link},
            unsubscribe_url=link,
            dedupe_key=f"tender.alert.{need.pk}.{alert.user_id}",
        )
        queued += message is not None
    return queued


# Helpers ----------------------------------------------------------------------------------


def _signer() -> signing.Signer:
    return signing.Signer(salt=UNSUBSCRIBE_SALT)


def _slugs(topics: Iterable[Topic]) -> list[str]:
    return sorted(topic.slug for topic in topics)
