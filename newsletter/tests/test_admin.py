from newsletter.models import Subscriber, Suppression
from newsletter.tests.factories import ConfirmationLinkFactory, IssueFactory, ManageLinkFactory, SubscriberFactory
from newsletter.workflow import SubscriberStatus


def test_it_lets_a_programme_admin_look_at_subscribers_without_tokens(sign_in_verified, programme_admin):
    client = sign_in_verified(programme_admin)
    subscriber = SubscriberFactory(email="reader@example.com")
    link = ManageLinkFactory(subscriber=subscriber)
    ConfirmationLinkFactory(subscriber=subscriber)
    listing = client.get("/admin/newsletter/subscriber/?q=reader")
    assert listing.status_code == 200
    assert b"reader@example.com" in listing.content
    page = client.get(f"/admin/newsletter/subscriber/{subscriber.pk}/change/")
    assert page.status_code == 200
    assert link.token_hash.encode() not in page.content
    assert b'name="email"' not in page.content  # read-only
    assert client.get("/admin/newsletter/managelink/").status_code == 404
    assert client.get("/admin/newsletter/confirmationlink/").status_code == 404


def test_it_refuses_changes_and_deletion(sign_in_verified, programme_admin):
    client = sign_in_verified(programme_admin)
    subscriber = SubscriberFactory(email="reader@example.com")
    client.post(f"/admin/newsletter/subscriber/{subscriber.pk}/change/", {"email": "other@example.com"})
    assert client.post(f"/admin/newsletter/subscriber/{subscriber.pk}/delete/", {"post": "yes"}).status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.email == "reader@example.com"
    assert client.get("/admin/newsletter/subscriber/add/").status_code == 403
    issue = IssueFactory()
    assert client.get(f"/admin/newsletter/issue/{issue.pk}/change/").status_code == 200
    assert client.get("/admin/newsletter/issue/add/").status_code == 403


def test_it_erases_data_through_the_service(sign_in_verified, programme_admin):
    client = sign_in_verified(programme_admin)
    subscriber = SubscriberFactory(email="reader@example.com")
    response = client.post(
        "/admin/newsletter/subscriber/", {"action": "erase_data", "_selected_action": [subscriber.pk]}
    )
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.ERASED
    assert Suppression.objects.count() == 1
    assert not Subscriber.objects.filter(email="reader@example.com").exists()


def test_it_refuses_a_moderator(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get("/admin/newsletter/subscriber/", follow=True).status_code == 403
