"""Community guides: each guide's current text and the history of its visible revisions. A
revision's author appears only as their organisation and the public name they chose, if any;
a hidden revision appears nowhere, and a guide with no visible revision to show is not public."""

from datetime import datetime

from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from api.datasets import Dataset
from api.pagination import NumberedPages
from api.schemas import BlankIsNull, LondonDateTime, OrganisationRef, SearchText, Slug, TopicRef, responses, web_url
from events.models import Topic
from guides.models import Category, Guide, Revision
from guides.queries import published_guides

router = Router(tags=["Community guides"])


class RevisionOut(Schema):
    """One save of a guide."""

    number: int = Field(description="Counts up from 1 with each save; hidden revisions leave gaps")
    created_at: LondonDateTime
    summary: str = Field(description="The edit summary its author wrote")
    organisation: OrganisationRef | None = Field(
        description="The organisation its author wrote for; null where none was recorded"
    )
    public_name: BlankIsNull = Field(description="The name its author chose to show; null unless they chose one")

    @staticmethod
    def resolve_organisation(revision: Revision):
        return revision.author_organisation

    @staticmethod
    def resolve_public_name(revision: Revision) -> str:
        return revision.author_display_name


class GuideOut(Schema):
    id: str = Field(description="Stable id on this service, used in /guides/{id}")
    title: str
    category: Category
    category_label: str = Field(description="The category in words")
    topics: list[TopicRef] = Field(description="By name")
    text: str = Field(
        description="The current revision's text, in Markdown as written; [[Guide title]] links to another guide"
    )
    revision: int = Field(description="The number of the current revision")
    updated_at: LondonDateTime = Field(description="When the current revision was saved")
    revisions: list[RevisionOut] = Field(description="Its visible revisions, newest first")
    url: str = Field(description="Its page on the website")

    @staticmethod
    def resolve_id(guide: Guide) -> str:
        return guide.slug

    @staticmethod
    def resolve_category_label(guide: Guide) -> str:
        return guide.get_category_display()

    @staticmethod
    def resolve_topics(guide: Guide) -> list:
        return list(guide.topics.all())

    @staticmethod
    def resolve_text(guide: Guide) -> str:
        return guide.current_revision.body

    @staticmethod
    def resolve_revision(guide: Guide) -> int:
        return guide.current_revision.number

    @staticmethod
    def resolve_updated_at(guide: Guide) -> datetime:
        return guide.current_revision.created_at

    @staticmethod
    def resolve_revisions(guide: Guide) -> list:
        return list(guide.revisions.all())

    @staticmethod
    def resolve_url(guide: Guide) -> str:
        return web_url(guide)


class GuideFilters(Schema):
    category: list[Category] = Field([], description="Categories; repeat for several")
    topic: Slug | None = Field(None, description="A topic's slug")
    q: SearchText = Field("", description="Part of the title")


def _public_guides() -> QuerySet[Guide]:
    """Guides with a visible revision to show, in title order, with what their records show."""
    visible_revisions = (
        Revision.objects.filter(is_hidden=False)
        .select_related("author_organisation")
        .defer("body", "hidden_reason", "author")
        .order_by("-number")
    )
    return (
        published_guides()
        .select_related("current_revision")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("name", "pk")),
            Prefetch("revisions", queryset=visible_revisions),
        )
        .order_by("title", "pk")
    )


@router.get("", response=responses(list[GuideOut]), url_name="guides", summary="List community guides")
@paginate(NumberedPages)
def list_guides(request, filters: Query[GuideFilters]):
    """Guides councils write and improve together, in title order, with their visible revision
    history."""
    guides = _public_guides()
    if filters.category:
        guides = guides.filter(category__in=filters.category)
    if filters.topic:
        guides = guides.filter(topics__slug=filters.topic)
    if filters.q:
        guides = guides.filter(title__icontains=filters.q)
    return guides


@router.get("/{id}", response=responses(GuideOut), url_name="guide", summary="One community guide")
def get_guide(request, id: Slug):
    """A guide by its id, with its current text and visible revision history."""
    guide = _public_guides().filter(slug=id).first()
    if guide is None:
        raise Http404(f"No guide has the id {id}")
    return guide


# Downloads ----------------------------------------------------------------------------------


def _guides_last_updated() -> datetime | None:
    moments = [
        Guide.objects.aggregate(latest=Max("updated_at"))["latest"],
        Revision.objects.filter(is_hidden=False).aggregate(latest=Max("created_at"))["latest"],
    ]
    return max((moment for moment in moments if moment is not None), default=None)


def _organisations_that_wrote(guide: Guide) -> str:
    names = (revision.author_organisation.name for revision in guide.revisions.all() if revision.author_organisation)
    return "; ".join(sorted(set(names)))


DATASETS = [
    Dataset(
        slug="guides",
        title="Community guides",
        description="Guides councils write and improve together: service patterns, data standards, procurement, "
        "leadership, cyber security and how-tos, with their current text in Markdown. The JSON file has each "
        "guide's visible revision history too.",
        rows=_public_guides,
        schema=GuideOut,
        columns={
            "id": lambda guide: guide.slug,
            "title": lambda guide: guide.title,
            "category": lambda guide: guide.get_category_display(),
            "topics": lambda guide: "; ".join(topic.name for topic in guide.topics.all()),
            "text": GuideOut.resolve_text,
            "revision": GuideOut.resolve_revision,
            "revisions": lambda guide: len(guide.revisions.all()),
            "written_by": _organisations_that_wrote,
            "updated_at": GuideOut.resolve_updated_at,
            "url": web_url,
        },
        last_updated=_guides_last_updated,
    ),
]
