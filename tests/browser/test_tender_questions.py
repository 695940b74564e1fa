"""Questions on the Tender's needs and alerts about new ones: a supplier asks on a need's page,
the council answers in words that do not say who asked, and everyone reads the answer there; a
moderator releases a question held because it gave a phone number; a supplier follows topics,
hears of a new need and unsubscribes in one click."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import TOTPDeviceFactory, UserFactory
from events.models import Topic
from organisations.tests.factories import OrganisationDomainFactory
from tender import needs
from tender.tests.factories import InterestFactory, NeedFactory, SupplierFactory
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import wait_for_email
from tests.browser.pages import StaffSignInPage
from tests.browser.tender_pages import (
    AlertsPage,
    AnswerQuestionPage,
    CouncilQuestionsPage,
    HeldQuestionsPage,
    NeedPage,
    StopAlertsPage,
    sign_in_with_link,
)

TITLE = "Residents cannot see when their bins will be collected"
SUPPLIER_PERSON = "priya@civiccode.example"
OFFICER = "officer@testshire.gov.uk"
STAFF_PASSWORD = "a-long-staff-password"


@pytest.fixture(autouse=True)
def topic() -> Topic:
    # Browser tests empty the database between tests, reference data included.
    return Topic.objects.get_or_create(slug="open-data", defaults={"name": "Open data"})[0]


# The journeys -----------------------------------------------------------------------------


def test_a_supplier_asks_the_council_answers_and_everyone_reads_it_without_learning_who_asked(open_page, mailoutbox):
    council = OrganisationDomainFactory(organisation__name="Testshire County Council", domain="testshire.gov.uk")
    need = NeedFactory(organisation=council.organisation, title=TITLE)
    supplier = SupplierFactory(name="Civic Code Ltd", members=[UserFactory(email=SUPPLIER_PERSON)])
    rival = SupplierFactory(name="Open Councils Ltd")
    InterestFactory(need=need, supplier=rival)

    officer = open_page()
    sign_in_with_link(officer, mailoutbox, OFFICER)

    # A supplier's person asks on the need's page, after being told what is missing.
    asker = open_page()
    sign_in_with_link(asker, mailoutbox, SUPPLIER_PERSON)
    refused = NeedPage.of(asker, need).open().ask_and_be_refused()
    refused.check_error("Your question", "Enter your question")
    refused.ask("At Civic Code we wonder: do you hold collection rounds as data?")
    wait_for_email(mailoutbox, SUPPLIER_PERSON, f"We have your question about {TITLE}")

    # The council answers; the wording it first gets still names the supplier, and is refused.
    wait_for_email(mailoutbox, OFFICER, f"A supplier has asked a question about {TITLE}")
    answer = CouncilQuestionsPage(officer).open().answer_first()
    expect(answer.summary("Asked by")).to_contain_text("Civic Code Ltd")
    answer.publish_and_be_refused("Yes: the rounds are in a spreadsheet we export every week.").check_error(
        AnswerQuestionPage.wording,
        "The published question must not say who asked. Remove the name of the supplier that asked (‘Civic Code’)",
    )
    questions = answer.publish(
        "Are collection rounds held as data already?", "Yes: the rounds are in a spreadsheet we export every week."
    )
    expect(questions.success_banner).to_contain_text("Your answer is published on the need’s page")

    # Everyone reads the answer on the need's page, and never who asked.
    visitor = NeedPage.of(open_page(), need).open()
    expect(visitor.questions).to_contain_text("Are collection rounds held as data already?")
    expect(visitor.questions).to_contain_text("Yes: the rounds are in a spreadsheet we export every week.")
    expect(visitor.page.get_by_role("main")).not_to_contain_text("Civic Code")
    expect(visitor.page.get_by_role("main")).not_to_contain_text("Priya")
    told = wait_for_email(mailoutbox, rival.members.get().email, f"New answer about {TITLE}")
    assert "Civic Code" not in told.body
    assert supplier.questions.get().status == "answered"


def test_a_moderator_releases_a_question_held_because_it_gave_a_phone_number(page, open_page, mailoutbox):
    need = NeedFactory(title=TITLE, organisation__name="Testshire County Council")
    SupplierFactory(name="Civic Code Ltd", members=[UserFactory(email=SUPPLIER_PERSON)])
    sign_in_with_link(page, mailoutbox, SUPPLIER_PERSON)
    sent = NeedPage.of(page, need).open().ask("Could we talk it through? Call me on 07700 900123")
    expect(sent.page.get_by_role("main")).to_contain_text("A moderator will check your question")

    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=STAFF_PASSWORD)
    app = AuthenticatorApp(TOTPDeviceFactory(user=moderator).bin_key)
    staff = open_page()
    sign_in_page = HeldQuestionsPage(staff).open_and_be_sent_to(StaffSignInPage)
    held = sign_in_page.sign_in("mo@localdigital.example", STAFF_PASSWORD).enter_code(app.code(), HeldQuestionsPage)
    expect(held.summary("Held because")).to_have_text("It may contain a phone number")
    held = held.release_first()
    expect(held.success_banner).to_contain_text("The question is passed to Testshire County Council")
    expect(held.page.get_by_role("main")).to_contain_text("No questions are held.")
    wait_for_email(mailoutbox, SUPPLIER_PERSON, f"Your question about {TITLE} has been checked")


def test_a_supplier_follows_topics_hears_of_a_new_need_and_unsubscribes_in_one_click(page, mailoutbox, topic):
    SupplierFactory(members=[UserFactory(email=SUPPLIER_PERSON)])
    sign_in_with_link(page, mailoutbox, SUPPLIER_PERSON)

    alerts = AlertsPage(page).open().save_nothing_and_be_refused()
    alerts.check_choice_error(AlertsPage.legend, "Select the topics you want to hear about")
    alerts = alerts.save([topic.name])
    expect(alerts.success_banner).to_contain_text("Your topics are saved")

    need = NeedFactory(title=TITLE, topics=[topic], submitted=True)
    needs.publish(need, by=UserFactory(moderator=True))
    email = wait_for_email(mailoutbox, SUPPLIER_PERSON, f"New need on the Tender: {TITLE}")
    header = email.extra_headers["List-Unsubscribe"]
    assert header.strip("<>") in email.body

    unsubscribe = StopAlertsPage(page, urlsplit(header.strip("<>")).path).open()
    unsubscribe.unsubscribe()
    assert AlertsPage(page).open().page.get_by_role("button", name="Stop all alerts").count() == 0
