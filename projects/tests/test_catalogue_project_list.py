import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from events.models import Topic
from fund.tests.factories import FundedProjectFactory, RoundFactory
from organisations.tests.factories import OrganisationFactory
from projects.catalogue import PAGE_SIZE
from projects.models import PhaseName
from projects.tests.factories import ProjectFactory, ProjectPhaseFactory, UpdateFactory
from projects.views.catalogue import project_list
from projects.workflow import ProjectStatus

pytestmark = pytest.mark.django_db

URL = reverse("projects:list")


def titles(response) -> list[str]:
    return [project.title for project in response.context["page"].object_list]


def funded(project, round_, phase=PhaseName.DISCOVERY):
    grant = FundedProjectFactory(bid__round=round_, bid__phase=phase, bid__lead_organisation=project.lead_organisation)
    return ProjectPhaseFactory(project=project, phase=phase, grant=grant, decision_note="")


def test_it_is_public(client):
    assert project_list.access_rule == "public"
    assert client.get(URL).status_code == 200


def test_it_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_it_lists_every_project_with_what_each_row_shows(client):
    round_ = RoundFactory(past=True, name="Local Digital Fund round 6")
    project = ProjectFactory(
        title="Housing repairs",
        summary="Tenants report repairs online.",
        lead_organisation=OrganisationFactory(name="Camden Council"),
        current_phase=PhaseName.ALPHA,
    )
    funded(project, round_)
    ProjectFactory(title="Parking permits", status=ProjectStatus.STOPPED)

    response = client.get(URL)

    content = response.content.decode()
    assert titles(response) == ["Housing repairs", "Parking permits"]
    assert "2 projects" in content
    assert f'href="{project.get_absolute_url()}"' in content
    assert "Tenants report repairs online." in content
    assert "Camden Council" in content
    assert ">Alpha</strong>" in content
    assert ">Active</strong>" in content and ">Stopped</strong>" in content
    assert "Local Digital Fund round 6" in content
    assert f'href="{reverse("projects:reuse")}"' in content
    assert f'href="{reverse("projects:charts")}"' in content


def test_it_filters_by_phase_and_status(client):
    ProjectFactory(title="Discovery one", current_phase=PhaseName.DISCOVERY)
    ProjectFactory(title="Beta one", current_phase=PhaseName.BETA)
    ProjectFactory(title="Beta stopped", current_phase=PhaseName.BETA, status=ProjectStatus.STOPPED)

    assert titles(client.get(URL, {"phase": ["beta", "discovery"], "status": "active"})) == [
        "Beta one",
        "Discovery one",
    ]
    assert titles(client.get(URL, {"status": "stopped"})) == ["Beta stopped"]


def test_it_filters_by_topic(client):
    housing = Topic.objects.create(slug="housing-test", name="Housing (test)")
    tagged = ProjectFactory(title="Repairs")
    tagged.topics.add(housing)
    ProjectFactory(title="Parking")

    response = client.get(URL, {"topic": "housing-test"})

    assert titles(response) == ["Repairs"]
    assert '<option value="housing-test" selected>Housing (test)</option>' in response.content.decode()


def test_it_filters_by_an_organisation_that_leads_or_is_a_partner(client):
    camden = OrganisationFactory(name="Camden Council", slug="camden")
    led = ProjectFactory(title="Led by Camden", lead_organisation=camden)
    partnered = ProjectFactory(title="Camden a partner")
    partnered.partner_organisations.add(camden, OrganisationFactory())
    ProjectFactory(title="Without Camden")

    response = client.get(URL, {"organisation": "camden"})

    assert titles(response) == ["Camden a partner", "Led by Camden"]
    assert led.lead_organisation == camden


def test_it_filters_by_the_region_of_the_lead_or_a_partner(client):
    north_west = OrganisationFactory(region="North West")
    ProjectFactory(title="Led in the North West", lead_organisation=north_west)
    partnered = ProjectFactory(title="Partner in the North West")
    partnered.partner_organisations.add(north_west, OrganisationFactory(region="North West"))
    ProjectFactory(title="In the South East")

    response = client.get(URL, {"region": "North West"})

    assert titles(response) == ["Led in the North West", "Partner in the North West"]


def test_it_filters_by_the_round_that_funded_a_phase(client):
    round_6, round_7 = RoundFactory(past=True, slug="round-6"), RoundFactory(past=True, slug="round-7")
    both = ProjectFactory(title="Funded twice")
    funded(both, round_6)
    funded(both, round_7, PhaseName.ALPHA)
    funded(ProjectFactory(title="Funded in round 7"), round_7)
    ProjectFactory(title="Funded otherwise")

    assert titles(client.get(URL, {"round": "round-7"})) == ["Funded in round 7", "Funded twice"]
    assert titles(client.get(URL, {"round": "round-6"})) == ["Funded twice"]


def test_it_offers_only_choices_some_project_has(client):
    ProjectFactory(lead_organisation=OrganisationFactory(name="Leading Council", region="London"))
    OrganisationFactory(name="Idle Council", region="Wales")
    RoundFactory(name="Round without projects")

    content = client.get(URL).content.decode()

    assert "Leading Council" in content and ">London</option>" in content
    assert "Idle Council" not in content and ">Wales</option>" not in content
    assert "Round without projects" not in content


def test_it_shows_an_error_for_a_choice_not_in_the_list_and_still_lists(client):
    ProjectFactory(title="Housing repairs")

    response = client.get(URL, {"region": "Atlantis", "phase": "gamma"})

    content = response.content.decode()
    assert "<title>Error: " in content
    assert 'href="#id_region">Select a region from the list' in content
    assert 'href="#id_phase_0">Select phases from the list' in content
    assert titles(response) == ["Housing repairs"]


def test_it_names_nobody(client):
    project = ProjectFactory(title="Housing repairs")
    UpdateFactory(project=project, author=UserFactory(full_name="Zebedee Quillfeather", email="zeb@example.com"))

    content = client.get(URL).content.decode()

    assert "Zebedee" not in content and "zeb@example.com" not in content


def test_it_pages_the_list(client):
    ProjectFactory.create_batch(PAGE_SIZE + 2)

    response = client.get(URL, {"page": "2"})

    assert len(response.context["page"].object_list) == 2
    assert 'aria-label="Pages of projects"' in response.content.decode()


def test_it_runs_a_bounded_number_of_queries_with_300_projects(client, django_assert_max_num_queries):
    round_ = RoundFactory(past=True)
    lead = OrganisationFactory()
    for number in range(300):
        project = ProjectFactory(lead_organisation=lead if number % 2 else OrganisationFactory())
        if number < 40:
            funded(project, round_)

    # The filters' choices (4), the count, the page and its funded phases.
    with django_assert_max_num_queries(7):
        response = client.get(URL, {"status": "active"})

    assert response.context["page"].paginator.count == 300
    assert len(response.context["page"].object_list) == PAGE_SIZE
