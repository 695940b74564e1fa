import csv
import datetime
import io

import pytest
from django.utils import timezone
from django.utils.http import http_date

from api.tests.test_fund_grants_list import awarded_grant
from fund.models import Phase
from fund.tests.factories import FundedProjectFactory, QuestionFactory, RoundFactory
from fund.workflow import BidStatus, RoundStatus

pytestmark = pytest.mark.django_db


def csv_records(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_grants_csv_has_a_row_for_each_approved_award(client):
    round_ = RoundFactory(past=True, name="Local Digital Fund 2018", slug="ldf-round-1")
    grant = awarded_grant(
        bid__round=round_,
        bid__reference="LDF-4Q7P2K",
        slug="open-bin-data",
        title="=HYPERLINK(evil)",
        amount_awarded=75_000,
        phase=Phase.BETA,
        bid__lead_organisation__slug="hackney",
        bid__lead_organisation__org_id="GB-LAE-HCK",
        awarded_at=datetime.datetime(2018, 12, 3, 10, tzinfo=datetime.UTC),
    )
    FundedProjectFactory(bid__status=BidStatus.DECISION_PROPOSED)

    response = client.get("/data/grants.csv")

    assert response["Content-Disposition"] == 'attachment; filename="grants.csv"'
    (record,) = csv_records(response)
    partners = sorted(grant.partner_organisations.all(), key=lambda organisation: organisation.name)
    project = grant.project_phase.project
    assert record == {
        "id": "open-bin-data",
        "grant_identifier": "360G-LDF-4Q7P2K",
        "title": "'=HYPERLINK(evil)",
        "description": grant.description,
        "amount_awarded": "75000",
        "currency": "GBP",
        "award_date": "2018-12-03",
        "round_id": "ldf-round-1",
        "round_name": "Local Digital Fund 2018",
        "phase": "Beta",
        "lead_organisation_id": "hackney",
        "lead_organisation_name": grant.lead_organisation.name,
        "lead_organisation_org_id": "GB-LAE-HCK",
        "partner_organisation_ids": "; ".join(partner.slug for partner in partners),
        "partner_organisation_names": "; ".join(partner.name for partner in partners),
        "project_id": project.slug,
        "url": f"http://testserver/projects/{project.slug}",
    }
    assert response["Last-Modified"] == http_date(grant.awarded_at.timestamp())


def test_the_grants_json_is_the_apis_records(client):
    awarded_grant()
    awarded_grant()

    download = client.get("/data/grants.json").json()

    assert download["title"] == "Local Digital Fund grants"
    assert download["results"] == client.get("/api/v1/fund/grants").json()["results"]


def test_the_rounds_csv_has_a_row_for_each_published_round(client):
    round_ = RoundFactory(
        name="Local Digital Fund 2018",
        slug="ldf-round-1",
        past=True,
        budget=7_500_000,
        phases={Phase.DISCOVERY: 50_000, Phase.ALPHA: 100_000},
        min_signatory_authorities=3,
    )
    FundedProjectFactory(bid__round=round_, amount_awarded=40_000)
    FundedProjectFactory(bid__round=round_, amount_awarded=60_000)
    RoundFactory(status=RoundStatus.DRAFT)

    (record,) = csv_records(client.get("/data/fund-rounds.csv"))

    assert record["id"] == "ldf-round-1"
    assert record["name"] == "Local Digital Fund 2018"
    assert record["stage"] == "Projects under way"
    assert record["budget"] == "7500000"
    assert record["kick_off"] == timezone.localtime(round_.kick_off_at).isoformat()
    assert (record["discovery_maximum_award"], record["alpha_maximum_award"], record["beta_maximum_award"]) == (
        "50000",
        "100000",
        "",
    )
    assert (record["lead_must_be_local_authority"], record["min_signatory_authorities"]) == ("yes", "3")
    assert (record["awards"], record["total_awarded"]) == ("2", "100000")
    assert record["url"] == "http://testserver/fund/ldf-round-1"


def test_the_rounds_json_is_the_apis_records(client):
    RoundFactory(past=True)
    QuestionFactory(round=RoundFactory(), published=True)
    RoundFactory(status=RoundStatus.DRAFT)

    download = client.get("/data/fund-rounds.json").json()

    assert len(download["results"]) == 2
    assert download["results"] == client.get("/api/v1/fund/rounds").json()["results"]


def test_the_downloads_hold_no_personal_data(client, open_data):
    QuestionFactory(round=open_data.objects["round"], published=True, asked_by=open_data.person())
    for address in ("/data/grants.csv", "/data/grants.json", "/data/fund-rounds.csv", "/data/fund-rounds.json"):
        content = client.get(address).content.decode()
        assert open_data.objects["round"].slug in content
        for personal in open_data.names | open_data.emails:
            assert personal not in content, address


@pytest.mark.parametrize("address", ["/data/grants.csv", "/data/grants.json"])
def test_the_grants_downloads_run_the_same_queries_for_many_grants(client, django_assert_max_num_queries, address):
    round_ = RoundFactory(past=True)
    for _ in range(3):
        awarded_grant(bid__round=round_)
    with django_assert_max_num_queries(4) as few:
        client.get(address)
    for _ in range(40):
        awarded_grant(bid__round=round_)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "360G-LDF" in client.get(address).content.decode()


@pytest.mark.parametrize("address", ["/data/fund-rounds.csv", "/data/fund-rounds.json"])
def test_the_rounds_downloads_run_the_same_queries_for_many_rounds(client, django_assert_max_num_queries, address):
    RoundFactory.create_batch(3)
    with django_assert_max_num_queries(7) as few:
        client.get(address)
    RoundFactory.create_batch(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(address)
