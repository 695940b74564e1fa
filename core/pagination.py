"""Links for the GOV.UK pagination component that keep the page's other query parameters."""

from typing import Any

from django.core.paginator import Page
from django.http import QueryDict


def pagination(page: Page, params: QueryDict) -> dict[str, Any] | None:
    """Previous and next links and the page numbers to show: the first, the last, the current
    page and its neighbours, with a gap (None) wherever numbers are skipped."""
    if page.paginator.num_pages < 2:
        return None

    def href(number: int) -> str:
        query = params.copy()
        query["page"] = str(number)
        return f"?{query.urlencode()}"

    last = page.paginator.num_pages
    shown = sorted({1, last, *range(max(1, page.number - 1), min(last, page.number + 1) + 1)})
    items: list[dict[str, Any] | None] = []
    for number in shown:
        if items and items[-1] is not None and number > items[-1]["number"] + 1:
            items.append(None)
        items.append({"number": number, "href": href(number), "current": number == page.number})
    return {
        "previous": href(page.previous_page_number()) if page.has_previous() else None,
        "next": href(page.next_page_number()) if page.has_next() else None,
        "items": items,
    }
