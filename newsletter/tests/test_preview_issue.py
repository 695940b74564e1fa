from django.core import mail

from newsletter.tests.factories import IssueFactory


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client):
    response = client.get(f"/manage/newsletter/{IssueFactory().pk}/preview")
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


def test_it_refuses_a_public_sector_user(client, member):
    client.force_login(member)
    assert client.get(f"/manage/newsletter/{IssueFactory().pk}/preview").status_code == 403


def test_it_shows_the_web_version_and_the_plain_text_email(staff_client):
    issue = IssueFactory(title="Spring update", body="## Dates\n\nThe fund opens in **March**.")
    content = staff_client.get(f"/manage/newsletter/{issue.pk}/preview").content.decode()
    assert '<h2 class="govuk-heading-m">Dates</h2>' in content
    assert "<strong>March</strong>" in content
    # The email is plain text: the Markdown as written, with the links every email carries.
    assert "The fund opens in **March**." in content
    assert "http://testserver/newsletter/unsubscribe/" in content
    assert "http://testserver/newsletter/preferences/" in content
    assert not mail.outbox


def test_it_shows_a_sanitised_web_version(staff_client):
    issue = IssueFactory(body='Hello <script>alert("x")</script><a href="#" onclick="steal()">link</a>')
    content = staff_client.get(f"/manage/newsletter/{issue.pk}/preview").content.decode()
    web_version = content.split('id="web-version"')[1].split("</div>")[0]
    assert "<script" not in web_version and "onclick" not in web_version
    assert "&lt;script&gt;" in content  # the plain-text email shows the source, escaped


def test_it_refuses_other_methods(staff_client):
    assert staff_client.post(f"/manage/newsletter/{IssueFactory().pk}/preview").status_code == 405
