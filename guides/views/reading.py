"""The guides as the public reads them: the index, each category, a guide's page, its history,
any visible old revision, a comparison of two revisions, and the recent changes with their
feed. Hidden revisions are never shown here; who saved a revision is shown as their
organisation and chosen public name only."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.pagination import pagination
from core.permissions import public
from guides import diff, queries, watching
from guides.feeds import RecentChangesFeed
from guides.forms.reading import CompareForm
from guides.markdown import render_guide
from guides.models import LICENCE_NAME, Category


@public
@require_safe
def guide_list(request):
    context = {
        "categories": queries.categories_with_guides(),
        "recently_changed": queries.recently_changed(),
        "most_linked": queries.most_linked(),
        "licence_name": LICENCE_NAME,
    }
    return render(request, "guides/reading/guide_list.html", context)


@public
@require_safe
def category(request, category: Category):
    page = queries.category_page(category, request.GET.get("page"))
    context = {"category": category, "page": page, "pagination": pagination(page, request.GET)}
    return render(request, "guides/reading/category.html", context)


@public
@require_safe
def guide(request, slug):
    guide = queries.public_guide(slug)
    context = {
        "guide": guide,
        "revision": guide.current_revision,
        "body": render_guide(guide.current_revision.body),
        "topics": queries.topics_of(guide),
        "licence_name": LICENCE_NAME,
        "can_edit": _offers_editing(request, guide),
        "is_watching": watching.is_watching(request.user, guide),
    }
    return render(request, "guides/reading/guide.html", context)


@public
@require_safe
def history(request, slug):
    guide = queries.public_guide(slug)
    page = queries.history_page(guide, request.GET.get("page"))
    context = {"guide": guide, "page": page, "pagination": pagination(page, request.GET)}
    return render(request, "guides/reading/history.html", context)


@public
@require_safe
def revision(request, slug, number):
    guide = queries.public_guide(slug)
    revision = queries.visible_revision(guide, number)
    context = {
        "guide": guide,
        "revision": revision,
        "body": render_guide(revision.body),
        "is_current": revision.pk == guide.current_revision_id,
        "can_edit": _offers_editing(request, guide),
        "licence_name": LICENCE_NAME,
    }
    return render(request, "guides/reading/revision.html", context)


@public
@require_safe
def compare(request, slug):
    guide = queries.public_guide(slug)
    form = CompareForm(request.GET or None, guide=guide)
    revisions = form.revisions()
    context = {"guide": guide, "form": form}
    if revisions is not None:
        from_revision, to_revision = revisions
        context.update(
            from_revision=from_revision,
            to_revision=to_revision,
            compared=[("From", from_revision), ("To", to_revision)],
            comparison=diff.compare(from_revision.body, to_revision.body),
        )
    return render(request, "guides/reading/compare.html", context)


@public
@require_safe
def recent_changes(request):
    page = queries.recent_changes_page(request.GET.get("page"))
    return render(
        request, "guides/reading/recent_changes.html", {"page": page, "pagination": pagination(page, request.GET)}
    )


@public
@require_safe
def recent_changes_atom(request):
    return RecentChangesFeed()(request)


def _offers_editing(request, guide) -> bool:
    # Anyone may follow the edit link, and signing in comes next; a protected guide offers it
    # only to staff, the only people who may edit it.
    return not guide.is_protected or getattr(request.user, "is_programme_staff", False)
