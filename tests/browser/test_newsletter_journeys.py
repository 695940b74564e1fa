"""Updates by email, end to end: someone subscribes, confirms from the email, and leaves in one
click (from the page, or from their mail client); a subscriber changes their topics and has
their data deleted; a moderator writes an issue and sends it to the subscribers of a topic."""

from django.apps import apps
from django.conf import settings
from playwright.sync_api import expect

from accounts.tests.factories import TOTPDeviceFactory, UserFactory
from core.models import AuditEvent, OutboundEmail
from newsletter import services
from newsletter.consent import CONSENT
from newsletter.models import Issue, Subscriber, Suppression, Topic
from newsletter.tests.factories import SubscriberFactory
from newsletter.tokens import email_hash
from newsletter.workflow import IssueStatus, SubscriberStatus
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import link_in, wait_for_email
from tests.browser.pages import (
    ArchivePage,
    ConfirmSubscriptionPage,
    HomePage,
    ManageIssuesPage,
    NewsletterLinkRefusedPage,
    PreferencesPage,
    StaffSignInPage,
    SubscribePage,
    UnsubscribedPage,
    UnsubscribePage,
)

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
NO_TOPIC = "Select at least one topic"
TOPICS = "What do you want updates about?"
CONFIRM_SUBJECT = "Confirm your subscription to Local Digital updates"
WELCOME_SUBJECT = "You have subscribed to Local Digital updates"
ONE_CLICK_REASON = "One-click unsubscribe from a mail client"
STAFF_PASSWORD = "a-long-staff-password"

ISSUE_TITLE = "Spring update from Local Digital"
ISSUE_BODY = """## What is new

The fund opens for bids in **March**. [Read the fund guidance](https://www.example.com/fund-guidance) first.

<script>document.body.dataset.injected = "yes"</script>

- Apply early
- Tell your colleagues
"""


def subscribe_and_confirm(mailoutbox, email: str, topics: list[str]):
    """Someone subscribed and confirmed from their email, as the first journey does in the
    browser. Returns the welcome email, with its links to manage the subscription."""
    services.subscribe(email, topics)
    confirm_link = link_in(wait_for_email(mailoutbox, email, CONFIRM_SUBJECT), "/newsletter/confirm/")
    services.confirm(confirm_link.rsplit("/", 1)[-1])
    return wait_for_email(mailoutbox, email, WELCOME_SUBJECT)


def one_click_unsubscribe_path(email) -> str:
    """The path of the URL in the email's List-Unsubscribe header (RFC 8058)."""
    header = email.extra_headers["List-Unsubscribe"]
    assert header.startswith(f"<{settings.SITE_URL}/") and header.endswith(">"), header
    return header[1:-1].removeprefix(settings.SITE_URL)


def test_it_subscribes_confirms_and_unsubscribes_in_one_click(page, mailoutbox):
    HomePage(page).open().follow_footer_link("Get updates by email")
    subscribe = SubscribePage(page).check()

    subscribe.subscribe_and_be_refused("", [])
    expect(subscribe.error_summary.get_by_role("link")).to_have_text([EMAIL_FORMAT, NO_TOPIC])
    subscribe.check_error("Email address", EMAIL_FORMAT).check_choice_error(TOPICS, NO_TOPIC)

    subscribe.subscribe("reader@example.com", ["Local Digital Fund", "Events"])
    subscriber = Subscriber.objects.get(email="reader@example.com")
    assert subscriber.status == SubscriberStatus.PENDING
    confirmation = wait_for_email(mailoutbox, "reader@example.com", CONFIRM_SUBJECT)
    assert "- Local Digital Fund\n- Events\n" in confirmation.body
    confirm_link = link_in(confirmation, "/newsletter/confirm/")

    confirm = ConfirmSubscriptionPage(page, confirm_link).open()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING, "Opening the link alone must not confirm"
    confirm.confirm()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert set(subscriber.topic_codes) == {Topic.FUND, Topic.EVENTS}
    assert subscriber.consent_wording == CONSENT.wording
    NewsletterLinkRefusedPage(page, confirm_link, "This link has already been used", 410).open()

    welcome = wait_for_email(mailoutbox, "reader@example.com", WELCOME_SUBJECT)
    unsubscribe_link = link_in(welcome, "/newsletter/unsubscribe/")
    assert welcome.extra_headers["List-Unsubscribe"] == f"<{settings.SITE_URL}{unsubscribe_link}>"
    assert welcome.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    unsubscribe = UnsubscribePage(page, unsubscribe_link).open()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED, "Opening the link alone must not unsubscribe"
    unsubscribe.unsubscribe()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_it_unsubscribes_with_one_click_from_a_mail_client(page, mailoutbox):
    welcome = subscribe_and_confirm(mailoutbox, "inbox@example.com", [Topic.DECLARATION])
    unsubscribe_path = one_click_unsubscribe_path(welcome)
    assert unsubscribe_path == link_in(welcome, "/newsletter/unsubscribe/")

    # What a mail client sends: a bare form POST, with no cookies and no CSRF token.
    response = page.request.post(unsubscribe_path, form={"List-Unsubscribe": "One-Click"})
    assert response.status == 200, response.status

    subscriber = Subscriber.objects.get(email="inbox@example.com")
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    event = AuditEvent.objects.get(action="newsletter.subscriber.unsubscribed", object_id=str(subscriber.pk))
    assert event.reason == ONE_CLICK_REASON

    # Mail clients may try again; that changes nothing and still succeeds.
    assert page.request.post(unsubscribe_path, form={"List-Unsubscribe": "One-Click"}).status == 200
    assert AuditEvent.objects.filter(action="newsletter.subscriber.unsubscribed").count() == 1

    # Following the link afterwards shows that they are unsubscribed, with nothing to click.
    unsubscribed = UnsubscribedPage(page, unsubscribe_path).open()
    expect(unsubscribed.page.get_by_role("button", name="Unsubscribe")).to_have_count(0)


def test_it_lets_a_subscriber_change_their_topics_and_delete_their_data(page, mailoutbox):
    welcome = subscribe_and_confirm(mailoutbox, "private@example.com", [Topic.FUND, Topic.EVENTS])
    preferences_link = link_in(welcome, "/newsletter/preferences/")
    unsubscribe_link = link_in(welcome, "/newsletter/unsubscribe/")

    preferences = PreferencesPage(page, preferences_link).open()
    topics = page.get_by_role("group", name=TOPICS, exact=True)
    expect(topics.get_by_role("checkbox", checked=True)).to_have_count(2)
    expect(topics.get_by_label("Local Digital Fund", exact=True)).to_be_checked()
    expect(topics.get_by_label("Events", exact=True)).to_be_checked()

    preferences.save_and_be_refused([]).check_choice_error(TOPICS, NO_TOPIC)
    preferences.save(["Declaration and community", "Events"])
    expect(topics.get_by_label("Declaration and community", exact=True)).to_be_checked()
    expect(topics.get_by_label("Local Digital Fund", exact=True)).not_to_be_checked()
    subscriber = Subscriber.objects.get(email="private@example.com")
    assert set(subscriber.topic_codes) == {Topic.DECLARATION, Topic.EVENTS}

    expect(page.get_by_role("heading", name="Your data", exact=True)).to_be_visible()
    expect(preferences.summary("Email address")).to_have_text("private@example.com")
    expect(preferences.summary("Topics")).to_contain_text("Declaration and community")
    expect(preferences.summary("Topics")).not_to_contain_text("Local Digital Fund")
    expect(preferences.summary("Status")).to_have_text("Subscribed")
    expect(preferences.summary("What you agreed to")).to_contain_text(CONSENT.wording)
    expect(preferences.summary("Issues sent to you")).to_have_text("None yet")

    preferences.delete_data().delete()

    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.ERASED
    assert subscriber.erased_at is not None
    # Nothing holds the address any more: not the newsletter's tables, nor the audit trail of
    # what happened to the subscription, nor the outbox the emails to them went through.
    for model in [*apps.get_app_config("newsletter").get_models(), AuditEvent, OutboundEmail]:
        for row in model.objects.values():
            assert "private@example.com" not in str(row), f"{model.__name__} still holds the address: {row}"
    assert list(Suppression.objects.values_list("email_hash", flat=True)) == [email_hash("private@example.com")]

    # The links in the emails sent before go nowhere now.
    NewsletterLinkRefusedPage(page, preferences_link, "This link is not valid", 404).open()
    NewsletterLinkRefusedPage(page, unsubscribe_link, "This link is not valid", 404).open()


def test_it_lets_a_moderator_write_preview_test_and_send_an_issue(page, open_page, mailoutbox):
    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=STAFF_PASSWORD)
    app = AuthenticatorApp(TOTPDeviceFactory(user=moderator).bin_key)
    readers = [SubscriberFactory(email=f"events{n}@example.com", topics=[Topic.EVENTS]) for n in (1, 2)]
    others = [
        SubscriberFactory(email="fund@example.com", topics=[Topic.FUND]),
        SubscriberFactory(email="left@example.com", topics=[Topic.EVENTS], unsubscribed=True),
        SubscriberFactory(email="unsure@example.com", topics=[Topic.EVENTS], pending=True),
    ]

    sign_in = ManageIssuesPage(page).open_and_be_sent_to(StaffSignInPage)
    manage = sign_in.sign_in("mo@localdigital.example", STAFF_PASSWORD).enter_code(app.code(), ManageIssuesPage)
    expect(manage.page.get_by_role("main")).to_contain_text("No issues have been written yet.")

    form = manage.write_issue()
    form.save_draft_and_be_refused("", "").check_error("Title", "Enter a title")
    form.check_error("Body", "Enter the body of the issue", summary_focused=False)
    issue = form.save_draft(ISSUE_TITLE, ISSUE_BODY)
    expect(issue.summary("Status")).to_have_text("Draft")

    preview = issue.preview()
    web = preview.web_version
    expect(web.get_by_role("heading", name="What is new", level=2, exact=True)).to_be_visible()
    link = web.get_by_role("link", name="Read the fund guidance", exact=True)
    expect(link).to_have_attribute("href", "https://www.example.com/fund-guidance")
    expect(web.locator("script")).to_have_count(0)
    expect(web).not_to_contain_text("injected")
    expect(preview.page.locator("body")).not_to_have_attribute("data-injected", "yes")
    expect(preview.email_body).to_contain_text("## What is new")
    expect(preview.email_body).to_contain_text("/newsletter/unsubscribe/")

    issue = preview.send_test("mo@localdigital.example")
    test_email = wait_for_email(mailoutbox, "mo@localdigital.example", f"[Test] {ISSUE_TITLE}")
    assert test_email.body.startswith("This is a test."), test_email.body
    assert "Read the fund guidance" in test_email.body
    assert [message.to for message in mailoutbox if ISSUE_TITLE in message.subject] == [[moderator.email]]

    choose = issue.send()
    choose.choose_no_topic().check_choice_error("Topics", NO_TOPIC)
    confirm = choose.choose_topics(["Events"], count=2)
    expect(confirm.page.get_by_role("main").get_by_role("listitem")).to_have_text(["Events"])
    issue = confirm.send_now()

    # Tests run background tasks at once, so every batch has gone by the time the page shows.
    expect(issue.summary("Status")).to_have_text("Sent")
    expect(issue.summary("Progress")).to_have_text("Sent to 2 subscribers")
    for reader in readers:
        sent = wait_for_email(mailoutbox, reader.email, ISSUE_TITLE)
        assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert not sent.body.startswith("This is a test.")
    for other in others:
        assert not [message for message in mailoutbox if other.email in message.to], other.email
    manage = ManageIssuesPage(page).open()
    expect(manage.issue_row(ISSUE_TITLE)).to_contain_text("2 of 2")
    sent_issue = Issue.objects.get(title=ISSUE_TITLE)
    assert (sent_issue.status, sent_issue.topics, sent_issue.sent_count) == (IssueStatus.SENT, [Topic.EVENTS], 2)

    # Anyone can read it in the archive now, as it was written but without the script.
    visitor = ArchivePage(open_page()).open()
    archived = visitor.open_issue(ISSUE_TITLE)
    expect(archived.body.get_by_role("heading", name="What is new", level=2, exact=True)).to_be_visible()
    link = archived.body.get_by_role("link", name="Read the fund guidance", exact=True)
    expect(link).to_have_attribute("href", "https://www.example.com/fund-guidance")
    expect(archived.body.locator("script")).to_have_count(0)
    expect(archived.body).not_to_contain_text("injected")
    expect(archived.page.locator("body")).not_to_have_attribute("data-injected", "yes")
