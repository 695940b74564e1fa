"""One way to page through every list in the API: numbered pages with `next` and `previous`
links a client can follow without building addresses itself."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Far beyond any real list; it keeps an offset within what every database accepts.
MAX_PAGE = 100_000


class NumberedPages(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="The page to return, from 1")
        page_size: int = Field(
            DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"Results a page, at most {MAX_PAGE_SIZE}"
        )

    class Output(Schema):
        count: int = Field(description="Results on every page together")
        next: str | None = Field(description="The next page's address; null on the last page")
        previous: str | None = Field(description="The previous page's address; null on the first page")
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any):
        count = self._items_count(queryset)
        start = (pagination.page - 1) * pagination.page_size
        if pagination.page > 1 and start >= count:
            last = max(1, -(-count // pagination.page_size))
            raise Http404(f"There is no page {pagination.page}: the last page is {last}")
        end = start + pagination.page_size
        return {
            "count": count,
            "next": _page_link(request, pagination.page + 1) if end < count else None,
            "previous": _page_link(request, pagination.page - 1) if pagination.page > 1 else None,
            "results": list(queryset[start:end]),
        }


def _page_link(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return f"{settings.SITE_URL}{request.path}?{query.urlencode()}"
