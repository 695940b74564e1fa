"""Talking about a guide and watching it: a council officer signs in, chooses the name shown
with what they write, asks a question on a guide's talk page and watches the guide. When
someone else changes it they are emailed, and stop the emails in one click. A moderator hides
a message that breaks the rules and blocks the person who wrote it."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page, expect

from accounts.tests.factories import MembershipFactory, TOTPDeviceFactory, UserFactory
from guides import services
from guides.tests.factories import CommentFactory, GuideFactory
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import link_in, wait_for_email
from tests.browser.pages import ServicePage, SignInLinkPage, SignInPage, StaffSignInPage

TITLE = "Running a user research session"
SLUG = "running-a-user-research-session"
MEMBER = "officer@testshire.gov.uk"
STAFF_PASSWORD = "a-long-staff-password"


# Pages ------------------------------------------------------------------------------------


class TalkPage(ServicePage):
    path = f"/guides/{SLUG}/talk"
    heading = "Talk about this guide"

    @property
    def messages(self) -> Locator:
        return self.page.locator("#messages")

    def post_and_be_refused(self) -> TalkPage:
        self.click_button("Post message")
        return self.check()

    def post(self, message: str) -> TalkPage:
        self.page.get_by_label("Add a message", exact=True).fill(message)
        self.click_button("Post message")
        return self.check()

    def choose_a_public_name(self) -> YourNamePage:
        self.page.get_by_role("link", name="Choose the name shown with your messages and edits").click()
        return YourNamePage(self.page).check()

    def watch(self) -> TalkPage:
        self.click_button("Watch this guide")
        return self.check()


class YourNamePage(ServicePage):
    path = "/guides/your-name"
    heading = "Your public name on guides"

    def save(self, name: str) -> YourNamePage:
        self.page.get_by_label("Public name", exact=True).fill(name)
        self.click_button("Save public name")
        return self.check()


class UnsubscribePage(ServicePage):
    heading = f"Stop emails about {TITLE}"

    def __init__(self, page: Page, link: str) -> None:
        super().__init__(page)
        self.link = link

    def url(self) -> str:
        return self.link

    def unsubscribe(self) -> UnsubscribedPage:
        self.click_button("Unsubscribe")
        return UnsubscribedPage(self.page).check()


class UnsubscribedPage(ServicePage):
    heading = "You have unsubscribed"


class ManageGuidesPage(ServicePage):
    path = "/manage/guides"
    heading = "Guides"

    def open_guide(self, title: str) -> ManageGuidePage:
        self.page.locator("#guides").get_by_role("link", name=title, exact=True).click()
        return ManageGuidePage(self.page, title).check()


class ManageGuidePage(ServicePage):
    def __init__(self, page: Page, title: str) -> None:
        super().__init__(page)
        self.heading = title

    def open_messages(self) -> ManageMessagesPage:
        self.page.get_by_role("link", name="Moderate its talk page messages").click()
        return ManageMessagesPage(self.page).check()


class ManageMessagesPage(ServicePage):
    heading = "Talk page messages"

    @property
    def rows(self) -> Locator:
        return self.page.locator("#messages tbody tr")

    def hide(self, message: str) -> HideMessagePage:
        self.rows.filter(has_text=message).get_by_role("link", name="Hide").click()
        return HideMessagePage(self.page).check()


class HideMessagePage(ServicePage):
    heading = "Hide a message"

    def hide_and_be_refused(self) -> HideMessagePage:
        self.click_button("Hide message")
        return self.check()

    def hide(self, reason: str) -> ManageMessagesPage:
        self.page.get_by_label("Why are you hiding this message?", exact=True).fill(reason)
        self.click_button("Hide message")
        return ManageMessagesPage(self.page).check()


class BlockedPeoplePage(ServicePage):
    path = "/manage/guides/people/blocked"
    heading = "People blocked from editing guides"

    @property
    def table(self) -> Locator:
        return self.page.locator("#blocked")

    def block_someone(self) -> BlockPage:
        self.page.get_by_role("button", name="Block someone").click()
        return BlockPage(self.page).check()


class BlockPage(ServicePage):
    heading = "Block someone from editing guides"

    def block(self, email: str, reason: str) -> BlockedPeoplePage:
        self.page.get_by_label("Email address", exact=True).fill(email)
        self.page.get_by_label("Why are you blocking them?", exact=True).fill(reason)
        self.click_button("Block")
        return BlockedPeoplePage(self.page).check()


# The journeys -----------------------------------------------------------------------------


def test_an_officer_talks_about_a_guide_watches_it_and_stops_the_emails(open_page, mailoutbox):
    OrganisationDomainFactory(organisation__name="Testshire County Council", domain="testshire.gov.uk")
    guide = GuideFactory(title=TITLE, slug=SLUG)
    editor = MembershipFactory(organisation=OrganisationFactory(name="Leeds City Council")).user

    # An officer signs in and opens the guide's talk page, where no one has written yet.
    officer = open_page()
    SignInPage(officer).open().ask_for_link(MEMBER)
    SignInLinkPage(officer, link_in(wait_for_email(mailoutbox, MEMBER), "/sign-in/")).open().sign_in()
    talk = TalkPage(officer).open()
    expect(talk.messages).to_have_text("No one has written here yet.")

    # They choose the name shown with what they write, then ask a question, after being told
    # a message is needed.
    your_name = talk.choose_a_public_name().save("Priya")
    expect(your_name.success_banner).to_contain_text("Your edits and messages now show your public name, Priya")
    talk = TalkPage(officer).open().post_and_be_refused()
    talk.check_error("Add a message", "Enter your message")
    talk = talk.post("Should the guide say how to pay participants?")
    expect(talk.success_banner).to_contain_text("Your message is on the talk page")
    expect(talk.messages).to_contain_text("Priya, Testshire County Council")
    expect(talk.messages).to_contain_text("Should the guide say how to pay participants?")

    # They watch the guide; when someone else changes it, they are emailed about the change.
    talk = talk.watch()
    expect(talk.success_banner).to_contain_text("You are watching this guide")
    services.save_revision(
        guide,
        by=editor,
        text=services.GuideText(TITLE, "## Paying participants\n\nOffer a voucher.", "Added paying", guide.category),
        based_on=guide.current_revision_id,
    )
    email = wait_for_email(mailoutbox, MEMBER, f"{TITLE} has changed")
    assert "Leeds City Council" in email.body and "Added paying" in email.body
    assert f"/guides/{SLUG}/compare?from=1&to=2" in email.body

    # The email's link stops the emails about this guide, after one click on its button.
    link = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in email.body
    UnsubscribePage(open_page(), urlsplit(link).path).open().unsubscribe()
    expect(TalkPage(officer).open().page.get_by_role("button", name="Watch this guide")).to_be_visible()

    # Anyone can read the conversation, with no one's email address.
    visitor = TalkPage(open_page()).open()
    expect(visitor.messages).to_contain_text("Should the guide say how to pay participants?")
    expect(visitor.page.get_by_role("main")).not_to_contain_text(MEMBER)
    expect(visitor.page.get_by_role("button", name="Post message")).to_have_count(0)


def test_a_moderator_hides_a_message_and_blocks_its_writer(page, open_page):
    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=STAFF_PASSWORD)
    app = AuthenticatorApp(TOTPDeviceFactory(user=moderator).bin_key)
    guide = GuideFactory(title=TITLE, slug=SLUG)
    spammer = MembershipFactory(user__email="spam@testshire.gov.uk").user
    CommentFactory(guide=guide, author=spammer, body="Buy our research services")

    sign_in = ManageGuidesPage(page).open_and_be_sent_to(StaffSignInPage)
    guides = sign_in.sign_in("mo@localdigital.example", STAFF_PASSWORD).enter_code(app.code(), ManageGuidesPage)
    messages = guides.open_guide(TITLE).open_messages()
    expect(messages.rows).to_contain_text("spam@testshire.gov.uk")

    form = messages.hide("Buy our research services").hide_and_be_refused()
    form.check_error("Why are you hiding this message?", "Enter why you are hiding the message")
    messages = form.hide("Advertising")
    expect(messages.success_banner).to_contain_text("The message is hidden from the talk page")
    expect(messages.rows.filter(has_text="Buy our research services")).to_contain_text("Hidden")
    expect(TalkPage(open_page()).open().messages).not_to_contain_text("Buy our research services")

    blocked = BlockedPeoplePage(page).open().block_someone().block("spam@testshire.gov.uk", "Advertising")
    expect(blocked.success_banner).to_contain_text("cannot edit guides or write on talk pages now")
    expect(blocked.table).to_contain_text("spam@testshire.gov.uk")
    assert services.may_edit(spammer, guide) == services.BLOCKED
