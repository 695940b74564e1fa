import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from events.models import Topic
from organisations.tests.factories import OrganisationFactory
from projects.tests.factories import ProjectFactory
from projects.views.projects import edit_details

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory(summary="Old summary", contact_email="")


def url(project):
    return f"/projects/{project.slug}/edit"


@pytest.fixture
def signed_in(client, member, project):
    MembershipFactory(user=member, organisation=project.lead_organisation)
    client.force_login(member)
    return client


def form_data(**fields):
    return {
        "summary": "Tenants report repairs online and see when they will be fixed.",
        "problem": "Tenants phone again and again to find out when a repair will happen.",
        "contact_email": "repairs-project@hackney.example.gov.uk",
        "topics": [Topic.objects.get(slug="service-design").pk],
        **fields,
    }


def test_it_needs_someone_signed_in(client, project):
    assert edit_details.access_rule == "signed_in"
    assert client.get(url(project)).url.startswith("/sign-in?next=")


def test_a_member_of_another_organisation_finds_no_such_page(client, member, project):
    MembershipFactory(user=member, organisation=OrganisationFactory())
    client.force_login(member)

    assert client.get(url(project)).status_code == 404
    assert client.post(url(project), form_data()).status_code == 404
    project.refresh_from_db()
    assert project.summary == "Old summary"


def test_the_team_changes_the_public_details(signed_in, project, member):
    response = signed_in.post(url(project), form_data())

    assert response.url == f"/projects/{project.slug}"
    project.refresh_from_db()
    assert project.contact_email == "repairs-project@hackney.example.gov.uk"
    assert [topic.slug for topic in project.topics.all()] == ["service-design"]
    assert AuditEvent.objects.get(action="projects.details_changed").actor == member
    assert "The project’s details are saved" in signed_in.get(response.url).content.decode()


def test_the_form_starts_with_the_current_details(signed_in, project):
    assert "Old summary</textarea>" in signed_in.get(url(project)).content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"summary": ""}, "Enter a summary of the project"),
        ({"summary": "x" * 301}, "The summary must be 300 characters or fewer"),
        ({"problem": ""}, "Enter the problem the project works on and who has it"),
        ({"contact_email": "not an address"}, "Enter an email address in the correct format"),
    ],
)
def test_it_explains_what_to_fix(signed_in, project, fields, message):
    response = signed_in.post(url(project), form_data(**fields))

    page = response.content.decode()
    assert page.startswith("<!DOCTYPE html>") and "<title>Error: " in page
    assert message in page
    project.refresh_from_db()
    assert project.summary == "Old summary"


def test_a_persons_own_address_is_refused_as_the_team_contact(signed_in, project):
    UserFactory(email="robin.smith@hackney.example.gov.uk")

    response = signed_in.post(url(project), form_data(contact_email="Robin.Smith@hackney.example.gov.uk"))

    assert "Enter a shared team address, not a person’s own address" in response.content.decode()
    project.refresh_from_db()
    assert project.contact_email == ""


def test_it_refuses_other_methods(signed_in, project):
    assert signed_in.put(url(project)).status_code == 405
