import csv
import io

import pytest

from fund.grants import CSV_COLUMNS
from fund.tests.factories import FundedProjectFactory
from fund.workflow import BidStatus

pytestmark = pytest.mark.django_db

URL = "/fund/grants.csv"


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))


def test_anyone_can_download_the_grants_with_the_standards_column_titles(client):
    FundedProjectFactory(
        bid__reference="LDF-4Q7P2K",
        title="Open bin data",
        amount_awarded=75_000,
        bid__lead_organisation__name="London Borough of Hackney",
        bid__lead_organisation__org_id="GB-LAE-HCK",
    )

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="local-digital-fund-grants.csv"'
    header, row = rows(response)
    assert header[:11] == [
        "Identifier",
        "Title",
        "Description",
        "Currency",
        "Amount Applied For",
        "Amount Awarded",
        "Award Date",
        "Planned Dates:Start Date",
        "Recipient Org:Identifier",
        "Recipient Org:Name",
        "Funding Org:Identifier",
    ]
    record = dict(zip(header, row, strict=True))
    assert record["Identifier"] == "360G-LDF-4Q7P2K"
    assert record["Amount Awarded"] == "75000"
    assert record["Currency"] == "GBP"
    assert record["Recipient Org:Identifier"] == "GB-LAE-HCK"
    assert record["Recipient Org:Name"] == "London Borough of Hackney"
    assert record["Funding Org:Identifier"] == "GB-GOR-D4"
    assert record["Grant Programme:Title"].startswith("Local Digital Fund round")


def test_other_sites_and_spreadsheets_can_read_it(client):
    response = client.get(URL)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.content.decode().startswith("\ufeffIdentifier,Title,")


def test_text_a_spreadsheet_would_run_is_neutralised(client):
    FundedProjectFactory(title='=HYPERLINK("http://evil.example")', description="+1 more", bid__title="x")
    (_, row) = rows(client.get(URL))
    record = dict(zip(CSV_COLUMNS, row, strict=True))
    assert record["Title"] == '\'=HYPERLINK("http://evil.example")'
    assert record["Description"] == "'+1 more"


def test_only_approved_awards_are_listed(client):
    FundedProjectFactory(bid__status=BidStatus.DECISION_PROPOSED)
    assert rows(client.get(URL)) == [CSV_COLUMNS]


def test_it_costs_the_same_queries_for_a_hundred_grants(client, django_assert_max_num_queries):
    FundedProjectFactory.create_batch(2)
    with django_assert_max_num_queries(3) as few:
        client.get(URL)
    FundedProjectFactory.create_batch(98)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(rows(client.get(URL))) == 101


def test_it_only_answers_get(client):
    assert client.post(URL).status_code == 405
