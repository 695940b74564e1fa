import datetime

import pytest

from declaration.models import Signature
from declaration.tests.factories import DeclarationProjectFactory, ProjectUpdateFactory, SignatureFactory
from declaration.workflow import SignatureStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_it_finds_a_signatory_by_its_organisations_id_or_org_id(client):
    organisation = OrganisationFactory(name="Leeds City Council", slug="leeds", org_id="GB-LAE-LDS")
    signature = SignatureFactory(signed=True, organisation=organisation, approver_job_title="Chief Executive")
    project = DeclarationProjectFactory(signature=signature, title="Open waste data", principles=[1])
    ProjectUpdateFactory(project=project, status="stopped", what_happened="Another council built it first.")

    by_slug = client.get("/api/v1/signatories/leeds")
    by_org_id = client.get("/api/v1/signatories/GB-LAE-LDS")

    assert by_slug.status_code == 200
    assert by_org_id.json() == by_slug.json()
    signatory = by_slug.json()
    assert signatory["id"] == "leeds"
    assert signatory["organisation"]["name"] == "Leeds City Council"
    assert signatory["approver_job_title"] == "Chief Executive"
    assert signatory["founding"] is False and signatory["co_publisher"] is False
    assert signatory["url"] == "http://testserver/organisations/leeds#declaration"
    [project] = signatory["projects"]
    assert project["title"] == "Open waste data"
    assert project["principles"] == [
        {"number": 1, "name": "Redesign services around the needs of the people using them"}
    ]
    assert project["status"] == "stopped"
    assert [update["what_happened"] for update in project["updates"]] == ["Another council built it first."]


def test_it_is_where_the_organisation_points(client):
    SignatureFactory(signed=True, organisation=OrganisationFactory(slug="camden"))

    link = client.get("/api/v1/organisations/camden").json()["signatory"]

    assert client.get(link.removeprefix("http://testserver")).json()["id"] == "camden"


def test_it_shows_the_signature_that_stands_after_a_withdrawn_one(client):
    organisation = OrganisationFactory(slug="bury")
    earlier = SignatureFactory(signed=True, organisation=organisation, approver_job_title="Leader")
    DeclarationProjectFactory(signature=earlier, title="Withdrawn commitment")
    Signature.objects.filter(pk=earlier.pk).update(
        status=SignatureStatus.WITHDRAWN, signed_at=datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)
    )
    current = SignatureFactory(signed=True, organisation=organisation, approver_job_title="Chief Executive")
    DeclarationProjectFactory(signature=current, title="Current commitment")

    signatory = client.get("/api/v1/signatories/bury").json()

    assert signatory["approver_job_title"] == "Chief Executive"
    assert [project["title"] for project in signatory["projects"]] == ["Current commitment"]


@pytest.mark.parametrize(
    "status",
    [
        SignatureStatus.DRAFT,
        SignatureStatus.SUBMITTED,
        SignatureStatus.CHANGES_REQUESTED,
        SignatureStatus.AWAITING_SIGNATURE,
        SignatureStatus.WITHDRAWN,
        SignatureStatus.REJECTED,
    ],
)
def test_it_finds_no_signature_that_does_not_stand(client, status):
    signature = SignatureFactory(signed=True, organisation=OrganisationFactory(slug="wigan", org_id="GB-WGN"))
    Signature.objects.filter(pk=signature.pk).update(status=status)

    for id in ["wigan", "GB-WGN"]:
        response = client.get(f"/api/v1/signatories/{id}")
        assert response.status_code == 404
        assert response.json() == {"message": f"No signatory has the id {id}", "errors": []}


def test_it_finds_no_signatory_for_an_organisation_that_has_not_signed(client):
    OrganisationFactory(slug="never-signed")

    assert client.get("/api/v1/signatories/never-signed").status_code == 404
    assert client.get("/api/v1/signatories/no-such-organisation").status_code == 404


def test_it_explains_an_id_that_cannot_be_one(client):
    response = client.get("/api/v1/signatories/not%20an%20id")

    assert response.status_code == 422
    assert [error["parameter"] for error in response.json()["errors"]] == ["id"]


def test_it_shows_no_names_emails_or_lead_job_title(client, open_data):
    response = client.get("/api/v1/signatories/camden")

    assert response.status_code == 200
    text = response.content.decode()
    for secret in [*open_data.names, *open_data.emails, "Head of Digital"]:
        assert secret not in text
