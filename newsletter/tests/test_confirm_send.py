from django.core import mail

from core.models import AuditEvent
from newsletter.tests.factories import IssueFactory, SubscriberFactory
from newsletter.workflow import IssueStatus


def _path(issue, query="?topics=fund&topics=events"):
    return f"/manage/newsletter/{issue.pk}/send/confirm{query}"


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client):
    response = client.get(_path(IssueFactory()))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


def test_it_refuses_a_public_sector_user(client, member):
    client.force_login(member)
    issue = IssueFactory()
    assert client.post(_path(issue, ""), {"topics": ["fund"]}).status_code == 403
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT


def test_it_asks_to_confirm_the_number_of_subscribers(staff_client):
    SubscriberFactory.create_batch(2, topics=["fund"])
    SubscriberFactory(topics=["events"])
    SubscriberFactory(topics=["declaration"])
    SubscriberFactory(topics=["fund"], pending=True)
    SubscriberFactory(topics=["fund"], unsubscribed=True)
    content = staff_client.get(_path(IssueFactory())).content.decode()
    assert '<h1 class="govuk-heading-l">Send to 3 subscribers?</h1>' in content
    assert "Local Digital Fund" in content and "Events" in content
    assert 'type="hidden" name="topics" value="fund"' in content
    assert ">Send now</button>" in content
    assert not mail.outbox


def test_it_starts_sending_in_the_background(staff_client, moderator, django_capture_on_commit_callbacks):
    SubscriberFactory.create_batch(3, topics=["fund"])
    issue = IssueFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(_path(issue, ""), {"topics": ["fund"]})
    assert response.status_code == 302
    assert response.url == f"/manage/newsletter/{issue.pk}"
    issue.refresh_from_db()
    assert issue.topics == ["fund"]
    assert issue.recipient_count == issue.sent_count == 3
    assert issue.status == IssueStatus.SENT
    assert len(mail.outbox) == 3
    event = AuditEvent.objects.get(action="newsletter.issue.sending_started")
    assert event.actor == moderator
    assert event.changes["status"] == ["draft", "sending"]


def test_it_explains_when_nobody_has_the_topics(staff_client):
    SubscriberFactory(topics=["fund"])
    issue = IssueFactory()
    content = staff_client.post(_path(issue, ""), {"topics": ["events"]}).content.decode()
    assert "<title>Error: " in content
    assert "Nobody is subscribed to these topics. Choose other topics" in content
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT


def test_it_sends_staff_back_to_choose_when_the_topics_are_missing_or_wrong(staff_client):
    issue = IssueFactory()
    for query in ["", "?topics=gossip"]:
        response = staff_client.get(_path(issue, query))
        assert response.status_code == 302
        assert response.url == f"/manage/newsletter/{issue.pk}/send"


def test_a_second_submit_sends_nothing_more(staff_client, django_capture_on_commit_callbacks):
    SubscriberFactory.create_batch(2, topics=["fund"])
    issue = IssueFactory()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(_path(issue, ""), {"topics": ["fund"]})
        staff_client.post(_path(issue, ""), {"topics": ["fund"]})
    assert len(mail.outbox) == 2
    assert AuditEvent.objects.filter(action="newsletter.issue.sending_started").count() == 1


def test_it_refuses_other_methods(staff_client):
    assert staff_client.put(_path(IssueFactory())).status_code == 405
