import pytest

from declaration.tests.factories import SignatureFactory
from organisations.tests.factories import OrganisationDomainFactory

pytestmark = pytest.mark.django_db

VALID = {
    "approver_name": "Sam Chief",
    "approver_job_title": "Chief Executive",
    "approver_email": "sam@testshire.gov.uk",
}


@pytest.fixture
def draft(client):
    signature = SignatureFactory(approver_name="", approver_job_title="", approver_email="")
    OrganisationDomainFactory(organisation=signature.organisation, domain="testshire.gov.uk")
    client.force_login(signature.lead)
    return signature


def url(signature) -> str:
    return f"/declaration/sign/{signature.reference}/approver"


def test_it_sends_someone_signed_out_to_sign_in(client):
    signature = SignatureFactory()
    assert client.get(url(signature)).url == f"/sign-in?next={url(signature)}"


def test_it_does_not_find_another_persons_declaration(client, member):
    client.force_login(member)
    assert client.get(url(SignatureFactory())).status_code == 404


def test_it_says_who_the_approver_is(client, draft):
    page = client.get(url(draft)).content.decode()
    assert "The chief executive, leader or equivalent, who will sign for your organisation" in page


def test_it_saves_the_approver_and_asks_for_a_project(client, draft):
    response = client.post(url(draft), {**VALID, "approver_email": "Sam@Testshire.gov.uk"})
    draft.refresh_from_db()
    assert response.url == f"/declaration/sign/{draft.reference}/project"
    assert (draft.approver_name, draft.approver_job_title, draft.approver_email) == (
        "Sam Chief",
        "Chief Executive",
        "sam@testshire.gov.uk",
    )
    assert draft.lead_name == "Robin Lead"


def test_it_refuses_the_lead_as_their_own_approver(client, draft):
    response = client.post(url(draft), {**VALID, "approver_email": draft.lead.email.upper()})
    page = response.content.decode()
    assert "<title>Error: " in page
    assert 'href="#id_approver_email"' in page
    assert "The senior approver must be someone other than you" in page
    draft.refresh_from_db()
    assert draft.approver_email == ""


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("approver_name", "", "Enter the senior approver’s full name"),
        ("approver_name", "x" * 201, "The senior approver’s name must be 200 characters or fewer"),
        ("approver_job_title", "", "Enter the senior approver’s job title"),
        ("approver_email", "", "Enter the senior approver’s work email address"),
        ("approver_email", "sam at testshire", "Enter an email address in the correct format"),
    ],
)
def test_it_shows_each_field_error(client, draft, field, value, message):
    page = client.post(url(draft), {**VALID, field: value}).content.decode()
    assert "<title>Error: " in page
    assert f'href="#id_{field}"' in page
    assert message in page
    draft.refresh_from_db()
    assert draft.approver_email == ""


def test_it_accepts_only_get_and_post(client, draft):
    assert client.put(url(draft)).status_code == 405
