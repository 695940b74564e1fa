import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from events.models import Topic
from fund.tests.factories import FundedProjectFactory, RoundFactory
from organisations.tests.factories import OrganisationFactory
from projects.models import PhaseName, UpdateKind
from projects.tests.factories import ProjectFactory, ProjectPhaseFactory, UpdateFactory
from projects.workflow import PhaseStatus, ProjectStatus

pytestmark = pytest.mark.django_db

URL = "/api/v1/projects"


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [project["title"] for project in response.json()["results"]]


def funded(project, round_, phase=PhaseName.DISCOVERY, **fields):
    grant = FundedProjectFactory(
        bid__round=round_, bid__phase=phase, bid__lead_organisation=project.lead_organisation, **fields
    )
    return ProjectPhaseFactory(project=project, phase=phase, grant=grant, decision_note="")


def test_it_lists_projects_in_title_order_with_what_their_pages_show(client):
    camden = OrganisationFactory(name="London Borough of Camden", slug="camden", org_id="GB-LAE-CMD")
    leeds = OrganisationFactory(name="Leeds City Council", slug="leeds")
    aberdeen = OrganisationFactory(name="Aberdeen City Council", slug="aberdeen")
    housing = Topic.objects.create(slug="housing-test", name="Housing (test)")
    benefits = Topic.objects.create(slug="benefits-test", name="Benefits (test)")
    project = ProjectFactory(
        title="Housing repairs",
        slug="housing-repairs",
        summary="Tenants report repairs online.",
        problem="Tenants phone again and again.\n\nStaff re-key every report.",
        lead_organisation=camden,
        current_phase=PhaseName.ALPHA,
        contact_email="repairs@camden.gov.uk",
    )
    project.partner_organisations.add(leeds, aberdeen)
    project.topics.add(housing, benefits)
    round_ = RoundFactory(past=True, name="Local Digital Fund round 6", slug="round-6")
    grant_phase = funded(
        project,
        round_,
        bid__award_amount=62_500,
        slug="housing-repairs-discovery",
    )
    grant_phase.status = PhaseStatus.COMPLETE
    grant_phase.starts_on, grant_phase.ends_on = datetime.date(2026, 1, 5), datetime.date(2026, 3, 27)
    grant_phase.save()
    ProjectPhaseFactory(
        project=project,
        phase=PhaseName.ALPHA,
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2026, 6, 30),
        decision_note="Agreed in the programme board of 30 March",
    )
    author = UserFactory(full_name="Wren Weeknoter", email="wren.weeknoter@camden.gov.uk")
    UpdateFactory(project=project, author=author, title="Older")
    newest = UpdateFactory(
        project=project,
        author=author,
        kind=UpdateKind.SHOW_AND_TELL,
        title="Show and tell 3",
        body="We **tested** with tenants.",
        blog_url="https://blog.camden.gov.uk/repairs-3",
    )
    ProjectFactory(title="Bin collections")

    response = client.get(URL)

    assert titles(response) == ["Bin collections", "Housing repairs"]
    record = response.json()["results"][1]
    assert record["id"] == "housing-repairs"
    assert record["summary"] == "Tenants report repairs online."
    assert record["problem"] == "Tenants phone again and again.\n\nStaff re-key every report."
    assert record["lead_organisation"] == {
        "id": "camden",
        "name": "London Borough of Camden",
        "org_id": "GB-LAE-CMD",
        "url": "http://testserver/api/v1/organisations/camden",
    }
    assert [partner["id"] for partner in record["partner_organisations"]] == ["aberdeen", "leeds"]
    assert record["topics"] == [
        {"slug": "benefits-test", "name": "Benefits (test)"},
        {"slug": "housing-test", "name": "Housing (test)"},
    ]
    assert record["current_phase"] == "alpha"
    assert record["status"] == "active"
    assert record["status_reason"] is None
    assert record["phases"] == [
        {
            "phase": "discovery",
            "status": "complete",
            "starts_on": "2026-01-05",
            "ends_on": "2026-03-27",
            "grant": {
                "id": "housing-repairs-discovery",
                "amount_awarded": 62_500,
                "round": {
                    "id": "round-6",
                    "name": "Local Digital Fund round 6",
                    "url": "http://testserver/api/v1/fund/rounds/round-6",
                },
                "url": "http://testserver/api/v1/fund/grants/housing-repairs-discovery",
            },
        },
        {"phase": "alpha", "status": "in_progress", "starts_on": "2026-04-01", "ends_on": "2026-06-30", "grant": None},
    ]
    assert [update["title"] for update in record["updates"]] == ["Show and tell 3", "Older"]
    assert record["updates"][0] == {
        "kind": "show_and_tell",
        "title": "Show and tell 3",
        "body": "We **tested** with tenants.",
        "blog_url": "https://blog.camden.gov.uk/repairs-3",
        "published_at": timezone.localtime(newest.published_at).isoformat(),
    }
    assert record["updates"][1]["blog_url"] is None
    assert record["outputs"] == "http://testserver/api/v1/projects/outputs?project=housing-repairs"
    assert record["url"] == "http://testserver/projects/housing-repairs"
    text = response.content.decode()
    for private in ("repairs@camden.gov.uk", "Wren Weeknoter", "wren.weeknoter", "programme board"):
        assert private not in text


def test_it_says_why_a_project_stopped_as_its_page_does(client):
    ProjectFactory(title="Stopped", status=ProjectStatus.STOPPED, status_reason="The partners bought a product.")
    ProjectFactory(title="Completed", status=ProjectStatus.COMPLETED)
    # A reason left from before is not shown while the project is active, on the page or here.
    ProjectFactory(title="Active", status_reason="Paused for the election.")

    reasons = {project["title"]: project["status_reason"] for project in client.get(URL).json()["results"]}

    assert reasons == {"Active": None, "Completed": None, "Stopped": "The partners bought a product."}


def test_it_filters_as_the_projects_page_does(client):
    camden = OrganisationFactory(slug="camden", region="London")
    leeds = OrganisationFactory(slug="leeds", region="Yorkshire and The Humber")
    housing = Topic.objects.create(slug="housing-test", name="Housing (test)")
    round_6 = RoundFactory(past=True, slug="round-6")
    repairs = ProjectFactory(title="Repairs", lead_organisation=camden, current_phase=PhaseName.BETA)
    repairs.topics.add(housing)
    funded(repairs, round_6)
    bins = ProjectFactory(title="Bins", lead_organisation=leeds, status=ProjectStatus.COMPLETED)
    bins.partner_organisations.add(camden)
    ProjectFactory(title="Parking", status=ProjectStatus.STOPPED)

    assert titles(client.get(URL, {"phase": "beta"})) == ["Repairs"]
    assert titles(client.get(URL, {"phase": ["beta", "discovery"]})) == ["Bins", "Parking", "Repairs"]
    assert titles(client.get(URL, {"status": ["completed", "stopped"]})) == ["Bins", "Parking"]
    assert titles(client.get(URL, {"topic": "housing-test"})) == ["Repairs"]
    assert titles(client.get(URL, {"organisation": "camden"})) == ["Bins", "Repairs"]
    assert titles(client.get(URL, {"organisation": "leeds"})) == ["Bins"]
    assert titles(client.get(URL, {"region": "London"})) == ["Bins", "Repairs"]
    assert titles(client.get(URL, {"round": "round-6"})) == ["Repairs"]
    assert titles(client.get(URL, {"round": "round-6", "status": "completed"})) == []
    assert titles(client.get(URL, {"topic": "no-such-topic"})) == []


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("phase", "pilot"),
        ("status", "paused"),
        ("topic", "not a slug"),
        ("organisation", "camden/leeds"),
        ("round", "round 6"),
        ("region", "London\x00"),
        ("region", "x" * 101),
        ("page_size", "201"),
    ],
)
def test_it_refuses_a_bad_filter_naming_it(client, parameter, value):
    response = client.get(URL, {parameter: value})

    assert response.status_code == 422
    assert [error["parameter"] for error in response.json()["errors"]] == [parameter]


def test_it_answers_404_past_the_last_page(client):
    ProjectFactory()

    response = client.get(URL, {"page": 2})

    assert response.status_code == 404
    assert response.json()["message"] == "There is no page 2: the last page is 1"


def test_it_runs_the_same_queries_however_many_projects(client, django_assert_max_num_queries):
    round_ = RoundFactory(past=True)
    topic = Topic.objects.create(slug="housing-test", name="Housing (test)")

    def queries_for_a_page(count):
        for _ in range(count):
            project = ProjectFactory()
            project.partner_organisations.add(OrganisationFactory(), OrganisationFactory())
            project.topics.add(topic)
            funded(project, round_)
            ProjectPhaseFactory(project=project, phase=PhaseName.ALPHA)
            UpdateFactory(project=project)
        # A count, the projects with their leads, partners, topics, phases and updates.
        with django_assert_max_num_queries(6) as captured:
            assert client.get(URL, {"page_size": 200}).status_code == 200
        return len(captured)

    assert queries_for_a_page(3) == queries_for_a_page(30)


def test_it_carries_no_personal_data(client, open_data):
    text = client.get(URL).content.decode()

    assert "shared-repairs" in text
    for private in open_data.names | open_data.emails:
        assert private not in text
    assert "@" not in text
