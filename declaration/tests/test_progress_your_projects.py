import pytest
from django.urls import reverse

from accounts.tests.factories import MembershipFactory
from declaration.tests.factories import DeclarationProjectFactory, ProjectUpdateFactory, SignatureFactory
from declaration.views.progress import your_projects

pytestmark = pytest.mark.django_db

URL = reverse("declaration:progress")


def titles(response) -> list[str]:
    return [project.title for project in response.context["page"].object_list]


def test_it_needs_someone_signed_in(client):
    assert your_projects.access_rule == "signed_in"
    assert client.get(URL).status_code == 302


def test_it_refuses_post(client, member):
    client.force_login(member)
    assert client.post(URL).status_code == 405


def test_it_lists_the_projects_of_signed_organisations_the_person_belongs_to(client, member):
    ours = SignatureFactory(signed=True)
    MembershipFactory(user=member, organisation=ours.organisation)
    ProjectUpdateFactory(project=DeclarationProjectFactory(signature=ours, title="Open waste data"), done=True)
    DeclarationProjectFactory(signature=SignatureFactory(signed=True), title="Someone else’s project")
    pending = SignatureFactory(submitted=True)
    MembershipFactory(user=member, organisation=pending.organisation)
    DeclarationProjectFactory(signature=pending, title="Not signed yet")
    client.force_login(member)

    response = client.get(URL)

    content = response.content.decode()
    assert titles(response) == ["Open waste data"]
    assert reverse("declaration:progress_new", args=[ours.projects.get().pk]) in content
    assert "govuk-tag--green" in content


def test_it_says_how_to_get_a_project_to_update(client, member):
    client.force_login(member)

    content = client.get(URL).content.decode()

    assert "once you are an approved member of it" in content
