"""A need on the Tender from start to finish: someone at a council describes it, a moderator
publishes it, a supplier asks a question, the council answers in words that do not say who
asked, a second supplier reads the answer, another council joins the need, and the council
links it to its procurement notice, which the public page then links to. Each person uses a
browser of their own."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import MembershipFactory, TOTPDeviceFactory, UserFactory
from events.models import Topic
from organisations.models import OrganisationType
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import SupplierFactory
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import link_in, wait_for_email
from tests.browser.pages import StaffSignInPage
from tests.browser.tender_pages import (
    CouncilQuestionsPage,
    NeedPage,
    NewNeedPage,
    TenderDashboardPage,
    TenderPage,
    sign_in_with_link,
)

STAFF_PASSWORD = "a-long-staff-password"
TITLE = "Residents cannot see when their bins will be collected"
COUNCIL = "Testshire County Council"
OTHER_COUNCIL = "Exampleton Borough Council"
OFFICER = "robin.officer@testshire.gov.uk"
OTHER_OFFICER = "digital@exampleton.gov.uk"
ASKING_SUPPLIER = "Civic Code Ltd"
ASKER = "priya@civiccode.example"
READER = "sam@opencouncils.example"
QUESTION = "At Civic Code we wonder: do you hold collection rounds as data?"
PUBLISHED_QUESTION = "Are collection rounds held as data already?"
ANSWER = "Yes: the rounds are in a spreadsheet we export every week."
NOTICE = "012345-2026"


@pytest.fixture(autouse=True)
def _topic():
    # The live server's database is emptied between tests, reference data from migrations too.
    Topic.objects.get_or_create(slug="open-data", defaults={"name": "Open data"})


def test_a_need_goes_from_a_councils_draft_to_a_linked_procurement_notice(open_page, mailoutbox):
    council = OrganisationFactory(name=COUNCIL, organisation_type=OrganisationType.COUNTY)
    MembershipFactory(organisation=council, user__email=OFFICER, user__full_name="Robin Officer")
    other_council = OrganisationFactory(name=OTHER_COUNCIL, organisation_type=OrganisationType.DISTRICT)
    MembershipFactory(organisation=other_council, user__email=OTHER_OFFICER)
    SupplierFactory(name=ASKING_SUPPLIER, members=[UserFactory(email=ASKER, full_name="Priya Asker")])
    SupplierFactory(name="Open Councils Ltd", members=[UserFactory(email=READER)])
    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=STAFF_PASSWORD)
    app = AuthenticatorApp(TOTPDeviceFactory(user=moderator).bin_key)

    # Someone at the council describes the need and sends it for review.
    officer = open_page()
    sign_in_with_link(officer, mailoutbox, OFFICER)
    form = NewNeedPage(officer).open()
    form.fill(title=TITLE, problem="Residents phone us to ask when their bins will be collected.")
    yours = form.continue_to_check().send_for_review().your_needs()
    expect(yours.status_of(TITLE)).to_have_text("Waiting for review")

    # A moderator signs in with their password and second factor, and publishes it.
    staff = open_page()
    sign_in = TenderDashboardPage(staff).open_and_be_sent_to(StaffSignInPage).sign_in(moderator.email, STAFF_PASSWORD)
    review = sign_in.enter_code(app.code(), TenderDashboardPage).needs().open_need(TITLE).publish()
    expect(review.success_banner).to_contain_text("The need is published")
    published = wait_for_email(mailoutbox, OFFICER, f"Your need is published: {TITLE}")
    need_path = link_in(published, "/tender/needs/")

    # A supplier finds the need and asks a question that says who is asking.
    asker = open_page()
    sign_in_with_link(asker, mailoutbox, ASKER)
    TenderPage(asker).open().open_need(TITLE).ask(QUESTION)

    # The council is told, and answers with a wording of the question that does not say who asked.
    waiting = wait_for_email(mailoutbox, OFFICER, f"A supplier has asked a question about {TITLE}")
    assert CouncilQuestionsPage.path in waiting.body
    answer = CouncilQuestionsPage(officer).open().answer_first()
    expect(answer.summary("Asked by")).to_contain_text(ASKING_SUPPLIER)
    expect(answer.wording_field).to_have_value(QUESTION)
    questions = answer.publish(PUBLISHED_QUESTION, ANSWER)
    expect(questions.success_banner).to_contain_text("Your answer is published on the need’s page")

    # Another supplier reads the question and answer, and not who asked.
    reader = open_page()
    sign_in_with_link(reader, mailoutbox, READER)
    need = TenderPage(reader).open().open_need(TITLE)
    expect(need.questions.get_by_role("heading", name=PUBLISHED_QUESTION)).to_be_visible()
    expect(need.questions).to_contain_text(ANSWER)
    expect(need.page.get_by_role("main")).not_to_contain_text(QUESTION)
    expect(need.page.get_by_role("main")).not_to_contain_text("Civic Code")
    expect(need.page.get_by_role("main")).not_to_contain_text("Priya")

    # Someone at another council has the same problem and says so.
    other = open_page()
    sign_in_with_link(other, mailoutbox, OTHER_OFFICER)
    need = TenderPage(other).open().open_need(TITLE).join()
    expect(need.success_banner).to_contain_text(f"{OTHER_COUNCIL} is now listed as having this problem too")
    expect(need.organisations_heading).to_have_text("2 organisations have this problem")

    # The council links the need to its procurement notice, from the page its email led to.
    need = NeedPage(officer, TITLE, need_path).open()
    need.link_procurement().save(NOTICE)
    need = NeedPage(officer, TITLE).check()
    expect(need.success_banner).to_contain_text("The need is linked to its procurement notice")

    # Anyone can read the need, with both councils, the answer and a link to the notice, and nobody's name.
    visitor = NeedPage(open_page(), TITLE, need_path).open()
    expect(visitor.organisations_heading).to_have_text("2 organisations have this problem")
    expect(visitor.page.locator("#organisations")).to_contain_text(OTHER_COUNCIL)
    expect(visitor.questions).to_contain_text(ANSWER)
    notice = visitor.summary("Procurement notice").get_by_role("link")
    expect(notice).to_have_attribute("href", f"https://www.find-tender.service.gov.uk/Notice/{NOTICE}")
    for private in ("Robin", "Priya", "Civic Code", OFFICER, ASKER):
        expect(visitor.page.get_by_role("main")).not_to_contain_text(private)
