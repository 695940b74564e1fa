import pytest
from django.core import mail

from accounts.tests.factories import MembershipFactory
from accounts.workflow import MembershipStatus
from core.models import AuditEvent, OutboundEmail


@pytest.fixture
def waiting():
    return MembershipFactory(pending=True, user__email="waiting@example.com", organisation__name="Waitingshire")


def url(membership):
    return f"/manage/memberships/{membership.pk}/reject"


def test_it_asks_for_a_reason(sign_in_verified, moderator, waiting):
    response = sign_in_verified(moderator).get(url(waiting))
    assert response.status_code == 200
    assert b'<textarea name="reason"' in response.content
    assert b"Reject request</button>" in response.content


def test_it_rejects_a_request_with_a_reason(sign_in_verified, moderator, waiting, django_capture_on_commit_callbacks):
    client = sign_in_verified(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(waiting), {"reason": "Use your council email address"})
    assert response.status_code == 302
    assert response.url == "/manage/memberships"
    waiting.refresh_from_db()
    assert waiting.status == MembershipStatus.REJECTED
    assert waiting.reason == "Use your council email address"
    event = AuditEvent.objects.get(action="membership.rejected")
    assert event.actor == moderator
    assert event.reason == "Use your council email address"
    assert event.changes == {"status": ["pending", "rejected"]}
    assert mail.outbox[0].to == ["waiting@example.com"]
    assert "Use your council email address" in mail.outbox[0].body


def test_it_writes_the_email_to_the_outbox_with_the_decision(sign_in_verified, moderator, waiting):
    # No on-commit callbacks run here: the email is written with the decision, not after it.
    sign_in_verified(moderator).post(url(waiting), {"reason": "Use your council email address"})
    message = OutboundEmail.objects.get(to="waiting@example.com")
    assert message.template == "membership_rejected"


def test_it_refuses_to_reject_without_a_reason(sign_in_verified, moderator, waiting):
    response = sign_in_verified(moderator).post(url(waiting), {"reason": "  "})
    assert response.status_code == 200
    assert b"<title>Error: " in response.content
    assert b'<a href="#id_reason">Enter a reason for rejecting the request</a>' in response.content
    waiting.refresh_from_db()
    assert waiting.status == MembershipStatus.PENDING


def test_it_shows_an_error_for_a_request_already_decided(sign_in_verified, moderator):
    approved = MembershipFactory()
    response = sign_in_verified(moderator).post(url(approved), {"reason": "Changed my mind"})
    assert response.status_code == 200
    assert b"This membership cannot be rejected because it is approved" in response.content
    approved.refresh_from_db()
    assert approved.status == MembershipStatus.APPROVED


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client, waiting):
    assert client.get(url(waiting)).url.startswith("/staff/sign-in")


def test_it_refuses_a_public_sector_user(client, member, waiting):
    client.force_login(member)
    assert client.post(url(waiting), {"reason": "No"}).status_code == 403


def test_it_refuses_an_assessor(sign_in_verified, assessor, waiting):
    assert sign_in_verified(assessor).post(url(waiting), {"reason": "No"}).status_code == 403


def test_it_is_not_found_for_an_unknown_request(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get("/manage/memberships/999999/reject").status_code == 404


def test_it_refuses_other_methods(sign_in_verified, moderator, waiting):
    assert sign_in_verified(moderator).put(url(waiting)).status_code == 405
