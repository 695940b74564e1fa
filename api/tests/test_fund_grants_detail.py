import pytest

from api.tests.test_fund_grants_list import awarded_grant
from fund.tests.factories import FundedProjectFactory
from fund.workflow import BidStatus

pytestmark = pytest.mark.django_db


def url(grant_id: str) -> str:
    return f"/api/v1/fund/grants/{grant_id}"


def test_it_gives_an_approved_award_by_its_id(client):
    grant = awarded_grant(slug="open-bin-data", amount_awarded=75_000)

    answer = client.get(url("open-bin-data"))

    assert answer.status_code == 200
    record = answer.json()
    assert record["id"] == "open-bin-data"
    assert record["grant_identifier"] == grant.grant_identifier
    assert record["amount_awarded"] == 75_000
    assert record["project"]["id"] == grant.project_phase.project.slug
    assert len(record["partner_organisations"]) == 2


def test_it_finds_the_same_award_by_its_360giving_identifier(client):
    grant = awarded_grant(bid__reference="LDF-4Q7P2K")

    by_identifier = client.get(url("360G-LDF-4Q7P2K"))

    assert by_identifier.status_code == 200
    assert by_identifier.json() == client.get(url(grant.slug)).json()


def test_it_is_the_same_record_as_in_the_list(client):
    grant = awarded_grant()
    assert client.get(url(grant.slug)).json() == client.get("/api/v1/fund/grants").json()["results"][0]


@pytest.mark.parametrize("status", [BidStatus.DECISION_PROPOSED, BidStatus.APPLICATION_SUBMITTED])
def test_an_award_not_yet_approved_is_not_found(client, status):
    grant = FundedProjectFactory(bid__status=status, slug="waiting")

    for grant_id in ("waiting", grant.grant_identifier):
        answer = client.get(url(grant_id))
        assert answer.status_code == 404
        assert answer.json()["message"] == f"No grant has the id {grant_id}"


def test_an_unknown_grant_is_not_found(client):
    assert client.get(url("360G-LDF-NOTHING")).status_code == 404


def test_it_refuses_an_id_that_cannot_be_a_grant(client):
    answer = client.get(url("open%20bin%20data"))
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["parameter"] == "id"


def test_it_shows_no_personal_data(client, open_data):
    content = client.get(url(open_data.objects["grant"].slug)).content.decode()

    assert open_data.objects["grant"].grant_identifier in content
    for personal in open_data.names | open_data.emails:
        assert personal not in content
