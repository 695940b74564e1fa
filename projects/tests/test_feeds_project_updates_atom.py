import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from projects.tests.factories import ProjectFactory, UpdateFactory
from projects.views.catalogue import project_updates_atom

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def url(project) -> str:
    return reverse("projects:project_updates_atom", args=[project.slug])


def test_it_is_public(client):
    project = ProjectFactory()

    assert project_updates_atom.access_rule == "public"
    assert client.get(url(project)).status_code == 200


def test_it_refuses_post(client):
    assert client.post(url(ProjectFactory())).status_code == 405


def test_it_is_not_found_for_an_unknown_project(client):
    assert client.get(reverse("projects:project_updates_atom", args=["no-such-project"])).status_code == 404


def test_it_holds_only_the_projects_updates(client):
    project = ProjectFactory(title="Housing repairs")
    UpdateFactory(project=project, title="Sprint 1")
    UpdateFactory(title="Someone else's sprint")

    feed = ET.fromstring(client.get(url(project)).content)  # noqa: S314 - the service's own feed

    assert feed.find("atom:title", ATOM).text == "Updates from Housing repairs"
    assert feed.find("atom:link", ATOM).get("href").endswith(project.get_absolute_url())
    assert [entry.find("atom:title", ATOM).text for entry in feed.findall("atom:entry", ATOM)] == ["Sprint 1"]


def test_it_names_no_author(client):
    project = ProjectFactory()
    UpdateFactory(project=project, author=UserFactory(full_name="Zebedee Quillfeather", email="zebedee@example.com"))

    content = client.get(url(project)).content.decode()

    assert "Zebedee" not in content and "zebedee@example.com" not in content
