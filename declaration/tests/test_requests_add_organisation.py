import pytest
from django.core import mail

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from declaration.models import OrganisationRequest
from organisations.models import Organisation, OrganisationDomain
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

CHECKED = {
    "name": "Testshire Fire and Rescue Service",
    "organisation_type": "other_public_body",
    "nation": "england",
    "region": "South West",
    "website": "https://testshire-fire.example",
    "email_domain": "testshire-fire.example",
}


@pytest.fixture
def organisation_request():
    return OrganisationRequest.objects.create(
        requested_by=UserFactory(email="robin@testshire-fire.example"),
        name="Testshire Fire & Rescue",
        organisation_type="other_public_body",
        nation="england",
        website="https://testshire-fire.example",
    )


def url(organisation_request) -> str:
    return f"/manage/organisation-requests/{organisation_request.pk}/add"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, organisation_request):
    response = client.get(url(organisation_request))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_a_moderator(request, sign_in_verified, organisation_request, person):
    client = sign_in_verified(request.getfixturevalue(person))
    assert client.post(url(organisation_request), CHECKED).status_code == 403
    assert not Organisation.objects.exists()


def test_it_shows_an_unknown_request_as_not_found(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get("/manage/organisation-requests/999/add").status_code == 404


def test_it_offers_the_leads_answers_to_check(sign_in_verified, moderator, organisation_request):
    page = sign_in_verified(moderator).get(url(organisation_request)).content.decode()
    assert 'value="Testshire Fire &amp; Rescue"' in page
    assert 'value="https://testshire-fire.example"' in page
    assert '<option value="other_public_body" selected>' in page
    assert "Add organisation</button>" in page


def test_it_adds_the_organisation_and_tells_the_lead(
    sign_in_verified, moderator, organisation_request, django_capture_on_commit_callbacks
):
    client = sign_in_verified(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(organisation_request), CHECKED)

    assert response.status_code == 302
    assert response.url == "/manage/organisation-requests"
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.slug, organisation.region) == (
        "Testshire Fire and Rescue Service",
        "testshire-fire-and-rescue-service",
        "South West",
    )
    assert OrganisationDomain.objects.get().organisation == organisation
    organisation_request.refresh_from_db()
    assert organisation_request.status == OrganisationRequest.Status.ADDED
    assert AuditEvent.objects.get(action="organisation.created").actor == moderator
    event = AuditEvent.objects.get(action="declaration.organisation_request_added")
    assert (event.actor, event.changes) == (moderator, {"status": ["pending", "added"]})
    (email,) = mail.outbox
    assert email.to == ["robin@testshire-fire.example"]
    assert email.subject == "Your organisation has been added – you can now sign"
    assert "/declaration/sign\n" in email.body


def test_it_gives_the_organisation_a_slug_of_its_own(sign_in_verified, moderator, organisation_request):
    OrganisationFactory(name="Testshire Fire and Rescue Service (old)", slug="testshire-fire-and-rescue-service")
    sign_in_verified(moderator).post(url(organisation_request), {**CHECKED, "email_domain": ""})
    assert Organisation.objects.get(name=CHECKED["name"]).slug == "testshire-fire-and-rescue-service-2"
    assert not OrganisationDomain.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter the name of your organisation"),
        ("organisation_type", "", "Choose the type of organisation"),
        ("nation", "", "Choose where the organisation works"),
        ("website", "not a web address", "Enter the web address in the correct format"),
        ("email_domain", "not a domain", "Enter the email domain in the correct format, like testshire.gov.uk"),
    ],
)
def test_it_shows_each_field_error(sign_in_verified, moderator, organisation_request, field, value, message):
    response = sign_in_verified(moderator).post(url(organisation_request), {**CHECKED, field: value})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert f'href="#id_{field}"' in page
    assert message in page
    assert not Organisation.objects.exists()


def test_it_refuses_a_domain_another_organisation_holds(sign_in_verified, moderator, organisation_request):
    OrganisationDomainFactory(domain="testshire-fire.example")
    response = sign_in_verified(moderator).post(url(organisation_request), CHECKED)
    assert response.status_code == 200
    assert '<a href="#id_email_domain">testshire-fire.example already belongs to another organisation</a>' in (
        response.content.decode()
    )
    organisation_request.refresh_from_db()
    assert organisation_request.status == OrganisationRequest.Status.PENDING


def test_it_refuses_an_organisation_already_listed(sign_in_verified, moderator, organisation_request):
    OrganisationFactory(name="Testshire Fire and Rescue Service")
    response = sign_in_verified(moderator).post(url(organisation_request), CHECKED)
    assert response.status_code == 200
    assert 'href="#id_name"' in response.content.decode()
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize("status", [OrganisationRequest.Status.ADDED, OrganisationRequest.Status.DECLINED])
def test_it_shows_an_error_when_the_request_is_already_decided(
    sign_in_verified, moderator, organisation_request, status
):
    organisation_request.status = status
    organisation_request.save()
    response = sign_in_verified(moderator).post(url(organisation_request), CHECKED)
    assert response.status_code == 200
    assert f"This request has already been {status.label.lower()}" in response.content.decode()
    assert not Organisation.objects.exists()
    assert not mail.outbox


def test_it_accepts_only_get_and_post(sign_in_verified, moderator, organisation_request):
    assert sign_in_verified(moderator).put(url(organisation_request)).status_code == 405
