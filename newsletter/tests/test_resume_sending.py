from django.core import mail

from core.models import AuditEvent
from newsletter import services
from newsletter.tests.factories import IssueFactory, SubscriberFactory
from newsletter.workflow import IssueStatus


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client):
    issue = IssueFactory(paused=True)
    response = client.post(f"/manage/newsletter/{issue.pk}/resume")
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


def test_it_refuses_a_public_sector_user(client, member):
    client.force_login(member)
    issue = IssueFactory(paused=True)
    assert client.post(f"/manage/newsletter/{issue.pk}/resume").status_code == 403
    issue.refresh_from_db()
    assert issue.status == IssueStatus.PAUSED


def test_it_carries_on_from_where_sending_stopped(
    staff_client, moderator, django_capture_on_commit_callbacks, settings
):
    settings.NEWSLETTER_BATCH_SIZE = 2
    SubscriberFactory.create_batch(5, topics=["fund"])
    issue = IssueFactory()
    with django_capture_on_commit_callbacks(execute=False):
        services.start_sending(issue, topics=["fund"], by=moderator)
    services.send_next_batch(issue)
    services.pause(issue, by=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/manage/newsletter/{issue.pk}/resume")
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert len(mail.outbox) == len({message.to[0] for message in mail.outbox}) == 5
    assert AuditEvent.objects.get(action="newsletter.issue.resumed").actor == moderator
    assert "Sending has resumed" in staff_client.get(response.url).content.decode()


def test_it_explains_when_the_issue_is_not_paused(staff_client):
    issue = IssueFactory()
    content = staff_client.post(f"/manage/newsletter/{issue.pk}/resume").content.decode()
    assert "You can only resume sending an issue that is paused. This issue is draft" in content
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT


def test_it_refuses_get(staff_client):
    assert staff_client.get(f"/manage/newsletter/{IssueFactory(paused=True).pk}/resume").status_code == 405
