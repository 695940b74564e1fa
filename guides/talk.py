"""Talk pages and public names: people who may edit a guide discuss it on its talk page, and
each person chooses whether a name is shown with what they write there and in the guide's
history. Without one, only their organisation is shown; their full name and email never are.

Also the reads behind staff's moderation pages: every guide, every revision and message
(hidden ones too) and everyone blocked. Staff's decisions are made in guides.services, except
hiding a message, which is here."""

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404

from accounts.models import User
from core import audit
from core.workflow import TransitionRefused
from guides import queries, services
from guides.models import Comment, EditingBlock, Guide, PublicName, Revision
from organisations.models import Organisation

PAGE_SIZE = 50
STAFF_PAGE_SIZE = 50


# Reading ------------------------------------------------------------------------------------


def guide_for_talk(slug: str) -> Guide:
    """A guide whose page the public may read: one whose every revision is hidden has no page,
    and so no talk page."""
    return get_object_or_404(queries.published_guides(), slug=slug)


def public_author(comment: Comment) -> str:
    """Who wrote `comment`, as the public sees it: as a revision's author is shown."""
    organisation = comment.author_organisation.name if comment.author_organisation else queries.PROGRAMME_TEAM
    return f"{comment.author_display_name}, {organisation}" if comment.author_display_name else organisation


def messages_page(guide: Guide, number) -> Page:
    """The talk page's messages anyone may read, oldest first: a conversation reads downwards."""
    messages = guide.comments.filter(is_hidden=False).select_related("author_organisation").order_by("created_at", "pk")
    page = Paginator(messages, PAGE_SIZE).get_page(number)
    page.object_list = list(page.object_list)
    for comment in page.object_list:
        comment.public_author = public_author(comment)
    return page


def page_number_of(comment: Comment) -> int:
    """The page of the talk page `comment` is on."""
    earlier = Comment.objects.filter(guide_id=comment.guide_id, is_hidden=False).filter(
        Q(created_at__lt=comment.created_at) | Q(created_at=comment.created_at, pk__lt=comment.pk)
    )
    return earlier.count() // PAGE_SIZE + 1


def may_talk(user) -> str:
    """Why `user` may not write on talk pages, "" if they may: anyone who may edit guides.
    A protected guide's talk page stays open to them, as the place to suggest changes."""
    return services.may_edit(user)


def public_name_of(user) -> str:
    return PublicName.objects.filter(user=user).values_list("name", flat=True).first() or ""


def organisation_of(user) -> Organisation | None:
    """The organisation shown with a message: the one `user` writes guides for (the first by
    name if they work for several). Programme staff may have none."""
    organisations = services.editing_organisations(user)
    return organisations[0] if organisations else None


# What staff moderate ------------------------------------------------------------------------


def guides_for_staff(number) -> Page:
    """Every guide by title, those whose every revision is hidden included, with when each
    last changed and how many revisions it has."""
    guides = (
        Guide.objects.select_related("current_revision")
        .defer("current_revision__body")
        .annotate(revision_count=Count("revisions"))
        .order_by(Lower("title"), "pk")
    )
    return Paginator(guides, STAFF_PAGE_SIZE).get_page(number)


def guide_for_staff(slug: str) -> Guide:
    return get_object_or_404(Guide, slug=slug)


def revisions_for_staff(guide: Guide, number) -> Page:
    """Every revision of the guide, hidden ones included, newest first, with who saved each."""
    revisions = guide.revisions.select_related("author", "author_organisation").defer("body").order_by("-number")
    return Paginator(revisions, STAFF_PAGE_SIZE).get_page(number)


def revision_for_staff(guide: Guide, number: int) -> Revision:
    revisions = Revision.objects.select_related("author", "author_organisation")
    return get_object_or_404(revisions, guide=guide, number=number)


def blocks_page(number) -> Page:
    """Everyone blocked from editing, most recently blocked first."""
    blocks = EditingBlock.objects.select_related("user", "blocked_by").order_by("-created_at", "-pk")
    return Paginator(blocks, STAFF_PAGE_SIZE).get_page(number)


def block_by_pk(pk: int) -> EditingBlock:
    return get_object_or_404(EditingBlock.objects.select_related("user"), pk=pk)


def messages_for_staff(guide: Guide, number) -> Page:
    """Every message, hidden ones included, newest first: what staff moderate."""
    messages = guide.comments.select_related("author", "author_organisation").order_by("-created_at", "-pk")
    return Paginator(messages, STAFF_PAGE_SIZE).get_page(number)


def message_for_staff(guide: Guide, pk: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("author", "author_organisation"), guide=guide, pk=pk)


# Writing ------------------------------------------------------------------------------------


def post_comment(guide: Guide, *, by, body: str) -> Comment:
    """Add `by`'s message to the guide's talk page, shown with their organisation and their
    public name if they chose one. Whether the guide is protected makes no difference."""
    body = body.strip()
    if not body:
        raise TransitionRefused("Enter your message", field="body")
    refusal = may_talk(by)
    if refusal:
        raise TransitionRefused(refusal)
    with transaction.atomic():
        comment = Comment.objects.create(
            guide=guide,
            body=body,
            author=by,
            author_organisation=organisation_of(by),
            author_display_name=public_name_of(by),
        )
        audit.record(comment, "guides.comment_posted", by=by)
    return comment


def hide_comment(comment: Comment, *, by, reason: str) -> Comment:
    """Take a message off the talk page. It stays in the database and the audit trail."""
    reason = reason.strip()
    if not reason:
        raise TransitionRefused("Enter why you are hiding the message", field="reason")
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if not (by.is_programme_staff and by.has_role("moderator")):
            raise TransitionRefused("Only moderators can hide messages")
        if locked.is_hidden:
            raise TransitionRefused("This message is hidden already")
        locked.is_hidden = True
        locked.save(update_fields=["is_hidden"])
        audit.record(locked, "guides.comment_hidden", by=by, changes={"is_hidden": (False, True)}, reason=reason)
    return locked


def set_public_name(user, name: str) -> str:
    """Set the name shown with `user`'s edits and messages, or clear it with "". It is shown
    with everything they have written, earlier edits and messages too, so clearing it takes
    it off every page. Returns the name now shown."""
    name = " ".join(name.split())
    if "@" in name:
        raise TransitionRefused("Enter a name, not an email address", field="name")
    with transaction.atomic():
        # The person's row is locked so two saves at once cannot both create a name.
        User.objects.select_for_update().filter(pk=user.pk).first()
        current = PublicName.objects.filter(user=user).first()
        before = current.name if current else ""
        if name == before:
            return name
        if current is None:
            current = PublicName.objects.create(user=user, name=name)
        elif name:
            current.name = name
            current.save(update_fields=["name"])
        # Recorded against the public name, not the person, so their full name stays out of
        # the audit trail.
        audit.record(current, "guides.public_name_changed", by=user, changes={"public_name": (before, name)})
        if not name:
            current.delete()
        Revision.objects.filter(author=user).update(author_display_name=name)
        Comment.objects.filter(author=user).update(author_display_name=name)
    return name
