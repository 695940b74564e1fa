import pytest

from core.models import AuditEvent
from declaration.tests.factories import SignatureFactory
from declaration.workflow import SignatureStatus

pytestmark = pytest.mark.django_db

REASON = "The chief executive wrote to withdraw on 3 November"


@pytest.fixture
def signature():
    return SignatureFactory(signed=True)


def url(signature):
    return f"/manage/signatures/{signature.reference}/withdraw"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, signature):
    response = client.get(url(signature))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_a_moderator(request, sign_in_verified, signature, person):
    client = sign_in_verified(request.getfixturevalue(person))
    assert client.post(url(signature), {"reason": REASON}).status_code == 403
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SIGNED


def test_it_shows_an_unknown_reference_as_not_found(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get("/manage/signatures/LDD-NOSUCH/withdraw").status_code == 404


def test_it_asks_for_a_reason(sign_in_verified, moderator, signature):
    response = sign_in_verified(moderator).get(url(signature))
    assert response.status_code == 200
    assert b"Withdraw signature</button>" in response.content


def test_it_withdraws_the_signature(sign_in_verified, moderator, signature):
    client = sign_in_verified(moderator)
    response = client.post(url(signature), {"reason": REASON})
    assert response.status_code == 302
    assert response.url == f"/manage/signatures/{signature.reference}"
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.WITHDRAWN
    assert signature.withdrawn_at is not None
    event = AuditEvent.objects.get(action="declaration.withdrawn")
    assert (event.actor, event.reason) == (moderator, REASON)
    assert "The signature has been withdrawn" in client.get(response.url).content.decode()


def test_it_needs_a_reason(sign_in_verified, moderator, signature):
    response = sign_in_verified(moderator).post(url(signature), {"reason": ""})
    assert '<a href="#id_reason">Enter a reason for withdrawing the signature</a>' in response.content.decode()
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SIGNED


def test_it_shows_an_error_when_the_declaration_is_not_signed(sign_in_verified, moderator):
    signature = SignatureFactory(submitted=True)
    response = sign_in_verified(moderator).post(url(signature), {"reason": REASON})
    assert response.status_code == 200
    assert "This signature cannot be withdrawn because it is waiting for review" in response.content.decode()
    assert not AuditEvent.objects.filter(action="declaration.withdrawn").exists()
