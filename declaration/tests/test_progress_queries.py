"""The public record of progress: each project's status and updates on the list of projects
and on its organisation's page."""

import datetime
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from declaration import queries
from declaration.tests.factories import DeclarationProjectFactory, ProjectUpdateFactory, SignatureFactory

pytestmark = pytest.mark.django_db

PROJECTS = reverse("declaration:projects")


def titles(response) -> list[str]:
    return [project.title for project in response.context["page"].object_list]


def signed_project(title: str, *, months_ago: int = 1, **fields):
    signed_at = queries.months_before(timezone.now(), months_ago)
    return DeclarationProjectFactory(
        signature=SignatureFactory(signed=True, signed_at=signed_at), title=title, **fields
    )


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_project_without_updates_has_not_started(client):
    signed_project("Open waste data")

    content = client.get(PROJECTS).content.decode()

    assert '<strong class="govuk-tag govuk-tag--grey">Not started</strong>' in content
    assert "No updates yet." in content


def test_the_list_shows_the_newest_status_and_updates_newest_first_without_authors(client):
    author = UserFactory(full_name="Priya Secretname", email="priya@secret.example")
    project = signed_project("Open waste data")
    ProjectUpdateFactory(
        project=project,
        author=author,
        what_happened="Started with one ward.",
        lessons_learnt="Crews know best.",
        created_at=timezone.now() - timedelta(days=40),
    )
    ProjectUpdateFactory(project=project, author=author, done=True, what_happened="Live in every ward.")

    content = client.get(PROJECTS).content.decode()

    assert '<strong class="govuk-tag govuk-tag--green">Done</strong>' in content
    assert content.index("Live in every ward.") < content.index("Started with one ward.")
    assert "Crews know best." in content
    assert "Priya" not in content
    assert "secret.example" not in content


def test_the_organisation_page_shows_status_and_updates_without_authors(client):
    author = UserFactory(full_name="Priya Secretname")
    project = signed_project("Open waste data")
    ProjectUpdateFactory(project=project, author=author, what_happened="Live in one ward.", lessons_learnt="Go slow.")

    content = client.get(project.signature.organisation.get_absolute_url()).content.decode()

    assert '<strong class="govuk-tag govuk-tag--blue">In progress</strong>' in content
    assert "Live in one ward." in content
    assert "Go slow." in content
    assert "Priya" not in content
    assert reverse("declaration:progress") in content


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("", ["Finished", "Late", "Just signed", "Stopped early"]),
        ("not_started", ["Late", "Just signed"]),
        ("in_progress", []),
        ("done", ["Finished"]),
        ("stopped", ["Stopped early"]),
        ("overdue", ["Late"]),
    ],
)
def test_the_list_filters_by_status(client, status, expected):
    ProjectUpdateFactory(project=signed_project("Finished", months_ago=14), done=True)
    signed_project("Late", months_ago=13)
    signed_project("Just signed", months_ago=2)
    ProjectUpdateFactory(project=signed_project("Stopped early", months_ago=15), stopped=True)

    assert sorted(titles(client.get(PROJECTS, {"status": status}))) == sorted(expected)


def test_an_overdue_project_has_an_overdue_tag(client):
    signed_project("Late", months_ago=13)

    content = client.get(PROJECTS).content.decode()

    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in content


def test_a_project_signed_less_than_a_year_ago_is_not_overdue(client):
    signed_project("Recent", months_ago=11)

    assert titles(client.get(PROJECTS, {"status": "overdue"})) == []


def test_the_list_shows_an_error_for_an_unknown_status(client):
    signed_project("Open waste data")

    content = client.get(PROJECTS, {"status": "late"}).content.decode()

    assert '<a href="#id_status">Select a status from the list</a>' in content


def test_the_list_runs_as_many_queries_for_20_projects_with_updates_as_for_2(client):
    for _ in range(2):
        ProjectUpdateFactory(project=signed_project("Project"))
    few = count_queries(client, PROJECTS)
    for _ in range(18):
        project = signed_project("Project", principles=[1, 4])
        ProjectUpdateFactory(project=project, created_at=timezone.now() - timedelta(days=9))
        ProjectUpdateFactory(project=project, done=True)

    assert count_queries(client, PROJECTS) == few
    assert count_queries(client, f"{PROJECTS}?status=overdue") <= few


def test_the_organisation_page_runs_as_many_queries_for_20_projects_with_updates_as_for_2(client):
    signature = SignatureFactory(signed=True, signed_at=timezone.now() - datetime.timedelta(days=500))
    for _ in range(2):
        ProjectUpdateFactory(project=DeclarationProjectFactory(signature=signature))
    url = signature.organisation.get_absolute_url()
    few = count_queries(client, url)
    for _ in range(18):
        project = DeclarationProjectFactory(signature=signature)
        ProjectUpdateFactory(project=project, stopped=True)
        ProjectUpdateFactory(project=project, created_at=timezone.now() - timedelta(days=3))

    assert count_queries(client, url) == few


def test_months_before_keeps_to_the_end_of_a_shorter_month():
    moment = datetime.datetime(2025, 3, 31, 9, tzinfo=datetime.UTC)

    assert queries.months_before(moment, 1) == datetime.datetime(2025, 2, 28, 9, tzinfo=datetime.UTC)
    assert queries.months_before(moment, 12) == datetime.datetime(2024, 3, 31, 9, tzinfo=datetime.UTC)
    assert queries.months_before(moment, 3) == datetime.datetime(2024, 12, 31, 9, tzinfo=datetime.UTC)
