from core.models import AuditEvent
from newsletter.tests.factories import IssueFactory


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client):
    response = client.get(f"/manage/newsletter/{IssueFactory().pk}/edit")
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


def test_it_refuses_a_public_sector_user(client, member):
    client.force_login(member)
    issue = IssueFactory(title="Before")
    assert client.post(f"/manage/newsletter/{issue.pk}/edit", {"title": "After", "body": "B"}).status_code == 403
    issue.refresh_from_db()
    assert issue.title == "Before"


def test_it_changes_a_draft(staff_client, moderator):
    issue = IssueFactory(title="Before", body="Old")
    page = staff_client.get(f"/manage/newsletter/{issue.pk}/edit").content.decode()
    assert 'value="Before"' in page and ">\nOld</textarea>" in page
    response = staff_client.post(f"/manage/newsletter/{issue.pk}/edit", {"title": "After all", "body": "New"})
    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.title, issue.slug, issue.body) == ("After all", "after-all", "New")
    event = AuditEvent.objects.get(action="newsletter.issue.changed")
    assert event.actor == moderator
    assert event.changes["title"] == ["Before", "After all"]


def test_it_shows_gov_uk_errors(staff_client):
    issue = IssueFactory()
    content = staff_client.post(f"/manage/newsletter/{issue.pk}/edit", {"title": "", "body": "x"}).content.decode()
    assert '<a href="#id_title">Enter a title</a>' in content


def test_it_sends_staff_back_to_the_issue_once_sending_has_started(staff_client):
    issue = IssueFactory(sending=True, title="Before")
    response = staff_client.post(f"/manage/newsletter/{issue.pk}/edit", {"title": "After", "body": "B"})
    assert response.status_code == 302
    assert response.url == f"/manage/newsletter/{issue.pk}"
    issue.refresh_from_db()
    assert issue.title == "Before"


def test_it_refuses_other_methods(staff_client):
    assert staff_client.put(f"/manage/newsletter/{IssueFactory().pk}/edit").status_code == 405
