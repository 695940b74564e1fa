"""Suppliers on the Tender: someone at a small company signs in, registers it (told what is
missing, then checking their answers), and adds a case study naming a council. Someone at the
council confirms it, and a visitor finds the supplier in the directory with the case study
marked confirmed. A moderator suspends a supplier, whose people see why, and lists it again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import MembershipFactory, TOTPDeviceFactory, UserFactory
from events.models import Topic
from organisations.models import OrganisationType
from organisations.tests.factories import OrganisationFactory
from tender.models import OpenStandard, ServedRegion
from tender.tests.factories import SupplierFactory
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import link_in, wait_for_email
from tests.browser.pages import StaffSignInPage
from tests.browser.tender_pages import (
    CannotRegisterSupplierPage,
    CouncilCaseStudyPage,
    ManageSuppliersPage,
    PublicSectorOnlyPage,
    RegisterSupplierPage,
    SupplierDirectoryPage,
    YourSuppliersPage,
    sign_in_with_link,
)

SUPPLIER_PERSON = "sam@opencouncils.example"
OFFICER = "chris@testshire.example.gov.uk"
SUPPLIER = "Open Councils Ltd"
CASE_STUDY = "Swimming lessons booked online"
STAFF_PASSWORD = "a-long-staff-password"


# The journeys -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _reference_data():
    # The live server's database is emptied between tests, reference data from migrations too.
    for slug, name in (("open-source", "Open source"), ("service-design", "Service design")):
        Topic.objects.get_or_create(slug=slug, defaults={"name": name})
    OpenStandard.objects.get_or_create(
        slug="openapi-specification",
        defaults={"name": "OpenAPI Specification", "url": "https://spec.openapis.org/oas/latest.html"},
    )


def test_a_supplier_registers_adds_a_case_study_the_council_confirms_and_the_public_sees_it(open_page, mailoutbox):
    council = OrganisationFactory(name="Testshire County Council", organisation_type=OrganisationType.COUNTY)
    MembershipFactory(organisation=council, user__email=OFFICER)

    # Someone at the supplier registers it, after being told what is missing.
    person = open_page()
    sign_in_with_link(person, mailoutbox, SUPPLIER_PERSON)
    form = RegisterSupplierPage(person).open().continue_and_be_refused()
    form.check_error("Name", "Enter the supplier’s name")
    form.check_choice_error(
        "Where does it work?", "Select the regions the supplier works in, or select ‘All of the UK’"
    )
    form.fill(SUPPLIER)
    check = form.continue_to_check()
    expect(check.summary("Companies House number")).to_have_text("12345678")
    expect(check.summary("Where it works")).to_have_text("All of the UK")
    registered = check.register()
    expect(registered.page.locator(".govuk-panel__body")).to_contain_text("GB-COH-12345678")

    # They add a case study naming the council, which is asked to confirm it.
    case_study = registered.add_a_case_study().add_and_be_refused()
    case_study.check_error("Which council was the work for?", "Enter the name of the council the work was for")
    case_studies = case_study.add("Testshire County Council", CASE_STUDY)
    expect(case_studies.success_banner).to_contain_text("We have asked Testshire County Council to confirm it")
    expect(case_studies.page.get_by_text("Not confirmed yet", exact=True)).to_be_visible()
    # Acting for a supplier, they cannot do what only the public sector may.
    PublicSectorOnlyPage(person).open()

    # Someone at the council follows the link in their email and confirms it.
    email = wait_for_email(mailoutbox, OFFICER)
    assert email.subject == f"Did {SUPPLIER} do this work with Testshire County Council?"
    officer = open_page()
    sign_in_with_link(officer, mailoutbox, OFFICER)
    refusal = CannotRegisterSupplierPage(officer).open()
    expect(refusal.page.get_by_role("main")).to_contain_text("You are a member of Testshire County Council")
    listing = CouncilCaseStudyPage(officer, CASE_STUDY, link_in(email, "/tender/case-studies/")).open().confirm()
    expect(listing.success_banner).to_contain_text(f"You confirmed the case study: ‘{CASE_STUDY}’ by {SUPPLIER}")

    # A visitor finds the supplier by where it works and sees the confirmed case study.
    directory = SupplierDirectoryPage(open_page()).open().filter_by("Works in", "Wales")
    supplier = directory.open_supplier(SUPPLIER)
    expect(supplier.summary("Identifier (org-id)")).to_have_text("GB-COH-12345678")
    case_studies_section = supplier.page.locator(".govuk-summary-card", has_text=CASE_STUDY)
    expect(case_studies_section.locator(".govuk-tag")).to_have_text("Confirmed")
    expect(supplier.page.get_by_role("main")).not_to_contain_text(re.compile("sam@|chris@"))


def test_a_moderator_suspends_a_supplier_whose_people_see_why_and_lists_it_again(open_page, mailoutbox):
    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=STAFF_PASSWORD)
    app = AuthenticatorApp(TOTPDeviceFactory(user=moderator).bin_key)
    supplier = SupplierFactory(name=SUPPLIER, slug="open-councils", members=[UserFactory(email=SUPPLIER_PERSON)])
    ServedRegion.objects.create(supplier=supplier, region="wales")

    staff = open_page()
    sign_in = ManageSuppliersPage(staff).open_and_be_sent_to(StaffSignInPage)
    suppliers = sign_in.sign_in("mo@localdigital.example", STAFF_PASSWORD).enter_code(app.code(), ManageSuppliersPage)
    form = suppliers.open_supplier(SUPPLIER).suspend().suspend_and_be_refused()
    form.check_error("Why are you suspending the supplier?", "Enter why you are suspending the supplier")
    supplier = form.suspend("The website offers no services to councils.")
    expect(supplier.success_banner).to_contain_text(f"{SUPPLIER} is suspended")
    expect(supplier.page.locator("#status")).to_have_text("Suspended")
    expect(SupplierDirectoryPage(open_page()).open().page.get_by_role("main")).not_to_contain_text(SUPPLIER)

    # The supplier's person sees why, and can still change its details.
    person = open_page()
    sign_in_with_link(person, mailoutbox, SUPPLIER_PERSON)
    yours = YourSuppliersPage(person).open()
    expect(yours.page.get_by_role("main")).to_contain_text("The website offers no services to councils.")
    yours = yours.change_details(SUPPLIER).save("Booking tools for leisure centres, built in the open.")
    expect(yours.success_banner).to_contain_text("Your changes are saved")

    supplier = supplier.list_again()
    expect(supplier.success_banner).to_contain_text(f"{SUPPLIER} is listed again")
    visitor = SupplierDirectoryPage(open_page()).open()
    expect(visitor.page.locator("#suppliers")).to_contain_text("Booking tools for leisure centres, built in the open.")
