import pytest
from django.core import mail

from core.models import AuditEvent
from declaration.tests.factories import SignatureFactory
from declaration.workflow import SignatureStatus

pytestmark = pytest.mark.django_db

REASON = "Suppliers cannot sign the declaration"


@pytest.fixture
def signature():
    return SignatureFactory(submitted=True, lead__email="robin@rejectshire.example")


def url(signature):
    return f"/manage/signatures/{signature.reference}/reject"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, signature):
    response = client.get(url(signature))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_a_moderator(request, sign_in_verified, signature, person):
    client = sign_in_verified(request.getfixturevalue(person))
    assert client.post(url(signature), {"reason": REASON}).status_code == 403
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SUBMITTED


def test_it_shows_an_unknown_reference_as_not_found(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get("/manage/signatures/LDD-NOSUCH/reject").status_code == 404


def test_it_asks_for_a_reason(sign_in_verified, moderator, signature):
    response = sign_in_verified(moderator).get(url(signature))
    assert response.status_code == 200
    assert b'<textarea name="reason"' in response.content
    assert b"Reject declaration</button>" in response.content


def test_it_rejects_the_declaration(sign_in_verified, moderator, signature, django_capture_on_commit_callbacks):
    client = sign_in_verified(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(signature), {"reason": REASON})
    assert response.status_code == 302
    assert response.url == f"/manage/signatures/{signature.reference}"
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.REJECTED
    event = AuditEvent.objects.get(action="declaration.rejected")
    assert (event.actor, event.reason) == (moderator, REASON)
    assert event.changes == {"status": ["submitted", "rejected"]}
    assert mail.outbox[0].to == ["robin@rejectshire.example"]
    assert REASON in mail.outbox[0].body


def test_it_needs_a_reason(sign_in_verified, moderator, signature):
    response = sign_in_verified(moderator).post(url(signature), {"reason": ""})
    assert response.status_code == 200
    assert '<a href="#id_reason">Enter a reason for rejecting the declaration</a>' in response.content.decode()
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SUBMITTED


def test_it_shows_an_error_when_the_declaration_has_moved_on(sign_in_verified, moderator):
    signature = SignatureFactory(signed=True)
    response = sign_in_verified(moderator).post(url(signature), {"reason": REASON})
    assert response.status_code == 200
    assert "This declaration cannot be rejected because it is signed" in response.content.decode()
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SIGNED
