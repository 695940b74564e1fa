import pytest
from django.core import mail

from core.models import AuditEvent
from declaration.tests.factories import SignatureFactory
from declaration.workflow import SignatureStatus

pytestmark = pytest.mark.django_db

ADVICE = "Say which users the bin data project will help"


@pytest.fixture
def signature():
    return SignatureFactory(submitted=True, lead__email="robin@changeshire.gov.uk")


def url(signature):
    return f"/manage/signatures/{signature.reference}/ask-for-changes"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, signature):
    response = client.get(url(signature))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_a_moderator(request, sign_in_verified, signature, person):
    client = sign_in_verified(request.getfixturevalue(person))
    assert client.post(url(signature), {"advice": ADVICE}).status_code == 403
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SUBMITTED


def test_it_shows_an_unknown_reference_as_not_found(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get("/manage/signatures/LDD-NOSUCH/ask-for-changes").status_code == 404


def test_it_asks_for_advice(sign_in_verified, moderator, signature):
    response = sign_in_verified(moderator).get(url(signature))
    assert response.status_code == 200
    assert b'<textarea name="advice"' in response.content


def test_it_asks_the_lead_for_changes(sign_in_verified, moderator, signature, django_capture_on_commit_callbacks):
    client = sign_in_verified(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(signature), {"advice": ADVICE})
    assert response.status_code == 302
    assert response.url == f"/manage/signatures/{signature.reference}"
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.CHANGES_REQUESTED
    assert signature.review_note == ADVICE
    event = AuditEvent.objects.get(action="declaration.changes_requested")
    assert (event.actor, event.reason) == (moderator, ADVICE)
    assert mail.outbox[0].to == ["robin@changeshire.gov.uk"]
    assert ADVICE in mail.outbox[0].body
    assert "You asked the lead for changes" in client.get(response.url).content.decode()


def test_it_needs_advice(sign_in_verified, moderator, signature):
    response = sign_in_verified(moderator).post(url(signature), {"advice": "  "})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert '<a href="#id_advice">Enter the changes you want the lead to make</a>' in page
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SUBMITTED


def test_it_shows_an_error_when_the_declaration_has_moved_on(sign_in_verified, moderator):
    signature = SignatureFactory(awaiting_signature=True)
    response = sign_in_verified(moderator).post(url(signature), {"advice": ADVICE})
    assert response.status_code == 200
    assert "You cannot ask for changes because this declaration is waiting for the senior approver to sign" in (
        response.content.decode()
    )
    assert not AuditEvent.objects.filter(action="declaration.changes_requested").exists()
