import csv
import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.utils.http import http_date

from accounts.tests.factories import UserFactory
from events.models import Topic
from fund.tests.factories import FundedProjectFactory, RoundFactory
from organisations.tests.factories import OrganisationFactory
from projects.models import Licence, OutputType, PhaseName, Project
from projects.tests.factories import OutputFactory, ProjectFactory, ProjectPhaseFactory, UpdateFactory
from projects.workflow import PhaseStatus, ProjectStatus

pytestmark = pytest.mark.django_db

REPORT = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def rows(response) -> list[dict]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"))))


@pytest.fixture
def project():
    camden = OrganisationFactory(name="London Borough of Camden", slug="camden")
    project = ProjectFactory(
        slug="housing-repairs",
        title="Housing repairs",
        lead_organisation=camden,
        current_phase=PhaseName.ALPHA,
        status=ProjectStatus.STOPPED,
        status_reason="The partners bought a product.",
        contact_email="repairs@camden.gov.uk",
    )
    project.partner_organisations.add(
        OrganisationFactory(name="Leeds City Council", slug="leeds"),
        OrganisationFactory(name="Aberdeen City Council", slug="aberdeen"),
    )
    project.topics.add(Topic.objects.create(slug="housing-test", name="Housing (test)"))
    grant = FundedProjectFactory(
        slug="housing-repairs-discovery", bid__round=RoundFactory(past=True), bid__lead_organisation=camden
    )
    ProjectPhaseFactory(
        project=project,
        grant=grant,
        decision_note="",
        status=PhaseStatus.COMPLETE,
        starts_on=datetime.date(2026, 1, 5),
        ends_on=datetime.date(2026, 3, 27),
    )
    ProjectPhaseFactory(
        project=project,
        phase=PhaseName.ALPHA,
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2026, 6, 30),
        decision_note="Agreed by Dana Decider",
    )
    author = UserFactory(full_name="Wren Weeknoter", email="wren@camden.gov.uk")
    UpdateFactory.create_batch(2, project=project, author=author)
    return project


def test_it_downloads_projects_as_csv_one_row_each(client, project):
    ProjectFactory(title="Bin collections")

    response = client.get("/data/projects.csv")

    assert [row["title"] for row in rows(response)] == ["Bin collections", "Housing repairs"]
    assert rows(response)[1] == {
        "id": "housing-repairs",
        "title": "Housing repairs",
        "summary": project.summary,
        "problem": project.problem,
        "lead_organisation": "camden",
        "lead_organisation_name": "London Borough of Camden",
        "partner_organisations": "aberdeen; leeds",
        "topics": "housing-test",
        "current_phase": "Alpha",
        "status": "Stopped",
        "status_reason": "The partners bought a product.",
        "phases": "Discovery (Complete, 2026-01-05 to 2026-03-27); Alpha (In progress, 2026-04-01 to 2026-06-30)",
        "grants": "housing-repairs-discovery",
        "updates": "2",
        "url": "http://testserver/projects/housing-repairs",
    }
    text = response.content.decode()
    assert "@" not in text and "Weeknoter" not in text and "Decider" not in text


def test_it_downloads_projects_as_json_exactly_as_the_api_gives_them(client, project):
    response = client.get("/data/projects.json")

    assert response.status_code == 200
    assert response.json()["title"] == "Funded projects"
    assert response.json()["results"] == client.get("/api/v1/projects").json()["results"]
    text = response.content.decode()
    assert "@" not in text and "Weeknoter" not in text and "Decider" not in text


def test_it_downloads_outputs_as_csv_one_row_each(client, project):
    OutputFactory(
        project=project,
        title="Repairs API",
        phase=PhaseName.ALPHA,
        output_type=OutputType.CODE,
        link="https://www.example.gov.uk/repairs-api",
        repository_url="https://github.com/example/repairs-api",
        licence=Licence.MIT,
        created_by=UserFactory(full_name="Uma Uploaderson"),
    )
    report = OutputFactory.build(
        project=project,
        title="=Discovery report",
        created_by=UserFactory(),
        link="",
        file_type="pdf",
        file_size=len(REPORT),
    )
    report.file.save("0123456789abcdef.pdf", ContentFile(REPORT))

    response = client.get("/data/outputs.csv")

    newest, code = rows(response)
    assert newest == {
        "id": str(report.pk),
        "project": "housing-repairs",
        "project_title": "Housing repairs",
        "phase": "Discovery",
        "type": "Discovery report",
        "title": "'=Discovery report",  # never run as a formula
        "description": report.description,
        "link": "",
        "repository_url": "",
        "licence": "",
        "file_url": f"http://testserver/projects/housing-repairs/outputs/{report.pk}/download",
        "file_type": "pdf",
        "file_size": str(len(REPORT)),
        "created_at": newest["created_at"],
        "url": "http://testserver/projects/housing-repairs#outputs",
    }
    assert datetime.datetime.fromisoformat(newest["created_at"]) == report.created_at
    assert (code["title"], code["type"], code["licence"]) == ("Repairs API", "Code repository", "MIT")
    assert (code["link"], code["file_url"]) == ("https://www.example.gov.uk/repairs-api", "")
    assert "Uploaderson" not in response.content.decode()


def test_it_downloads_outputs_as_json_exactly_as_the_api_gives_them(client, project):
    OutputFactory.create_batch(2, project=project)

    response = client.get("/data/outputs.json")

    assert response.status_code == 200
    assert response.json()["title"] == "Outputs of funded projects"
    assert response.json()["results"] == client.get("/api/v1/projects/outputs").json()["results"]


def test_it_says_when_projects_last_changed(client, project):
    update = UpdateFactory(project=project)
    Project.objects.filter(pk=project.pk).update(updated_at=update.published_at - datetime.timedelta(days=1))

    response = client.get("/data/projects.csv")

    assert response["Last-Modified"] == http_date(update.published_at.timestamp())


@pytest.mark.parametrize("download", ["projects.csv", "projects.json", "outputs.csv", "outputs.json"])
def test_each_download_runs_the_same_queries_however_many_rows(client, django_assert_max_num_queries, download):
    round_ = RoundFactory(past=True)

    def queries_for_the_file(count):
        for _ in range(count):
            project = ProjectFactory()
            project.partner_organisations.add(OrganisationFactory())
            project.topics.add(Topic.objects.first())
            grant = FundedProjectFactory(bid__round=round_, bid__lead_organisation=project.lead_organisation)
            ProjectPhaseFactory(project=project, grant=grant, decision_note="")
            UpdateFactory(project=project)
            OutputFactory(project=project)
        with django_assert_max_num_queries(30) as captured:
            assert client.get(f"/data/{download}").status_code == 200
        return len(captured)

    assert queries_for_the_file(3) == queries_for_the_file(30)
