from core.models import AuditEvent
from newsletter.tests.factories import IssueFactory
from newsletter.workflow import IssueStatus


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client):
    issue = IssueFactory(sending=True)
    response = client.post(f"/manage/newsletter/{issue.pk}/pause")
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENDING


def test_it_refuses_a_public_sector_user(client, member):
    client.force_login(member)
    issue = IssueFactory(sending=True)
    assert client.post(f"/manage/newsletter/{issue.pk}/pause").status_code == 403
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENDING


def test_it_pauses_sending(staff_client, moderator):
    issue = IssueFactory(sending=True)
    response = staff_client.post(f"/manage/newsletter/{issue.pk}/pause")
    assert response.status_code == 302
    assert response.url == f"/manage/newsletter/{issue.pk}"
    issue.refresh_from_db()
    assert issue.status == IssueStatus.PAUSED
    assert AuditEvent.objects.get(action="newsletter.issue.paused").actor == moderator
    content = staff_client.get(response.url).content.decode()
    assert "Sending has been paused" in content
    assert "Resume sending" in content


def test_it_explains_when_the_issue_is_not_sending(staff_client):
    issue = IssueFactory(sent=True)
    response = staff_client.post(f"/manage/newsletter/{issue.pk}/pause")
    content = response.content.decode()
    assert "<title>Error: " in content
    assert "You can only pause an issue while it is sending. This issue is sent" in content
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT


def test_it_refuses_get(staff_client):
    assert staff_client.get(f"/manage/newsletter/{IssueFactory(sending=True).pk}/pause").status_code == 405
