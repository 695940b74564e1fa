import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from declaration.models import Principle
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from declaration.views.directory import project_list
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("declaration:projects")


def titles(response) -> list[str]:
    return [project.title for project in response.context["page"].object_list]


def test_it_is_public(client):
    assert project_list.access_rule == "public"
    assert client.get(URL).status_code == 200


def test_it_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_it_lists_projects_of_signed_organisations_only(client):
    signature = SignatureFactory(signed=True, organisation=OrganisationFactory(name="Leeds City Council"))
    DeclarationProjectFactory(
        signature=signature, title="Open waste data", link="https://example.org/waste", principles=[2, 5]
    )
    DeclarationProjectFactory(signature=SignatureFactory(submitted=True), title="Not yet approved")

    response = client.get(URL)

    content = response.content.decode()
    assert titles(response) == ["Open waste data"]
    assert "Leeds City Council" in content
    assert Principle.FIX_THE_PLUMBING.label in content
    assert Principle.OPEN_CULTURE.label in content
    assert "https://example.org/waste" in content


def test_it_filters_by_principle(client):
    DeclarationProjectFactory(signature=SignatureFactory(signed=True), title="Plumbing", principles=[2])
    DeclarationProjectFactory(signature=SignatureFactory(signed=True), title="Culture", principles=[5, 1])

    assert titles(client.get(URL, {"principle": "5"})) == ["Culture"]


def test_it_shows_a_field_error_for_an_unknown_principle(client):
    DeclarationProjectFactory(signature=SignatureFactory(signed=True), title="Plumbing")

    response = client.get(URL, {"principle": "42"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content
    assert '<a href="#id_principle">Select a principle from the list</a>' in content
    assert titles(response) == ["Plumbing"]


def test_it_runs_as_many_queries_for_20_projects_as_for_2(client):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(URL)
        return len(captured)

    DeclarationProjectFactory.create_batch(2, signature=SignatureFactory(signed=True))
    few = count()
    for _ in range(18):
        DeclarationProjectFactory(signature=SignatureFactory(signed=True), principles=[1, 4])

    assert count() == few
