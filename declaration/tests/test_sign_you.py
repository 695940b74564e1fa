import pytest

from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory

pytestmark = pytest.mark.django_db

VALID = {"lead_name": "Robin Lead", "lead_job_title": "Head of Digital"}


@pytest.fixture
def draft(client):
    signature = SignatureFactory(lead_name="", lead_job_title="", approver_name="", approver_email="")
    client.force_login(signature.lead)
    return signature


def url(signature) -> str:
    return f"/declaration/sign/{signature.reference}/you"


def test_it_sends_someone_signed_out_to_sign_in(client):
    signature = SignatureFactory()
    response = client.get(url(signature))
    assert response.status_code == 302
    assert response.url == f"/sign-in?next={url(signature)}"


def test_it_does_not_find_another_persons_declaration(client, member):
    client.force_login(member)
    assert client.get(url(SignatureFactory())).status_code == 404


def test_it_saves_the_leads_details_and_asks_about_the_approver(client, draft):
    response = client.post(url(draft), {"lead_name": " Robin Lead ", "lead_job_title": "Head of Digital"})
    draft.refresh_from_db()
    assert response.url == f"/declaration/sign/{draft.reference}/approver"
    assert (draft.lead_name, draft.lead_job_title) == ("Robin Lead", "Head of Digital")


def test_it_keeps_the_approvers_details(client, draft):
    draft.approver_name, draft.approver_email = "Sam Chief", "sam@example.org"
    draft.save()
    DeclarationProjectFactory(signature=draft)
    response = client.post(url(draft), VALID)
    draft.refresh_from_db()
    assert response.url == f"/declaration/sign/{draft.reference}/check"
    assert draft.approver_email == "sam@example.org"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("lead_name", "", "Enter your full name"),
        ("lead_name", "x" * 201, "Your name must be 200 characters or fewer"),
        ("lead_job_title", " ", "Enter your job title"),
        ("lead_job_title", "x" * 201, "Your job title must be 200 characters or fewer"),
    ],
)
def test_it_shows_each_field_error(client, draft, field, value, message):
    response = client.post(url(draft), {**VALID, field: value})
    page = response.content.decode()
    assert "<title>Error: " in page
    assert f'href="#id_{field}"' in page
    assert message in page
    draft.refresh_from_db()
    assert draft.lead_job_title == ""


def test_it_sends_a_submitted_declarations_lead_to_its_confirmation(client):
    signature = SignatureFactory(submitted=True)
    client.force_login(signature.lead)
    response = client.post(url(signature), VALID)
    assert response.url == f"/declaration/sign/{signature.reference}/submitted"


def test_it_accepts_only_get_and_post(client, draft):
    assert client.put(url(draft)).status_code == 405


def test_it_shows_a_reference_with_a_nul_byte_as_not_found(client, member):
    client.force_login(member)
    assert client.get("/declaration/sign/LDD-%00/you").status_code == 404
