"""Writing guides: starting one, saving a revision, reverting to an earlier one, uploading an
image, and staff's decisions (protect a page, hide a revision, block someone from editing).
Views and any other caller go through these, so the rules on who may edit hold everywhere.

Nobody's work is silently lost: a save names the revision its editor started from, and if
the guide has moved on since, nothing is saved (EditConflict) and the editor merges the two.
"""

import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from accounts.models import Role
from accounts.workflow import MembershipStatus
from core import audit
from core.db import retried_while_sqlite_is_busy
from core.workflow import TransitionRefused
from events.models import Topic
from guides import watching
from guides.markdown import linked_guides
from guides.models import Category, EditingBlock, Guide, GuideImage, GuideLink, PublicName, Revision
from guides.uploads import CheckedImage
from organisations.models import Organisation
from tender.suppliers import PUBLIC_SECTOR_TYPES

# Why someone may not edit, as `may_edit` says it.
NOT_SIGNED_IN = "Sign in to edit guides"
SUPPLIER = "Guides are written by people who work in the public sector, so supplier accounts cannot edit them"
BLOCKED = "You cannot edit guides because the Local Digital team has stopped you from editing"
NO_MEMBERSHIP = "Join your organisation on this service to edit guides"
PROTECTED = "This guide is protected: only the Local Digital team can change it"

CONFLICT = "Someone changed this guide since you started"
NOT_STAFF = "You do not have permission to do this"
# Addresses under /guides/ that are pages of their own, never a guide's.
RESERVED_SLUGS = frozenset({"new", "images", "recent-changes", "category", "your-name", "unsubscribe", "manage"})
SLUG_ATTEMPTS = 50
TITLE_LENGTH = 150
BODY_LENGTH = 100_000
SUMMARY_LENGTH = 200


class EditConflict(TransitionRefused):
    """The guide's current revision is not the one the editor started from. `current` is the
    revision they need to merge their text with."""

    def __init__(self, current: Revision | None):
        super().__init__(CONFLICT)
        self.current = current


@dataclass
class GuideText:
    """What an editor writes: the guide's text and what it is filed under."""

    title: str
    body: str
    summary: str
    category: str
    topics: list[Topic] = field(default_factory=list)
    # The organisation they write for, if they work for several; else their only one.
    organisation: Organisation | None = None

    def cleaned(self) -> "GuideText":
        return GuideText(
            title=" ".join(self.title.split()),
            # Browsers send a textarea's lines ending \r\n; stored as \n so revisions compare.
            body=self.body.replace("\r\n", "\n").strip(),
            summary=" ".join(self.summary.split()),
            category=self.category,
            topics=list(self.topics),
            organisation=self.organisation,
        )


# Who may edit -------------------------------------------------------------------------------


def may_edit(user, guide: Guide | None = None) -> str:
    """Why `user` may not edit `guide` (or start a guide, without one); "" if they may."""
    if user is None or not user.is_authenticated:
        return NOT_SIGNED_IN
    if user.is_supplier_account:
        return SUPPLIER
    if EditingBlock.objects.filter(user=user).exists():
        return BLOCKED
    staff = _is_staff(user)
    if not staff and not editing_organisations(user):
        return NO_MEMBERSHIP
    if guide is not None and guide.is_protected and not staff:
        return PROTECTED
    return ""


def editing_organisations(user) -> list[Organisation]:
    """The current public-sector organisations `user` is an approved member of: those they
    may write guides for."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        Organisation.objects.current()
        .filter(
            memberships__user=user,
            memberships__status=MembershipStatus.APPROVED,
            organisation_type__in=PUBLIC_SECTOR_TYPES,
        )
        .order_by("name")
    )


# Reads the editing pages need ---------------------------------------------------------------


def public_name(user) -> str:
    """The name `user` chose to show with their edits; "" if none."""
    return PublicName.objects.filter(user=user).values_list("name", flat=True).first() or ""


def guide_to_edit(slug: str) -> Guide:
    return get_object_or_404(Guide.objects.select_related("current_revision").prefetch_related("topics"), slug=slug)


def guide_titled(title: str) -> Guide | None:
    """The guide called `title`, whatever its capitals and spacing."""
    return Guide.objects.filter(title__iexact=" ".join(title.split())).first()


def revision_to_revert_to(guide: Guide, number: int) -> Revision:
    """A visible revision of `guide`: a hidden one is never brought back by a member."""
    return get_object_or_404(
        Revision.objects.select_related("author_organisation"), guide=guide, number=number, is_hidden=False
    )


def revisions_since(guide: Guide, revision_id: int | None) -> QuerySet[Revision]:
    """The visible revisions saved after the one with id `revision_id`: what an editor who
    started from it has not seen. Never more than a page of them."""
    started = Revision.objects.filter(pk=revision_id, guide=guide).values_list("number", flat=True).first() or 0
    revisions = guide.revisions.filter(is_hidden=False, number__gt=started).select_related("author_organisation")
    return revisions.defer("body").order_by("-number")[:20]


def image_to_show(pk: int) -> GuideImage:
    return get_object_or_404(GuideImage, pk=pk)


def image_uploaded_by(user, pk: int) -> GuideImage:
    """An image `user` uploaded; anyone else's is not found."""
    return get_object_or_404(GuideImage, pk=pk, uploaded_by=user)


# Writing guides -----------------------------------------------------------------------------


@retried_while_sqlite_is_busy
def create_guide(*, by, text: GuideText) -> Guide:
    """Start a guide with its first revision."""
    text = text.cleaned()
    _refuse_unless_may_edit(by)
    _refuse_bad_text(text)
    organisation = _author_organisation(by, text.organisation)
    try:
        with transaction.atomic():
            _refuse_taken_title(text.title)
            guide = _save_with_free_slug(
                text.title,
                lambda slug: Guide.objects.create(title=text.title, slug=slug, category=text.category),
            )
            guide.topics.set(text.topics)
            _add_revision(guide, by=by, text=text, organisation=organisation)
            audit.record(guide, "guides.guide_created", by=by, changes={"title": (None, guide.title)})
            # Guides that already linked to this title (a link to a guide not written yet) now reach it.
            _rebuild_links_mentioning(guide.title)
    except IntegrityError:
        # Someone else started a guide with this title at the same moment.
        _refuse_taken_title(text.title)
        raise
    return guide


@retried_while_sqlite_is_busy
def save_revision(guide: Guide, *, by, text: GuideText, based_on: int | None) -> Revision:
    """Save `by`'s text as the guide's new current revision. `based_on` is the id of the
    revision they started from: if the guide has moved on since, nothing is saved and
    EditConflict says what it is now."""
    text = text.cleaned()
    _refuse_bad_text(text)
    try:
        with transaction.atomic():
            # The lock makes a second save from the same revision wait here, then conflict.
            locked = Guide.objects.select_for_update().get(pk=guide.pk)
            _refuse_unless_may_edit(by, locked)
            organisation = _author_organisation(by, text.organisation)
            if locked.current_revision_id != based_on:
                raise EditConflict(locked.current_revision)
            _refuse_taken_title(text.title, besides=locked)
            before = _filed_under(locked)
            if before == (text.title, text.body, text.category, sorted(topic.pk for topic in text.topics)):
                raise TransitionRefused("You have not changed the guide. Make a change before you save it")
            locked.category = text.category
            locked.topics.set(text.topics)
            # The address stays when the title changes, so links people shared keep working.
            revision = _add_revision(locked, by=by, text=text, organisation=organisation, based_on=based_on)
            after = _filed_under(locked)
            changes = {
                name: (old, new)
                for name, old, new in zip(("title", "body", "category", "topics"), before, after, strict=True)
                if old != new and name != "body"
            }
            changes["current_revision"] = (revision.number - 1, revision.number)
            audit.record(locked, "guides.guide_edited", by=by, changes=changes, reason=text.summary)
            if "title" in changes:
                _rebuild_links_mentioning(before[0], text.title)
            watching.notify_watchers(revision)
    except IntegrityError:
        _refuse_taken_title(text.title, besides=guide)
        raise
    return revision


@retried_while_sqlite_is_busy
def revert(
    guide: Guide, number: int, *, by, based_on: int | None, organisation: Organisation | None = None
) -> Revision:
    """Make a new revision with the text of revision `number`. Like a save, it is refused with
    EditConflict if the guide changed after `by` saw it."""
    with transaction.atomic():
        locked = Guide.objects.select_for_update().get(pk=guide.pk)
        _refuse_unless_may_edit(by, locked)
        organisation = _author_organisation(by, organisation)
        if locked.current_revision_id != based_on:
            raise EditConflict(locked.current_revision)
        earlier = locked.revisions.filter(number=number, is_hidden=False).first()
        if earlier is None:
            raise TransitionRefused(f"There is no revision {number} of this guide to revert to")
        if earlier.pk == locked.current_revision_id:
            raise TransitionRefused(f"The guide already shows revision {number}")
        if Guide.objects.filter(title__iexact=earlier.title).exclude(pk=locked.pk).exists():
            raise TransitionRefused(
                f"Another guide is now called “{earlier.title}”. Edit this guide and copy the text you need instead"
            )
        old_title = locked.title
        text = GuideText(earlier.title, earlier.body, f"Reverted to revision {number}", locked.category)
        revision = _add_revision(
            locked, by=by, text=text, organisation=organisation, based_on=based_on, reverts=earlier
        )
        audit.record(
            locked,
            "guides.guide_reverted",
            by=by,
            changes={"current_revision": (revision.number - 1, revision.number)},
            reason=text.summary,
        )
        if old_title != locked.title:
            _rebuild_links_mentioning(old_title, locked.title)
        watching.notify_watchers(revision)
    return revision


def add_image(*, by, image: CheckedImage, alt_text: str) -> GuideImage:
    """Store an image for guides under a random name. If the record cannot be saved, the file
    is removed again."""
    _refuse_unless_may_edit(by)
    alt_text = " ".join(alt_text.split())
    if not alt_text:
        raise TransitionRefused("Enter alt text that describes the image", field="alt_text")
    record = GuideImage(content_type=image.kind.content_type, size=image.size, alt_text=alt_text, uploaded_by=by)
    record.file.save(f"{uuid.uuid4().hex}{image.kind.extension}", image.file, save=False)
    try:
        with transaction.atomic():
            record.save()
            audit.record(record, "guides.image_uploaded", by=by, changes={"content_type": (None, record.content_type)})
    except Exception:
        record.file.delete(save=False)
        raise
    return record


def rebuild_links(guide: Guide) -> None:
    """Make the guide's GuideLinks match the `[[Title]]` links in its current text."""
    body = guide.current_revision.body if guide.current_revision_id else ""
    targets = {target.pk for target in linked_guides(body) if target.pk != guide.pk}
    GuideLink.objects.filter(from_guide=guide).exclude(to_guide_id__in=targets).delete()
    existing = set(GuideLink.objects.filter(from_guide=guide).values_list("to_guide_id", flat=True))
    GuideLink.objects.bulk_create(
        [GuideLink(from_guide=guide, to_guide_id=target) for target in sorted(targets - existing)]
    )


# Staff --------------------------------------------------------------------------------------


def protect(guide: Guide, *, by, reason: str = "") -> Guide:
    """Only staff may edit the guide from now on."""
    return _set_protection(guide, True, by=by, reason=reason)


def unprotect(guide: Guide, *, by, reason: str = "") -> Guide:
    return _set_protection(guide, False, by=by, reason=reason)


@retried_while_sqlite_is_busy
def hide_revision(revision: Revision, *, by, reason: str) -> Revision:
    """Take a revision out of the public history. It stays in the database and the audit
    trail. If it was the guide's current revision, the newest visible one before it becomes
    the current one (so editors who started from the hidden one are asked to merge)."""
    _refuse_unless_staff(by)
    reason = reason.strip()
    if not reason:
        raise TransitionRefused("Enter why you are hiding the revision", field="reason")
    with transaction.atomic():
        guide = Guide.objects.select_for_update().get(pk=revision.guide_id)
        locked = Revision.objects.get(pk=revision.pk)
        if locked.is_hidden:
            raise TransitionRefused(f"Revision {locked.number} is already hidden")
        newest_other = guide.revisions.filter(is_hidden=False).exclude(pk=locked.pk).order_by("-number").first()
        if newest_other is None:
            raise TransitionRefused("This is the guide’s only visible revision, so it cannot be hidden")
        locked.is_hidden, locked.hidden_reason = True, reason
        locked.save(update_fields=["is_hidden", "hidden_reason"])
        changes = {"is_hidden": (False, True)}
        if guide.current_revision_id == locked.pk:
            old_title = guide.title
            _make_current(guide, newest_other)
            changes["current_revision"] = (locked.number, newest_other.number)
            if old_title != guide.title:
                _rebuild_links_mentioning(old_title, guide.title)
        audit.record(locked, "guides.revision_hidden", by=by, changes=changes, reason=reason)
    return locked


def block(user, *, by, reason: str) -> EditingBlock:
    """Stop `user` editing guides and writing on talk pages, through any route."""
    _refuse_unless_staff(by)
    reason = reason.strip()
    if not reason:
        raise TransitionRefused("Enter why you are blocking them", field="reason")
    if _is_staff(user):
        raise TransitionRefused("Programme staff cannot be blocked from editing")
    try:
        with transaction.atomic():
            editing_block = EditingBlock.objects.create(user=user, reason=reason, blocked_by=by)
            audit.record(user, "guides.editor_blocked", by=by, reason=reason)
    except IntegrityError:
        raise TransitionRefused("They are already blocked from editing") from None
    return editing_block


def unblock(user, *, by, reason: str = "") -> None:
    _refuse_unless_staff(by)
    with transaction.atomic():
        removed, _ = EditingBlock.objects.filter(user=user).delete()
        if not removed:
            raise TransitionRefused("They are not blocked from editing")
        audit.record(user, "guides.editor_unblocked", by=by, reason=reason)


# Helpers ------------------------------------------------------------------------------------


def _set_protection(guide: Guide, protected: bool, *, by, reason: str) -> Guide:
    _refuse_unless_staff(by)
    with transaction.atomic():
        locked = Guide.objects.select_for_update().get(pk=guide.pk)
        if locked.is_protected == protected:
            raise TransitionRefused("This guide is already protected" if protected else "This guide is not protected")
        locked.is_protected = protected
        locked.save(update_fields=["is_protected", "updated_at"])
        action = "guides.guide_protected" if protected else "guides.guide_unprotected"
        audit.record(locked, action, by=by, changes={"is_protected": (not protected, protected)}, reason=reason)
    return locked


def _is_staff(user) -> bool:
    return user.is_authenticated and user.has_role(Role.MODERATOR) and not user.is_supplier_account


def _refuse_unless_may_edit(by, guide: Guide | None = None) -> None:
    reason = may_edit(by, guide)
    if reason:
        raise TransitionRefused(reason)


def _refuse_unless_staff(by) -> None:
    if by is None or not _is_staff(by):
        raise TransitionRefused(NOT_STAFF)


def _refuse_bad_text(text: GuideText) -> None:
    """The form says all this first; services repeat it for every other caller."""
    limits = (
        ("title", text.title, "Enter the guide’s title", TITLE_LENGTH, "The title"),
        ("body", text.body, "Enter the guide’s text", BODY_LENGTH, "The guide’s text"),
        ("summary", text.summary, "Enter a summary of your changes", SUMMARY_LENGTH, "The summary"),
    )
    for name, value, missing, length, noun in limits:
        if not value:
            raise TransitionRefused(missing, field=name)
        if len(value) > length:
            raise TransitionRefused(f"{noun} must be {length:,} characters or fewer", field=name)
    if "[" in text.title or "]" in text.title:
        raise TransitionRefused("The title must not contain square brackets", field="title")
    if text.category not in Category.values:
        raise TransitionRefused("Select the guide’s category", field="category")


def _refuse_taken_title(title: str, *, besides: Guide | None = None) -> None:
    others = Guide.objects.filter(title__iexact=title)
    if besides is not None:
        others = others.exclude(pk=besides.pk)
    taken = others.values_list("title", flat=True).first()
    if taken is not None:
        raise TransitionRefused(f"There is already a guide called “{taken}”. Choose a different title", field="title")


def _author_organisation(by, chosen: Organisation | None) -> Organisation | None:
    """The organisation the revision is shown under: the one chosen, which must be one of
    theirs, else their only (or first) one. Programme staff may have none."""
    organisations = editing_organisations(by)
    if chosen is None:
        return organisations[0] if organisations else None
    if chosen not in organisations:
        raise TransitionRefused("Select an organisation you work for", field="organisation")
    return chosen


def _add_revision(
    guide: Guide,
    *,
    by,
    text: GuideText,
    organisation: Organisation | None,
    based_on: int | None = None,
    reverts: Revision | None = None,
) -> Revision:
    # Hidden revisions keep their numbers, so the next number follows the highest of all.
    highest = Revision.objects.filter(guide=guide).aggregate(highest=Max("number"))["highest"] or 0
    revision = Revision.objects.create(
        guide=guide,
        number=highest + 1,
        title=text.title,
        body=text.body,
        summary=text.summary,
        based_on_id=based_on,
        reverts=reverts,
        author=by,
        author_organisation=organisation,
        author_display_name=public_name(by),
    )
    _make_current(guide, revision)
    return revision


def _make_current(guide: Guide, revision: Revision) -> None:
    """Show `revision` as the guide: its text, its title (unless another guide has taken that
    title since) and its links."""
    guide.current_revision = revision
    if not Guide.objects.filter(title__iexact=revision.title).exclude(pk=guide.pk).exists():
        guide.title = revision.title
    guide.save(update_fields=["current_revision", "title", "category", "updated_at"])
    rebuild_links(guide)


def _filed_under(guide: Guide) -> tuple[str, str, str, list[int]]:
    body = guide.current_revision.body if guide.current_revision_id else ""
    return guide.title, body, guide.category, sorted(guide.topics.values_list("pk", flat=True))


def _rebuild_links_mentioning(*titles: str) -> None:
    """Rebuild the links of every guide whose text links to one of `titles`: a guide by that
    title has just appeared, or has just been renamed away."""
    for title in titles:
        for guide in Guide.objects.filter(current_revision__body__icontains=f"[[{title}]]").select_related(
            "current_revision"
        ):
            rebuild_links(guide)


def _save_with_free_slug(title: str, save) -> Guide:
    """Save with the first free address made from `title`: "bins", "bins-2", …"""
    base = slugify(title)[:TITLE_LENGTH] or "guide"
    for number in range(1, SLUG_ATTEMPTS + 1):
        slug = base if number == 1 else f"{base}-{number}"
        if slug in RESERVED_SLUGS:
            continue
        try:
            # A savepoint, so a clash leaves the caller's transaction usable.
            with transaction.atomic():
                return save(slug)
        except IntegrityError:
            if not Guide.objects.filter(slug=slug).exists():
                raise
    raise TransitionRefused("There are too many guides with a title like this. Choose a different title", field="title")
