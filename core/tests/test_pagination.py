from django.core.paginator import Paginator
from django.http import QueryDict

from core.pagination import pagination


def numbers(links) -> list[int | None]:
    return [item["number"] if item else None for item in links["items"]]


def test_it_shows_nothing_for_a_single_page():
    assert pagination(Paginator(range(10), 50).page(1), QueryDict()) is None


def test_it_shows_the_first_last_and_neighbouring_pages_with_gaps():
    links = pagination(Paginator(range(500), 50).page(5), QueryDict("q=camden"))

    assert numbers(links) == [1, None, 4, 5, 6, None, 10]
    assert links["previous"] == "?q=camden&page=4"
    assert links["next"] == "?q=camden&page=6"
    assert [item["current"] for item in links["items"] if item] == [False, False, True, False, False]


def test_it_has_no_previous_link_on_the_first_page():
    links = pagination(Paginator(range(120), 50).page(1), QueryDict("page=1"))

    assert numbers(links) == [1, 2, 3]
    assert links["previous"] is None
    assert links["next"] == "?page=2"
