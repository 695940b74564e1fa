from newsletter.tests.factories import IssueFactory


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client):
    issue = IssueFactory()
    response = client.get(f"/manage/newsletter/{issue.pk}")
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


def test_it_refuses_a_public_sector_user(client, member):
    client.force_login(member)
    assert client.get(f"/manage/newsletter/{IssueFactory().pk}").status_code == 403


def test_it_shows_a_draft_with_its_actions(staff_client):
    issue = IssueFactory(title="Spring update")
    content = staff_client.get(f"/manage/newsletter/{issue.pk}").content.decode()
    assert '<h1 class="govuk-heading-l">Spring update</h1>' in content
    assert "Draft" in content
    assert f'href="/manage/newsletter/{issue.pk}/send"' in content
    assert f'href="/manage/newsletter/{issue.pk}/edit"' in content
    assert f'href="/manage/newsletter/{issue.pk}/preview"' in content
    assert ">Send a test to yourself</button>" in content
    assert "Pause sending" not in content and "Resume sending" not in content


def test_it_shows_progress_and_a_pause_button_while_sending(staff_client):
    issue = IssueFactory(sending=True, recipient_count=2000, sent_count=1200)
    content = staff_client.get(f"/manage/newsletter/{issue.pk}").content.decode()
    assert "Sent to 1,200 of 2,000" in content
    assert f'action="/manage/newsletter/{issue.pk}/pause"' in content
    assert f'href="/manage/newsletter/{issue.pk}/send"' not in content
    assert f'href="/manage/newsletter/{issue.pk}/edit"' not in content


def test_it_shows_a_resume_button_when_paused(staff_client):
    issue = IssueFactory(paused=True, recipient_count=2000, sent_count=400)
    content = staff_client.get(f"/manage/newsletter/{issue.pk}").content.decode()
    assert "Sent to 400 of 2,000" in content
    assert f'action="/manage/newsletter/{issue.pk}/resume"' in content
    assert "Pause sending" not in content


def test_it_shows_how_many_got_a_sent_issue(staff_client):
    issue = IssueFactory(sent=True, slug="spring", recipient_count=2000, sent_count=1998)
    content = staff_client.get(f"/manage/newsletter/{issue.pk}").content.decode()
    assert "Sent to 1,998 subscribers" in content
    assert 'href="/newsletter/archive/spring"' in content


def test_it_answers_404_for_an_issue_that_does_not_exist(staff_client):
    assert staff_client.get("/manage/newsletter/999").status_code == 404


def test_it_refuses_other_methods(staff_client):
    assert staff_client.post(f"/manage/newsletter/{IssueFactory().pk}").status_code == 405
