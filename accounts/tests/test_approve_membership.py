import pytest
from django.core import mail

from accounts.tests.factories import MembershipFactory, TOTPDeviceFactory
from accounts.workflow import MembershipStatus
from core.models import AuditEvent, OutboundEmail


@pytest.fixture
def waiting():
    return MembershipFactory(pending=True, user__email="waiting@example.com", organisation__name="Waitingshire")


def url(membership):
    return f"/manage/memberships/{membership.pk}/approve"


def test_it_approves_a_request(sign_in_verified, moderator, waiting, django_capture_on_commit_callbacks):
    client = sign_in_verified(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(waiting))
    assert response.status_code == 302
    assert response.url == "/manage/memberships"
    waiting.refresh_from_db()
    assert waiting.status == MembershipStatus.APPROVED
    assert waiting.decided_by == moderator
    event = AuditEvent.objects.get(action="membership.approved")
    assert event.actor == moderator
    assert event.changes == {"status": ["pending", "approved"]}
    assert mail.outbox[0].to == ["waiting@example.com"]
    assert "Waitingshire" in mail.outbox[0].subject
    assert b"You approved waiting@example.com" in client.get("/manage/memberships").content


def test_it_writes_the_email_to_the_outbox_with_the_decision(sign_in_verified, moderator, waiting):
    # No on-commit callbacks run here: the email must not depend on one, or a crash between
    # the commit and the callback would approve someone without telling them.
    sign_in_verified(moderator).post(url(waiting))
    message = OutboundEmail.objects.get(to="waiting@example.com")
    assert message.template == "membership_approved"


def test_it_shows_an_error_for_a_request_already_decided(sign_in_verified, moderator):
    rejected = MembershipFactory(rejected=True)
    response = sign_in_verified(moderator).post(url(rejected))
    assert response.status_code == 200
    assert b"<title>Error: " in response.content
    assert b"This membership cannot be approved because it is rejected" in response.content
    rejected.refresh_from_db()
    assert rejected.status == MembershipStatus.REJECTED
    assert not AuditEvent.objects.filter(action="membership.approved").exists()


def test_it_refuses_get(sign_in_verified, moderator, waiting):
    assert sign_in_verified(moderator).get(url(waiting)).status_code == 405


def test_it_is_not_found_for_an_unknown_request(sign_in_verified, moderator):
    assert sign_in_verified(moderator).post("/manage/memberships/999999/approve").status_code == 404


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client, waiting):
    response = client.post(url(waiting))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in")


def test_it_refuses_a_public_sector_user(client, member, waiting):
    client.force_login(member)
    assert client.post(url(waiting)).status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == MembershipStatus.PENDING


def test_it_refuses_an_assessor(sign_in_verified, assessor, waiting):
    assert sign_in_verified(assessor).post(url(waiting)).status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == MembershipStatus.PENDING


def test_it_refuses_a_moderator_without_their_code(client, moderator, waiting):
    TOTPDeviceFactory(user=moderator)
    client.force_login(moderator)
    response = client.post(url(waiting))
    assert response.url == "/staff/verify"
    waiting.refresh_from_db()
    assert waiting.status == MembershipStatus.PENDING
