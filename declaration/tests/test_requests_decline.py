import pytest
from django.core import mail

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from declaration.models import OrganisationRequest
from organisations.models import Organisation

pytestmark = pytest.mark.django_db

REASON = "Suppliers cannot sign the declaration"


@pytest.fixture
def organisation_request():
    return OrganisationRequest.objects.create(
        requested_by=UserFactory(email="robin@supplier.example"),
        name="Supplier Ltd",
        organisation_type="other_public_body",
        nation="england",
    )


def url(organisation_request) -> str:
    return f"/manage/organisation-requests/{organisation_request.pk}/decline"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, organisation_request):
    response = client.post(url(organisation_request), {"reason": REASON})
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_a_moderator(request, sign_in_verified, organisation_request, person):
    client = sign_in_verified(request.getfixturevalue(person))
    assert client.post(url(organisation_request), {"reason": REASON}).status_code == 403
    organisation_request.refresh_from_db()
    assert organisation_request.status == OrganisationRequest.Status.PENDING


def test_it_shows_an_unknown_request_as_not_found(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get("/manage/organisation-requests/999/decline").status_code == 404


def test_it_asks_for_a_reason(sign_in_verified, moderator, organisation_request):
    page = sign_in_verified(moderator).get(url(organisation_request)).content.decode()
    assert '<textarea name="reason"' in page
    assert "Decline request</button>" in page


def test_it_declines_the_request_and_tells_the_lead(
    sign_in_verified, moderator, organisation_request, django_capture_on_commit_callbacks
):
    client = sign_in_verified(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(organisation_request), {"reason": REASON})

    assert response.status_code == 302
    assert response.url == "/manage/organisation-requests"
    organisation_request.refresh_from_db()
    assert organisation_request.status == OrganisationRequest.Status.DECLINED
    event = AuditEvent.objects.get(action="declaration.organisation_request_declined")
    assert (event.actor, event.reason, event.changes) == (moderator, REASON, {"status": ["pending", "declined"]})
    (email,) = mail.outbox
    assert email.to == ["robin@supplier.example"]
    assert email.subject == "We could not add Supplier Ltd to Local Digital"
    assert REASON in email.body
    assert not Organisation.objects.exists()


def test_it_needs_a_reason(sign_in_verified, moderator, organisation_request):
    response = sign_in_verified(moderator).post(url(organisation_request), {"reason": "  "})
    assert response.status_code == 200
    assert '<a href="#id_reason">Enter a reason for declining the request</a>' in response.content.decode()
    organisation_request.refresh_from_db()
    assert organisation_request.status == OrganisationRequest.Status.PENDING


def test_it_shows_an_error_when_the_request_is_already_decided(sign_in_verified, moderator, organisation_request):
    organisation_request.status = OrganisationRequest.Status.ADDED
    organisation_request.save()
    response = sign_in_verified(moderator).post(url(organisation_request), {"reason": REASON})
    assert response.status_code == 200
    assert "This request has already been added" in response.content.decode()
    organisation_request.refresh_from_db()
    assert organisation_request.status == OrganisationRequest.Status.ADDED
    assert not mail.outbox


def test_it_accepts_only_get_and_post(sign_in_verified, moderator, organisation_request):
    assert sign_in_verified(moderator).delete(url(organisation_request)).status_code == 405
