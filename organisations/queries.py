"""Reads of the organisations register for the public pages."""

from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404

from organisations.models import Organisation

PAGE_SIZE = 50

# What a row of the list shows; the detail page loads everything.
LIST_FIELDS = ["name", "slug", "organisation_type", "nation", "region", "start_date", "end_date"]


def search_organisations(
    *,
    q: str = "",
    types: Iterable[str] = (),
    nations: Iterable[str] = (),
    region: str = "",
    include_ended: bool = False,
    page: int | str | None = 1,
) -> Page:
    """One page of organisations matching the filters, in name order. A page number that is
    not a number or is past the end gives the first or the last page."""
    organisations = matching_organisations(
        q=q, types=types, nations=nations, region=region, include_ended=include_ended
    )
    return Paginator(organisations.only(*LIST_FIELDS), PAGE_SIZE).get_page(page)


def matching_organisations(
    *,
    q: str = "",
    types: Iterable[str] = (),
    nations: Iterable[str] = (),
    region: str = "",
    include_ended: bool = False,
) -> QuerySet[Organisation]:
    """Organisations matching the filters of the list page (and the API's), in name order."""
    # Lower-case first, so that "iStand UK" sorts among the Is whatever the database's collation.
    organisations = Organisation.objects.order_by(Lower("name"), "pk")
    if not include_ended:
        organisations = organisations.current()
    if q:
        organisations = organisations.filter(
            Q(name__icontains=q) | Q(alternative_names__icontains=q) | Q(co_publisher_name__icontains=q)
        )
    if types:
        organisations = organisations.filter(organisation_type__in=list(types))
    if nations:
        organisations = organisations.filter(nation__in=list(nations))
    if region:
        organisations = organisations.filter(region=region)
    return organisations


def regions() -> list[str]:
    """Every region an organisation is in, for the filter."""
    return list(Organisation.objects.exclude(region="").order_by("region").values_list("region", flat=True).distinct())


def get_organisation(slug: str) -> Organisation:
    """The organisation for its page, with what the page shows; 404 if there is none."""
    return get_object_or_404(
        Organisation.objects.prefetch_related("domains", "replaced_by", "replaces"),
        slug=slug,
    )


def co_publishers() -> QuerySet[Organisation]:
    """The declaration's co-publishers, in the order the declaration lists them."""
    return (
        Organisation.objects.filter(co_publisher_number__isnull=False)
        .only("name", "slug", "co_publisher_number", "co_publisher_name")
        .order_by("co_publisher_number")
    )
