from core.models import AuditEvent
from newsletter.models import Issue
from newsletter.workflow import IssueStatus


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client):
    response = client.get("/manage/newsletter/new")
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


def test_it_refuses_a_public_sector_user(client, member):
    client.force_login(member)
    assert client.post("/manage/newsletter/new", {"title": "T", "body": "B"}).status_code == 403
    assert not Issue.objects.exists()


def test_it_asks_for_a_title_and_a_body(staff_client):
    content = staff_client.get("/manage/newsletter/new").content.decode()
    assert '<h1 class="govuk-heading-l">Write an issue</h1>' in content
    assert 'name="title"' in content and 'name="body"' in content
    assert "Markdown" in content
    assert ">Save draft</button>" in content


def test_it_saves_a_draft(staff_client, moderator):
    response = staff_client.post("/manage/newsletter/new", {"title": "Spring update", "body": "## Hello\n\nNews."})
    issue = Issue.objects.get()
    assert response.status_code == 302
    assert response.url == f"/manage/newsletter/{issue.pk}"
    assert (issue.title, issue.slug, issue.status, issue.created_by) == (
        "Spring update",
        "spring-update",
        IssueStatus.DRAFT,
        moderator,
    )
    assert AuditEvent.objects.filter(action="newsletter.issue.created", actor=moderator).exists()
    assert "The issue has been saved as a draft" in staff_client.get(response.url).content.decode()


def test_it_shows_gov_uk_errors(staff_client):
    response = staff_client.post("/manage/newsletter/new", {"title": "", "body": ""})
    content = response.content.decode()
    assert "<title>Error: " in content
    assert '<a href="#id_title">Enter a title</a>' in content
    assert '<a href="#id_body">Enter the body of the issue</a>' in content
    assert not Issue.objects.exists()


def test_it_refuses_other_methods(staff_client):
    assert staff_client.put("/manage/newsletter/new").status_code == 405
