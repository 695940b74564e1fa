import datetime

import pytest
from django.utils import timezone

from fund.tests.factories import FundedProjectFactory, RoundFactory
from fund.workflow import BidStatus

pytestmark = pytest.mark.django_db

URL = "/fund/grants.json"


def test_anyone_can_download_the_awarded_grants(client, settings):
    settings.FUND_FUNDER_ORG_ID = "GB-GOR-D4"
    settings.FUND_FUNDER_NAME = "Ministry of Housing, Communities and Local Government"
    round_ = RoundFactory(past=True, name="Local Digital Fund round 1", slug="local-digital-fund-round-1")
    awarded_at = datetime.datetime(2018, 12, 3, 10, 30, tzinfo=datetime.UTC)
    project = FundedProjectFactory(
        bid__round=round_,
        bid__reference="LDF-4Q7P2K",
        bid__amount_requested=80_000,
        amount_awarded=75_000,
        title="Open bin data",
        description="Residents cannot find when their bins are collected.",
        bid__lead_organisation__name="London Borough of Hackney",
        bid__lead_organisation__org_id="GB-LAE-HCK",
        awarded_at=awarded_at,
    )

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    package = response.json()
    assert package["version"] == "1.4"
    assert package["publisher"] == {
        "identifier": "GB-GOR-D4",
        "name": "Ministry of Housing, Communities and Local Government",
        "website": "http://testserver/",
    }
    assert package["license"] == "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    assert package["downloadURL"] == "http://testserver/fund/grants.json"
    assert package["modified"] == "2018-12-03T10:30:00+00:00"
    assert package["grants"] == [
        {
            "id": "360G-LDF-4Q7P2K",
            "title": "Open bin data",
            "description": "Residents cannot find when their bins are collected.",
            "currency": "GBP",
            "amountAppliedFor": 80_000,
            "amountAwarded": 75_000,
            "awardDate": "2018-12-03",
            "plannedDates": [{"startDate": timezone.localdate(round_.kick_off_at).isoformat()}],
            "recipientOrganization": [{"id": "GB-LAE-HCK", "name": "London Borough of Hackney"}],
            "fundingOrganization": [
                {"id": "GB-GOR-D4", "name": "Ministry of Housing, Communities and Local Government"}
            ],
            "grantProgramme": [
                {
                    "code": "local-digital-fund-round-1",
                    "title": "Local Digital Fund round 1",
                    "url": "http://testserver/fund/local-digital-fund-round-1",
                }
            ],
            "fromOpenCall": "Yes",
            "dateModified": "2018-12-03T10:30:00+00:00",
        }
    ]
    assert project.grant_identifier == "360G-LDF-4Q7P2K"


def test_a_recipient_without_an_org_id_gets_the_funds_own_identifier(client):
    project = FundedProjectFactory(bid__lead_organisation__org_id="")
    (grant,) = client.get(URL).json()["grants"]
    assert grant["recipientOrganization"][0]["id"] == f"360G-LDF-ORG-{project.lead_organisation.pk}"


@pytest.mark.parametrize("status", [BidStatus.DECISION_PROPOSED, BidStatus.NOT_FUNDED, BidStatus.WITHDRAWN])
def test_only_approved_awards_are_published(client, status):
    FundedProjectFactory(bid__status=status)
    package = client.get(URL).json()
    assert package["grants"] == []
    assert "modified" not in package


def test_it_costs_the_same_queries_for_a_hundred_grants(client, django_assert_max_num_queries):
    FundedProjectFactory.create_batch(2)
    with django_assert_max_num_queries(3) as few:
        client.get(URL)
    FundedProjectFactory.create_batch(98)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(URL).json()["grants"]) == 100


def test_it_only_answers_get(client):
    assert client.post(URL).status_code == 405
