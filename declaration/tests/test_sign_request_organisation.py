import pytest

from core.models import AuditEvent
from declaration.models import OrganisationRequest, Signature

pytestmark = pytest.mark.django_db

URL = "/declaration/sign/organisation/not-listed"
VALID = {"name": "Testshire Fire and Rescue", "organisation_type": "other_public_body", "nation": "england"}


def test_it_sends_someone_signed_out_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == f"/sign-in?next={URL}"


def test_it_records_a_request_for_moderators_and_starts_no_signature(client, member):
    client.force_login(member)
    response = client.post(URL, {**VALID, "website": "testshire-fire.gov.uk"}, follow=True)

    request = OrganisationRequest.objects.get()
    assert response.redirect_chain[-1] == ("/declaration/sign/organisation/requested", 302)
    assert "We’ll check your organisation" in response.content.decode()
    assert (request.requested_by, request.name, request.website) == (
        member,
        "Testshire Fire and Rescue",
        "https://testshire-fire.gov.uk",
    )
    assert request.status == OrganisationRequest.Status.PENDING
    assert AuditEvent.objects.filter(action="declaration.organisation_requested", actor=member).exists()
    assert not Signature.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter the name of your organisation"),
        ("name", "x" * 201, "The organisation’s name must be 200 characters or fewer"),
        ("organisation_type", "", "Choose the type of organisation"),
        ("organisation_type", "supplier", "Choose a type from the list"),
        ("nation", "", "Choose where the organisation works"),
        ("website", "not a web address", "Enter the web address in the correct format"),
        ("website", "javascript:alert(1)", "Enter the web address in the correct format"),
    ],
)
def test_it_shows_each_field_error(client, member, field, value, message):
    client.force_login(member)
    response = client.post(URL, {**VALID, field: value})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert f'href="#id_{field}"' in page
    assert message in page
    assert not OrganisationRequest.objects.exists()


def test_it_accepts_only_get_and_post(client, member):
    client.force_login(member)
    assert client.put(URL).status_code == 405
