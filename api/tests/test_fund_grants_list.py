import datetime

import pytest

from fund.models import FundedProject, Phase
from fund.tests.factories import FundedProjectFactory, RoundFactory, SubmittedAssessmentFactory
from fund.workflow import BidStatus
from organisations.tests.factories import OrganisationFactory
from projects.tests.factories import ProjectFactory, ProjectPhaseFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/fund/grants"


def awarded_grant(**fields) -> FundedProject:
    """An approved award with two confirmed partners and the project it started."""
    grant = FundedProjectFactory(**fields)
    grant.partner_organisations.add(OrganisationFactory(), OrganisationFactory())
    project = ProjectFactory(lead_organisation=grant.lead_organisation, title=grant.title)
    ProjectPhaseFactory(project=project, phase=grant.phase, grant=grant)
    return grant


def ids(answer) -> list[str]:
    return [record["id"] for record in answer.json()["results"]]


def test_it_lists_approved_awards_with_what_the_360giving_data_shows(client):
    round_ = RoundFactory(past=True, name="Local Digital Fund 2018", slug="ldf-round-1")
    grant = FundedProjectFactory(
        bid__round=round_,
        bid__reference="LDF-4Q7P2K",
        slug="open-bin-data",
        title="Open bin data",
        description="Residents cannot find when their bins are collected.",
        amount_awarded=75_000,
        phase=Phase.ALPHA,
        bid__lead_organisation__name="London Borough of Hackney",
        bid__lead_organisation__slug="hackney",
        bid__lead_organisation__org_id="GB-LAE-HCK",
        awarded_at=datetime.datetime(2018, 12, 3, 23, 30, tzinfo=datetime.UTC),
    )
    grant.partner_organisations.add(
        OrganisationFactory(name="Leeds City Council", slug="leeds", org_id=""),
        OrganisationFactory(name="Bristol City Council", slug="bristol", org_id="GB-UKN-BST"),
    )

    (record,) = client.get(URL).json()["results"]

    assert record == {
        "id": "open-bin-data",
        "grant_identifier": "360G-LDF-4Q7P2K",
        "title": "Open bin data",
        "description": "Residents cannot find when their bins are collected.",
        "amount_awarded": 75_000,
        "currency": "GBP",
        "award_date": "2018-12-03",
        "round": {
            "id": "ldf-round-1",
            "name": "Local Digital Fund 2018",
            "url": "http://testserver/api/v1/fund/rounds/ldf-round-1",
        },
        "phase": "alpha",
        "phase_label": "Alpha",
        "lead_organisation": {
            "id": "hackney",
            "name": "London Borough of Hackney",
            "org_id": "GB-LAE-HCK",
            "url": "http://testserver/api/v1/organisations/hackney",
        },
        "partner_organisations": [
            {
                "id": "bristol",
                "name": "Bristol City Council",
                "org_id": "GB-UKN-BST",
                "url": "http://testserver/api/v1/organisations/bristol",
            },
            {
                "id": "leeds",
                "name": "Leeds City Council",
                "org_id": None,
                "url": "http://testserver/api/v1/organisations/leeds",
            },
        ],
        "project": None,
        "url": "http://testserver/fund/ldf-round-1",
    }


def test_it_links_the_project_an_award_funds(client):
    grant = awarded_grant()
    project = grant.project_phase.project

    (record,) = client.get(URL).json()["results"]

    assert record["project"] == {
        "id": project.slug,
        "title": project.title,
        "url": f"http://testserver/api/v1/projects/{project.slug}",
    }
    assert record["url"] == f"http://testserver/projects/{project.slug}"


def test_it_lists_only_approved_awards(client):
    awarded = FundedProjectFactory()
    FundedProjectFactory(bid__status=BidStatus.DECISION_PROPOSED)
    FundedProjectFactory(bid__status=BidStatus.APPLICATION_SUBMITTED)

    assert ids(client.get(URL)) == [awarded.slug]


def test_it_lists_the_oldest_award_first(client):
    later = FundedProjectFactory(awarded_at=datetime.datetime(2019, 6, 1, tzinfo=datetime.UTC))
    earlier = FundedProjectFactory(awarded_at=datetime.datetime(2018, 12, 3, tzinfo=datetime.UTC))

    assert ids(client.get(URL)) == [earlier.slug, later.slug]


def test_it_filters_by_round(client):
    round_ = RoundFactory(past=True, slug="ldf-round-1")
    in_round = FundedProjectFactory(bid__round=round_)
    FundedProjectFactory()

    assert ids(client.get(URL, {"round": "ldf-round-1"})) == [in_round.slug]
    assert ids(client.get(URL, {"round": "ldf-round-99"})) == []


def test_it_filters_by_lead_organisation(client):
    camden = OrganisationFactory(slug="camden")
    led = FundedProjectFactory(bid__lead_organisation=camden)
    partnered = FundedProjectFactory()
    partnered.partner_organisations.add(camden)

    assert ids(client.get(URL, {"lead_organisation": "camden"})) == [led.slug]


def test_it_filters_by_phases(client):
    discovery = FundedProjectFactory(phase=Phase.DISCOVERY)
    alpha = FundedProjectFactory(phase=Phase.ALPHA)
    FundedProjectFactory(phase=Phase.BETA)

    assert ids(client.get(URL, {"phase": "alpha"})) == [alpha.slug]
    assert ids(client.get(URL, {"phase": ["discovery", "alpha"]})) == [discovery.slug, alpha.slug]


@pytest.mark.parametrize(
    ("parameters", "parameter"),
    [
        ({"phase": "live"}, "phase"),
        ({"round": "ldf round 1"}, "round"),
        ({"lead_organisation": "x" * 201}, "lead_organisation"),
        ({"page_size": "201"}, "page_size"),
    ],
)
def test_it_refuses_bad_filters(client, parameters, parameter):
    answer = client.get(URL, parameters)
    assert answer.status_code == 422
    assert [error["parameter"] for error in answer.json()["errors"]] == [parameter]


def test_it_shows_nothing_about_applicants_assessors_or_decisions(client, open_data):
    grant = open_data.objects["grant"]
    bid = grant.bid
    bid.eoi_feedback = "Strong on user research"
    bid.decision_feedback = "Tighten the budget for beta"
    bid.award_conditions = "Publish weeknotes every fortnight"
    bid.decision_proposed_by = open_data.person(email="pat.proposer@example.gov.uk", full_name="Pat Proposer")
    bid.decision_approved_by = open_data.person(email="alex.approver@example.gov.uk", full_name="Alex Approver")
    bid.save()
    SubmittedAssessmentFactory(
        bid=bid, assessor=open_data.person(role="assessor"), comment="Assessor remarks on the plan"
    )

    content = client.get(URL).content.decode()

    assert grant.grant_identifier in content
    for private in ("Strong on user research", "Tighten the budget", "Publish weeknotes", "Assessor remarks"):
        assert private not in content
    for personal in open_data.names | open_data.emails:
        assert personal not in content


def test_it_runs_the_same_queries_for_many_grants(client, django_assert_max_num_queries):
    round_ = RoundFactory(past=True)
    for _ in range(3):
        awarded_grant(bid__round=round_)
    with django_assert_max_num_queries(3) as few:
        assert client.get(URL).json()["count"] == 3
    for _ in range(27):
        awarded_grant(bid__round=round_)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(URL).json()["results"]) == 30
