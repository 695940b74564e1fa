"""Read functions for the public guide pages and the recent-changes feed: bounded and pre-joined,
so a page costs the same number of queries however many guides and revisions there are.

Only visible revisions are ever read here. Who saved a revision is shown as the organisation
they wrote for and the public name they chose, if any: never their account's name or email.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Window
from django.db.models.functions import Lower, RowNumber
from django.shortcuts import get_object_or_404

from events.models import Topic
from guides.models import Category, Guide, Revision

PAGE_SIZE = 25
HISTORY_PAGE_SIZE = 50
RECENT_CHANGES_PAGE_SIZE = 50
FEED_SIZE = 50
# The guides index shows this many of each kind of list.
GUIDES_PER_CATEGORY = 5
RECENTLY_CHANGED = 10
MOST_LINKED = 10
# Who a revision is shown as when it has no organisation: programme staff write as the team.
PROGRAMME_TEAM = "Local Digital team"


def public_author(revision: Revision) -> str:
    """Who saved `revision`, as the public sees it."""
    organisation = revision.author_organisation.name if revision.author_organisation else PROGRAMME_TEAM
    return f"{revision.author_display_name}, {organisation}" if revision.author_display_name else organisation


def _with_public_authors(revisions: Iterable[Revision]) -> None:
    for revision in revisions:
        revision.public_author = public_author(revision)


# Guides -------------------------------------------------------------------------------------


def published_guides() -> QuerySet[Guide]:
    """Guides with some text the public may read. A guide whose every revision is hidden has
    no current revision, and no page."""
    return Guide.objects.filter(current_revision__isnull=False, current_revision__is_hidden=False)


def _with_current_revision(guides: QuerySet[Guide]) -> QuerySet[Guide]:
    # Rows show when a guide changed and who by, never its text.
    return guides.select_related("current_revision__author_organisation").defer("current_revision__body")


def _guides_with_authors(guides: Iterable[Guide]) -> list[Guide]:
    rows = list(guides)
    _with_public_authors(guide.current_revision for guide in rows)
    return rows


def public_guide(slug: str) -> Guide:
    """A guide with its current revision and who saved it."""
    guide = get_object_or_404(published_guides().select_related("current_revision__author_organisation"), slug=slug)
    _with_public_authors([guide.current_revision])
    return guide


def topics_of(guide: Guide) -> QuerySet[Topic]:
    return guide.topics.order_by("name")


@dataclass
class CategorySummary:
    category: Category
    count: int
    guides: list[Guide]


def categories_with_guides() -> list[CategorySummary]:
    """Every category, in the order they are declared, with how many guides it has and the
    first few of them by title."""
    counts = dict(published_guides().order_by().values_list("category").annotate(count=Count("pk")))
    ranked = published_guides().annotate(
        rank=Window(RowNumber(), partition_by=F("category"), order_by=[Lower("title"), "pk"])
    )
    firsts = ranked.filter(rank__lte=GUIDES_PER_CATEGORY).only("title", "slug", "category").order_by(Lower("title"))
    by_category: dict[str, list[Guide]] = {}
    for guide in firsts:
        by_category.setdefault(guide.category, []).append(guide)
    return [
        CategorySummary(Category(category), counts.get(category, 0), by_category.get(category, []))
        for category in Category.values
    ]


def recently_changed() -> list[Guide]:
    """The guides changed most recently, newest change first."""
    guides = _with_current_revision(published_guides()).order_by("-current_revision__created_at", "-pk")
    return _guides_with_authors(guides[:RECENTLY_CHANGED])


def most_linked() -> list[Guide]:
    """The guides other guides link to most, as `link_count`, then by title."""
    guides = published_guides().annotate(link_count=Count("links_in")).filter(link_count__gt=0)
    return list(guides.only("title", "slug").order_by("-link_count", Lower("title"), "pk")[:MOST_LINKED])


def category_page(category: Category, number) -> Page:
    """One page of a category's guides by title, with when each last changed and who by."""
    guides = _with_current_revision(published_guides().filter(category=category)).order_by(Lower("title"), "pk")
    page = Paginator(guides, PAGE_SIZE).get_page(number)
    page.object_list = _guides_with_authors(page.object_list)
    return page


# Revisions ----------------------------------------------------------------------------------


def visible_revisions() -> QuerySet[Revision]:
    return Revision.objects.filter(is_hidden=False)


def _listed(revisions: QuerySet[Revision]) -> QuerySet[Revision]:
    """Revisions as rows: who saved each, and `previous_number`, the visible revision before it
    in its guide (None for the first), to link to what changed. Without their text."""
    previous = visible_revisions().filter(guide=OuterRef("guide"), number__lt=OuterRef("number")).order_by("-number")
    return (
        revisions.select_related("author_organisation")
        .defer("body", "hidden_reason")
        .annotate(previous_number=Subquery(previous.values("number")[:1]))
    )


def history_page(guide: Guide, number) -> Page:
    """One page of the guide's visible revisions, newest first."""
    revisions = _listed(visible_revisions().filter(guide=guide)).order_by("-number")
    page = Paginator(revisions, HISTORY_PAGE_SIZE).get_page(number)
    page.object_list = list(page.object_list)
    _with_public_authors(page.object_list)
    return page


def visible_revision(guide: Guide, number: int) -> Revision:
    """One of the guide's revisions with its text; a hidden one is not found."""
    revision = get_object_or_404(visible_revisions().select_related("author_organisation"), guide=guide, number=number)
    _with_public_authors([revision])
    return revision


def revisions_numbered(guide: Guide, numbers: Iterable[int]) -> dict[int, Revision]:
    """The guide's visible revisions among `numbers`, with their text, by number."""
    revisions = visible_revisions().select_related("author_organisation").filter(guide=guide, number__in=list(numbers))
    found = {revision.number: revision for revision in revisions}
    _with_public_authors(found.values())
    return found


def _recent_changes() -> QuerySet[Revision]:
    revisions = visible_revisions().filter(guide__in=published_guides())
    return _listed(revisions).select_related("guide").order_by("-created_at", "-pk")


def recent_changes_page(number) -> Page:
    """One page of every guide's visible revisions, newest first."""
    page = Paginator(_recent_changes(), RECENT_CHANGES_PAGE_SIZE).get_page(number)
    page.object_list = list(page.object_list)
    _with_public_authors(page.object_list)
    return page


def latest_changes() -> list[Revision]:
    """The newest visible revisions across every guide, for the feed."""
    revisions = list(_recent_changes()[:FEED_SIZE])
    _with_public_authors(revisions)
    return revisions
