import csv
import io

import pytest

from fund.tests.factories import BidFactory, BidPartnerFactory, RoundFactory
from fund.tests.test_rounds_eoi_list import submitted_bids

pytestmark = pytest.mark.django_db


def url(round_) -> str:
    return f"/fund/{round_.slug}/expressions-of-interest.csv"


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def closed_round():
    return RoundFactory(evaluating=True, publish_eois_after_close=True, slug="round-1")


def test_it_downloads_the_same_expressions_of_interest_as_the_page(client, closed_round):
    bid = BidFactory(
        round=closed_round,
        submitted=True,
        title="=HYPERLINK(evil)",
        lead_organisation__name="Camden Council",
        created_by__email="robin@camden.example",
        amount_requested=45_000,
    )
    BidPartnerFactory(
        bid=bid, organisation__name="Hackney Council", confirmed=True, contact_email="sam@hackney.example"
    )
    BidFactory(round=closed_round, title="Unsent draft")

    response = client.get(url(closed_round))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="round-1-expressions-of-interest.csv"'
    header, *lines = rows(response)
    assert header == ["Reference", "Title", "Lead organisation", "Partners", "Phase", "Amount requested", "Problem"]
    assert lines == [
        [bid.reference, "'=HYPERLINK(evil)", "Camden Council", "Hackney Council", "Discovery", "45000", bid.problem]
    ]
    assert "robin@" not in response.content.decode()
    assert "sam@" not in response.content.decode()


def test_it_is_not_found_before_the_close(client):
    assert client.get(url(RoundFactory(publish_eois_after_close=True, slug="round-1"))).status_code == 404


def test_it_writes_400_bids_in_a_few_queries(client, closed_round, django_assert_max_num_queries):
    submitted_bids(closed_round, 400)
    with django_assert_max_num_queries(6):
        response = client.get(url(closed_round))
    assert len(rows(response)) == 401
