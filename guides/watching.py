"""Watching a guide: a signed-in person asks to be emailed when the guide changes, and every
email's link stops it in one click.

Each watch has its own unguessable key, made with core.tokens and stored hashed; the link
carries that key signed with the site's secret for this one purpose (as tender.alerts does).
So a link can do nothing but stop its own watch, a copy of the database alone cannot make one,
and watching again after stopping gets a new key that old links do not match.

Starting and stopping are recorded against the guide: a watch's own name would put the
person's name in the audit trail.
"""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.http import urlencode

from core import audit
from core.email import send_email
from core.tokens import LinkRefused, hash_token, new_token
from guides.models import Guide, Revision, Watch

UNSUBSCRIBE_SALT = "guides.watching.unsubscribe"


# Reading ------------------------------------------------------------------------------------


def is_watching(user, guide: Guide) -> bool:
    return user.is_authenticated and Watch.objects.filter(guide=guide, user=user).exists()


def watch_for_link(token: str) -> Watch | None:
    """The watch an unsubscribe link belongs to, or None if it has gone (stopped already).
    Raises LinkRefused("invalid") for a link we never made."""
    try:
        key = _signer().unsign(token)
    except signing.BadSignature:
        raise LinkRefused("invalid") from None
    return Watch.objects.filter(unsubscribe_token_hash=key).select_related("guide").first()


def unsubscribe_url(watch: Watch) -> str:
    token = _signer().sign(watch.unsubscribe_token_hash)
    return settings.SITE_URL + reverse("guides:unsubscribe", args=[token])


# Writing ------------------------------------------------------------------------------------


def watch(guide: Guide, *, by) -> Watch:
    """Email `by` whenever `guide` changes. Watching twice changes nothing."""
    existing = Watch.objects.filter(guide=guide, user=by).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            created = Watch.objects.create(guide=guide, user=by, unsubscribe_token_hash=hash_token(new_token()))
            audit.record(guide, "guides.watch_started", by=by)
    except IntegrityError:
        # A double click: the other request made the watch first.
        return Watch.objects.get(guide=guide, user=by)
    return created


def unwatch(guide: Guide, *, by) -> None:
    """Stop emailing `by` about `guide`. Nothing happens if they were not watching it."""
    watch = Watch.objects.filter(guide=guide, user=by).first()
    if watch is not None:
        stop(watch, by=by)


def stop(watch: Watch, *, by=None, reason: str = "") -> None:
    """Remove the watch. Nothing happens if it has gone already: a second click, or a mail
    client trying again."""
    with transaction.atomic():
        locked = Watch.objects.select_for_update().filter(pk=watch.pk).select_related("guide").first()
        if locked is None:
            return
        audit.record(locked.guide, "guides.watch_stopped", by=by, reason=reason)
        locked.delete()


def notify_watchers(revision: Revision) -> int:
    """Queue one email about `revision` to each person watching its guide, except the person
    who made it. Called in the transaction that saves the revision, so a save that rolls back
    emails nobody; a revision is announced to a person once, however often this runs.
    Returns how many emails were queued."""
    if revision.is_hidden:
        return 0
    guide = revision.guide
    watches = (
        Watch.objects.filter(guide=guide, user__is_active=True)
        .exclude(user_id=revision.author_id)
        .select_related("user")
        .order_by("pk")
    )
    guide_url = settings.SITE_URL + guide.get_absolute_url()
    context = {
        "guide_title": guide.title,
        "organisation": revision.author_organisation.name if revision.author_organisation else "",
        "display_name": revision.author_display_name,
        "summary": revision.summary,
        "guide_url": guide_url,
        "compare_url": _compare_url(revision),
    }
    queued = 0
    for each in watches:
        link = unsubscribe_url(each)
        message = send_email(
            each.user.email,
            "guide_changed",
            {**context, "unsubscribe_url": link},
            unsubscribe_url=link,
            dedupe_key=f"guides.changed.{revision.pk}.{each.user_id}",
        )
        queued += message is not None
    return queued


# Helpers ----------------------------------------------------------------------------------


def _compare_url(revision: Revision) -> str:
    """The changes this revision made: a diff from the newest visible revision before it, or
    "" for a guide's first revision."""
    earlier = (
        Revision.objects.filter(guide_id=revision.guide_id, number__lt=revision.number, is_hidden=False)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    if earlier is None:
        return ""
    query = urlencode({"from": earlier, "to": revision.number})
    return f"{settings.SITE_URL}{reverse('guides:compare', args=[revision.guide.slug])}?{query}"


def _signer() -> signing.Signer:
    return signing.Signer(salt=UNSUBSCRIBE_SALT)
