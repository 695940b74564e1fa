from django.core import mail

from core.models import AuditEvent
from newsletter.tests.factories import IssueFactory, SubscriberFactory
from newsletter.workflow import IssueStatus


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client):
    response = client.post(f"/manage/newsletter/{IssueFactory().pk}/test")
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")
    assert not mail.outbox


def test_it_refuses_a_public_sector_user(client, member):
    client.force_login(member)
    assert client.post(f"/manage/newsletter/{IssueFactory().pk}/test").status_code == 403
    assert not mail.outbox


def test_it_emails_the_issue_to_the_signed_in_staff_member_only(staff_client, moderator):
    SubscriberFactory()
    issue = IssueFactory(title="Spring update", body="The fund opens in March.")
    response = staff_client.post(f"/manage/newsletter/{issue.pk}/test")
    assert response.status_code == 302
    assert response.url == f"/manage/newsletter/{issue.pk}"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [moderator.email]
    assert message.subject == "[Test] Spring update"
    assert "The fund opens in March." in message.body
    assert "This is a test" in message.body
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT
    assert AuditEvent.objects.filter(action="newsletter.issue.test_sent", actor=moderator).exists()
    assert f"A test email has been sent to {moderator.email}" in staff_client.get(response.url).content.decode()


def test_it_refuses_get(staff_client):
    assert staff_client.get(f"/manage/newsletter/{IssueFactory().pk}/test").status_code == 405
