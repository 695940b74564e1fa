import csv
import datetime
import io
import json
from zoneinfo import ZoneInfo

import pytest

from declaration.models import Signature
from declaration.tests.factories import DeclarationProjectFactory, ProjectUpdateFactory, SignatureFactory
from declaration.workflow import SignatureStatus
from organisations.models import Nation, Organisation, OrganisationType
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def table(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.content
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def leeds_signature() -> Signature:
    organisation = OrganisationFactory(
        name="Leeds City Council",
        slug="leeds",
        org_id="GB-LAE-LDS",
        organisation_type=OrganisationType.METROPOLITAN_DISTRICT,
        nation=Nation.ENGLAND,
        region="Yorkshire and The Humber",
        co_publisher=True,
    )
    signature = SignatureFactory(
        signed=True,
        organisation=organisation,
        is_founding=True,
        approver_job_title="Chief Executive",
        signed_at=datetime.datetime(2018, 7, 4, 10, 0, tzinfo=LONDON),
    )
    DeclarationProjectFactory(
        signature=signature,
        title="Open waste data",
        description="Bin days as open data.",
        principles=[2, 5],
        expected_completion=datetime.date(2019, 6, 30),
        link="https://leeds.example/waste",
    )
    return signature


def test_it_offers_one_signatory_a_row(client):
    leeds_signature()
    withdrawn = SignatureFactory(signed=True, organisation=OrganisationFactory(name="Gone Council"))
    Signature.objects.filter(pk=withdrawn.pk).update(status=SignatureStatus.WITHDRAWN)

    assert table(client.get("/data/signatories.csv")) == [
        {
            "id": "leeds",
            "organisation": "Leeds City Council",
            "org_id": "GB-LAE-LDS",
            "type": "Metropolitan district",
            "nation": "England",
            "region": "Yorkshire and The Humber",
            "signed_at": "2018-07-04T10:00:00+01:00",
            "founding": "yes",
            "co_publisher": "yes",
            "approver_job_title": "Chief Executive",
            "declaration_projects": "Open waste data",
            "url": "http://testserver/organisations/leeds#declaration",
        }
    ]


def test_it_offers_one_declaration_project_a_row(client):
    signature = leeds_signature()
    project = signature.projects.get()
    ProjectUpdateFactory(project=project, status="done", created_at=datetime.datetime(2019, 5, 1, tzinfo=LONDON))
    SignatureFactory(awaiting_signature=True, organisation=OrganisationFactory(name="Waiting Council"))

    assert table(client.get("/data/declaration-projects.csv")) == [
        {
            "id": str(project.pk),
            "signatory_id": "leeds",
            "organisation": "Leeds City Council",
            "org_id": "GB-LAE-LDS",
            "title": "Open waste data",
            "description": "Bin days as open data.",
            "principles": "2; 5",
            "status": "Done",
            "overdue": "no",
            "expected_completion": "2019-06-30",
            "link": "https://leeds.example/waste",
            "updates": "1",
        }
    ]


def test_it_makes_formulas_safe(client):
    organisation = OrganisationFactory(name="=HYPERLINK(1)", slug="formula")
    signature = SignatureFactory(signed=True, organisation=organisation, approver_job_title="@Chief")
    DeclarationProjectFactory(signature=signature, title="-1+2", description="+SUM(A1)")

    [signatory] = table(client.get("/data/signatories.csv"))
    [project] = table(client.get("/data/declaration-projects.csv"))

    assert signatory["organisation"] == "'=HYPERLINK(1)"
    assert signatory["approver_job_title"] == "'@Chief"
    assert signatory["declaration_projects"] == "'-1+2"
    assert project["title"] == "'-1+2"
    assert project["description"] == "'+SUM(A1)"


def test_its_json_is_the_apis_records(client):
    leeds_signature()
    SignatureFactory(signed=True, organisation=OrganisationFactory(name="Aberdeen City Council"))

    download = client.get("/data/signatories.json")
    api = client.get("/api/v1/signatories", {"sort": "name"}).json()

    assert download.status_code == 200
    assert json.loads(download.content)["results"] == api["results"]
    assert [record["organisation"]["name"] for record in api["results"]] == [
        "Aberdeen City Council",
        "Leeds City Council",
    ]


def test_its_projects_json_carries_each_projects_signatory(client):
    signature = leeds_signature()
    project = signature.projects.get()

    [record] = json.loads(client.get("/data/declaration-projects.json").content)["results"]
    signatory = client.get(record["signatory_url"].removeprefix("http://testserver")).json()

    assert record["id"] == project.pk
    assert record["signatory_id"] == "leeds" == signatory["id"]
    assert record["organisation"]["org_id"] == "GB-LAE-LDS"
    assert record["status"] == "not_started"
    assert [principle["number"] for principle in record["principles"]] == [2, 5]
    assert {key: value for key, value in record.items() if key in signatory["projects"][0]} == signatory["projects"][0]


def test_it_says_when_the_data_last_changed(client):
    signature = leeds_signature()
    Signature.objects.filter(pk=signature.pk).update(updated_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    Organisation.objects.filter(pk=signature.organisation_id).update(
        updated_at=datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC)
    )
    posted = datetime.datetime(2024, 2, 3, tzinfo=datetime.UTC)
    ProjectUpdateFactory(project=signature.projects.get(), created_at=posted)

    assert client.get("/data/signatories.csv")["Last-Modified"] == "Sat, 03 Feb 2024 00:00:00 GMT"
    assert client.get("/data/declaration-projects.json")["Last-Modified"] == "Sat, 03 Feb 2024 00:00:00 GMT"

    # A withdrawal takes a signatory out of the data: that is a change too.
    withdrawn = SignatureFactory(signed=True)
    Signature.objects.filter(pk=withdrawn.pk).update(
        status=SignatureStatus.WITHDRAWN, updated_at=datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)
    )
    Organisation.objects.filter(pk=withdrawn.organisation_id).update(updated_at=posted)

    assert client.get("/data/signatories.json")["Last-Modified"] == "Fri, 01 Mar 2024 00:00:00 GMT"
    assert client.get("/data/declaration-projects.csv")["Last-Modified"] == "Fri, 01 Mar 2024 00:00:00 GMT"


@pytest.mark.parametrize("path", ["/data/signatories.csv", "/data/signatories.json"])
def test_it_shows_no_names_emails_or_lead_job_title(client, open_data, path):
    text = client.get(path).content.decode("utf-8-sig")

    assert "London Borough of Camden" in text
    for secret in [*open_data.names, *open_data.emails, "Head of Digital"]:
        assert secret not in text


@pytest.mark.parametrize(
    "path",
    [
        "/data/signatories.csv",
        "/data/signatories.json",
        "/data/declaration-projects.csv",
        "/data/declaration-projects.json",
    ],
)
def test_it_runs_the_same_queries_however_many_signatories(client, django_assert_max_num_queries, path):
    def queries_for_the_file(count):
        for _ in range(count):
            signature = SignatureFactory(signed=True)
            for project in DeclarationProjectFactory.create_batch(2, signature=signature, principles=[1, 3]):
                ProjectUpdateFactory.create_batch(2, project=project)
        with django_assert_max_num_queries(20) as captured:
            response = client.get(path)
        assert signature.organisation.name in response.content.decode("utf-8-sig")
        return len(captured)

    assert queries_for_the_file(3) == queries_for_the_file(30)
