import pytest
from django.core import mail
from django.utils import timezone

from core.models import AuditEvent
from declaration.models import ApproverLink
from declaration.services import hash_token
from declaration.tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signature():
    signature = SignatureFactory(awaiting_signature=True, approver_email="sam@resendshire.gov.uk")
    ApproverLink.objects.create(
        signature=signature, token_hash=hash_token("old"), expires_at=timezone.now() + timezone.timedelta(days=5)
    )
    return signature


def url(signature):
    return f"/manage/signatures/{signature.reference}/send-link-again"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, signature):
    response = client.post(url(signature))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_a_moderator(request, sign_in_verified, signature, person):
    assert sign_in_verified(request.getfixturevalue(person)).post(url(signature)).status_code == 403
    assert signature.approver_links.count() == 1


def test_it_only_accepts_a_post(sign_in_verified, moderator, signature):
    assert sign_in_verified(moderator).get(url(signature)).status_code == 405


def test_it_shows_an_unknown_reference_as_not_found(sign_in_verified, moderator):
    assert sign_in_verified(moderator).post("/manage/signatures/LDD-NOSUCH/send-link-again").status_code == 404


def test_it_sends_a_new_link_and_stops_the_old_one(
    sign_in_verified, moderator, signature, django_capture_on_commit_callbacks
):
    client = sign_in_verified(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(signature))
    assert response.status_code == 302
    assert response.url == f"/manage/signatures/{signature.reference}"
    old = ApproverLink.objects.get(token_hash=hash_token("old"))
    assert old.expires_at <= timezone.now()
    assert signature.approver_links.count() == 2
    assert AuditEvent.objects.get(action="declaration.approver_link_resent").actor == moderator
    assert mail.outbox[0].to == ["sam@resendshire.gov.uk"]
    assert "We have emailed Sam Chief a new link to sign" in client.get(response.url).content.decode()


def test_it_shows_an_error_once_the_declaration_is_signed(sign_in_verified, moderator):
    signature = SignatureFactory(signed=True)
    response = sign_in_verified(moderator).post(url(signature))
    assert response.status_code == 200
    assert "The link can only be sent again while the declaration waits to be signed" in response.content.decode()
    assert not signature.approver_links.exists()
