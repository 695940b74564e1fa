import pytest
from django.core import mail

from core.models import AuditEvent
from declaration.models import ApproverLink
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from declaration.workflow import SignatureStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def signature():
    signature = SignatureFactory(
        submitted=True, lead__email="robin@approveshire.gov.uk", approver_email="sam@approveshire.gov.uk"
    )
    DeclarationProjectFactory(signature=signature)
    return signature


def url(signature):
    return f"/manage/signatures/{signature.reference}/approve"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, signature):
    response = client.post(url(signature))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_a_moderator(request, sign_in_verified, signature, person):
    assert sign_in_verified(request.getfixturevalue(person)).post(url(signature)).status_code == 403
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SUBMITTED


def test_it_only_accepts_a_post(sign_in_verified, moderator, signature):
    assert sign_in_verified(moderator).get(url(signature)).status_code == 405


def test_it_shows_an_unknown_reference_as_not_found(sign_in_verified, moderator):
    assert sign_in_verified(moderator).post("/manage/signatures/LDD-NOSUCH/approve").status_code == 404


def test_it_approves_and_sends_the_approver_their_link(
    sign_in_verified, moderator, signature, django_capture_on_commit_callbacks
):
    client = sign_in_verified(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(signature))
    assert response.status_code == 302
    assert response.url == f"/manage/signatures/{signature.reference}"
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.AWAITING_SIGNATURE
    event = AuditEvent.objects.get(action="declaration.approved")
    assert event.actor == moderator
    assert event.changes == {"status": ["submitted", "awaiting_signature"]}
    assert ApproverLink.objects.filter(signature=signature).count() == 1
    assert {tuple(message.to) for message in mail.outbox} == {
        ("sam@approveshire.gov.uk",),
        ("robin@approveshire.gov.uk",),
    }
    banner = client.get(response.url).content.decode()
    assert "govuk-notification-banner--success" in banner
    assert "You approved the declaration" in banner


def test_it_shows_an_error_when_the_declaration_has_moved_on(sign_in_verified, moderator):
    # Another moderator asked for changes while this one had the page open.
    signature = SignatureFactory(status=SignatureStatus.CHANGES_REQUESTED)
    response = sign_in_verified(moderator).post(url(signature))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "This declaration cannot be approved because it is changes requested" in page
    assert not AuditEvent.objects.filter(action="declaration.approved").exists()
    assert mail.outbox == []
