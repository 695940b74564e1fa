from newsletter.tests.factories import IssueFactory


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client):
    response = client.get(f"/manage/newsletter/{IssueFactory().pk}/send")
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


def test_it_refuses_a_public_sector_user(client, member):
    client.force_login(member)
    assert client.get(f"/manage/newsletter/{IssueFactory().pk}/send").status_code == 403


def test_it_asks_which_topics(staff_client):
    content = staff_client.get(f"/manage/newsletter/{IssueFactory().pk}/send").content.decode()
    assert "Who should get this issue?" in content
    for label in ["Declaration and community", "Local Digital Fund", "Events"]:
        assert label in content


def test_it_goes_on_to_confirm_with_the_topics_chosen(staff_client):
    issue = IssueFactory()
    response = staff_client.post(f"/manage/newsletter/{issue.pk}/send", {"topics": ["fund", "events"]})
    assert response.status_code == 302
    assert response.url == f"/manage/newsletter/{issue.pk}/send/confirm?topics=fund&topics=events"


def test_it_asks_for_at_least_one_topic(staff_client):
    issue = IssueFactory()
    content = staff_client.post(f"/manage/newsletter/{issue.pk}/send", {}).content.decode()
    assert "<title>Error: " in content
    assert '<a href="#id_topics_0">Select at least one topic</a>' in content


def test_it_sends_staff_back_to_an_issue_that_is_no_longer_a_draft(staff_client):
    issue = IssueFactory(sent=True)
    response = staff_client.get(f"/manage/newsletter/{issue.pk}/send")
    assert response.status_code == 302
    assert response.url == f"/manage/newsletter/{issue.pk}"


def test_it_refuses_other_methods(staff_client):
    assert staff_client.put(f"/manage/newsletter/{IssueFactory().pk}/send").status_code == 405
