import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from organisations.tests.factories import OrganisationFactory
from projects.models import Update
from projects.tests.factories import ProjectFactory
from projects.views.updates import new_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project = ProjectFactory(title="Shared repairs")
    project.partner_organisations.add(OrganisationFactory(name="Lewisham Council"))
    return project


def url(project):
    return f"/projects/{project.slug}/updates/new"


def sign_in_member_of(client, organisation, **membership):
    person = MembershipFactory(organisation=organisation, **membership).user
    client.force_login(person)
    return person


def form_data(**fields):
    return {
        "kind": "weeknote",
        "title": "Weeknote 3: what tenants told us",
        "body": "We spoke to **14 tenants** this week.",
        "blog_url": "",
        **fields,
    }


def test_it_needs_someone_signed_in(client, project):
    assert new_update.access_rule == "signed_in"
    assert client.get(url(project)).url.startswith("/sign-in?next=")
    assert client.post(url(project), form_data()).url.startswith("/sign-in?next=")
    assert not Update.objects.exists()


def test_a_member_of_the_lead_posts_an_update_that_appears_on_the_project_page(client, project):
    person = sign_in_member_of(client, project.lead_organisation)

    response = client.post(url(project), form_data(blog_url="blog.example.gov.uk/weeknote-3"))

    assert response.url == f"/projects/{project.slug}"
    update = Update.objects.get()
    assert (update.project, update.author, update.blog_url) == (
        project,
        person,
        "https://blog.example.gov.uk/weeknote-3",
    )
    assert AuditEvent.objects.get(action="projects.update_posted").actor == person
    page = client.get(response.url).content.decode()
    assert "Your update is published on the project’s page" in page
    assert "We spoke to <strong>14 tenants</strong> this week." in page


def test_a_member_of_a_partner_can_post(client, project):
    sign_in_member_of(client, project.partner_organisations.get())
    assert client.post(url(project), form_data()).status_code == 302
    assert Update.objects.count() == 1


def test_a_member_of_another_organisation_cannot_post(client, project):
    sign_in_member_of(client, OrganisationFactory(name="Camden Council"))

    assert client.get(url(project)).status_code == 404
    assert client.post(url(project), form_data()).status_code == 404
    assert not Update.objects.exists()


@pytest.mark.parametrize("membership", ["pending", "rejected", "revoked"])
def test_someone_whose_membership_is_not_approved_cannot_post(client, project, membership):
    sign_in_member_of(client, project.lead_organisation, **{membership: True})
    assert client.post(url(project), form_data()).status_code == 404
    assert not Update.objects.exists()


def test_programme_staff_are_not_on_the_team(sign_in_verified, project):
    assert sign_in_verified(UserFactory(moderator=True)).get(url(project)).status_code == 404


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": ""}, "Select the kind of update"),
        ({"title": ""}, "Enter a title for the update"),
        ({"body": ""}, "Enter the update"),
        ({"body": "x" * 20001}, "The update must be 20,000 characters or fewer"),
        ({"blog_url": "javascript:alert(1)"}, "Enter the link to your blog post in the correct format"),
    ],
)
def test_it_explains_what_to_fix(client, project, fields, message):
    sign_in_member_of(client, project.lead_organisation)

    response = client.post(url(project), form_data(**fields))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert message in page
    assert not Update.objects.exists()


def test_it_limits_how_often_one_person_posts(client, project, settings):
    settings.PROJECT_POST_RATE = "2/h"
    sign_in_member_of(client, project.lead_organisation)
    for _ in range(2):
        assert client.post(url(project), form_data()).status_code == 302

    assert client.post(url(project), form_data()).status_code == 429
    assert Update.objects.count() == 2


def test_it_refuses_other_methods(client, project):
    sign_in_member_of(client, project.lead_organisation)
    assert client.put(url(project)).status_code == 405
