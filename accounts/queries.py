"""Read functions for accounts pages: bounded and pre-joined, so a page costs the same
number of queries however many rows it shows."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Membership, User
from accounts.workflow import MembershipStatus
from organisations.models import Organisation

PAGE_SIZE = 25


def pending_memberships(page_number) -> Page:
    """Requests waiting for a moderator, oldest first."""
    requests = (
        Membership.objects.filter(status=MembershipStatus.PENDING)
        .select_related("user", "organisation")
        .order_by("created_at", "pk")
    )
    return Paginator(requests, PAGE_SIZE).get_page(page_number)


def membership_for_moderation(pk: int) -> Membership:
    return get_object_or_404(Membership.objects.select_related("user", "organisation"), pk=pk)


def memberships_of(user: User) -> QuerySet[Membership]:
    return user.memberships.select_related("organisation").order_by("organisation__name")


def organisations_to_join() -> QuerySet[Organisation]:
    """Organisations someone may ask to join: only those that exist today."""
    return Organisation.objects.current().order_by("name")
