import pytest

from accounts.tests.factories import MembershipFactory
from organisations.tests.factories import OrganisationFactory
from projects.tests.factories import ProjectFactory, ProjectPhaseFactory
from projects.views.projects import your_projects

pytestmark = pytest.mark.django_db

URL = "/projects/yours"


@pytest.fixture
def council():
    return OrganisationFactory(name="Hackney Council")


@pytest.fixture
def signed_in(client, member, council):
    MembershipFactory(user=member, organisation=council)
    client.force_login(member)
    return client


def test_it_needs_someone_signed_in(client):
    assert your_projects.access_rule == "signed_in"
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_lists_projects_the_member_leads_or_is_a_partner_in_and_no_others(signed_in, council):
    led = ProjectFactory(title="Shared repairs", lead_organisation=council)
    ProjectPhaseFactory(project=led)
    partnered = ProjectFactory(title="Bin days")
    partnered.partner_organisations.add(council)
    ProjectFactory(title="Someone else’s project")

    page = signed_in.get(URL).content.decode()

    assert "Shared repairs" in page and "Bin days" in page
    assert "Someone else’s project" not in page
    assert f'href="/projects/{led.slug}/updates/new"' in page
    assert f'href="/projects/{led.slug}/outputs/new"' in page
    assert "2 projects" in page


def test_a_pending_membership_shows_no_projects(client, member, council):
    MembershipFactory(user=member, organisation=council, pending=True)
    ProjectFactory(lead_organisation=council, title="Shared repairs")
    client.force_login(member)

    page = client.get(URL).content.decode()

    assert "Shared repairs" not in page
    assert "None of your organisations has a funded project yet" in page


@pytest.mark.parametrize("rows", [2, 20])
def test_it_runs_the_same_queries_however_many_projects(signed_in, council, rows, django_assert_num_queries):
    for project in ProjectFactory.create_batch(rows, lead_organisation=council):
        ProjectPhaseFactory(project=project)
    # The session, the user, the count and page of projects with their leads, and their phases.
    with django_assert_num_queries(5):
        assert signed_in.get(URL).status_code == 200
