import re

import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from events.models import Topic
from tender.models import OpenStandard, Supplier
from tender.tests.factories import SupplierFactory
from tender.views.suppliers import REGISTRATION_SESSION_KEY, register

pytestmark = pytest.mark.django_db

URL = "/tender/suppliers/register"


def supplier_form_data(**changes) -> dict:
    """What someone registering Open Councils, a small company, posts."""
    data = {
        "name": "Open Councils Ltd",
        "company_number": "12345678",
        "charity_number": "",
        "website": "https://www.opencouncils.example",
        "size": "micro",
        "summary": "Open source booking tools for council leisure services.",
        "offers": [topic.pk for topic in Topic.objects.filter(slug__in=["open-source", "service-design"])],
        "open_standards": [OpenStandard.objects.get(name="OpenAPI Specification").pk],
        "regions": ["north_west", "yorkshire"],
        "contact_email": "hello@opencouncils.example",
    }
    return data | changes


@pytest.fixture
def person(client):
    person = UserFactory(email="sam@opencouncils.example")
    client.force_login(person)
    return person


def errors(response) -> str:
    assert response.status_code == 200
    assert not Supplier.objects.exists()
    page = response.content.decode()
    assert "<title>Error: " in page
    return page


def test_it_needs_someone_signed_in(client):
    assert register.access_rule == "signed_in"
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_asks_for_the_supplier_with_all_of_the_uk_as_an_exclusive_choice(client, person):
    page = client.get(URL).content.decode()
    assert '<h1 class="govuk-heading-l">Register a supplier</h1>' in page
    for name in ("name", "company_number", "charity_number", "website", "summary", "contact_email"):
        assert f'name="{name}"' in page
    assert 'type="radio" name="size"' in page
    assert page.count('type="checkbox" name="offers"') == Topic.objects.count()
    assert page.count('type="checkbox" name="open_standards"') == OpenStandard.objects.count()
    assert '<div class="govuk-checkboxes__divider">or</div>' in page
    assert re.search(r'<input [^>]*value="all"[^>]*data-behaviour="exclusive"', page)
    assert 'name="csrfmiddlewaretoken"' in page


def test_it_keeps_the_answers_for_checking_and_saves_nothing_yet(client, person):
    response = client.post(URL, supplier_form_data())
    assert response.status_code == 302
    assert response.url == "/tender/suppliers/register/check"
    assert not Supplier.objects.exists()
    assert client.session[REGISTRATION_SESSION_KEY]["name"] == ["Open Councils Ltd"]


def test_it_shows_the_answers_again_when_someone_comes_back_to_change_one(client, person):
    client.post(URL, supplier_form_data(summary="Booking tools for leisure centres."))
    page = client.get(URL).content.decode()
    assert 'value="Open Councils Ltd"' in page
    assert "Booking tools for leisure centres.</textarea>" in page
    assert re.search(r'<input [^>]*value="north_west"[^>]*checked>', page)
    assert not re.search(r'<input [^>]*value="london"[^>]*checked>', page)


def test_it_says_what_is_missing(client, person):
    page = errors(client.post(URL, {}))
    for anchor, message in [
        ("id_name", "Enter the supplier’s name"),
        ("id_company_number", "Enter a Companies House number or a charity number"),
        ("id_website", "Enter the supplier’s website address"),
        ("id_size_0", "Select how many people work for the supplier"),
        ("id_summary", "Enter a summary of what the supplier offers"),
        ("id_offers_0", "Select at least one thing the supplier offers"),
        ("id_regions_0", "Select the regions the supplier works in, or select ‘All of the UK’"),
        ("id_contact_email", "Enter a public contact email address"),
    ]:
        assert f'<a href="#{anchor}">{message}</a>' in page
    assert "id_open_standards_0" not in page.split("govuk-error-summary__list")[1].split("</ul>")[0]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"company_number": "1234"}, "Enter a Companies House number in the correct format, like 01234567 or SC123456"),
        (
            {"company_number": "ABCDEFGH"},
            "Enter a Companies House number in the correct format, like 01234567 or SC123456",
        ),
        (
            {"company_number": "", "charity_number": "12A456"},
            "Enter a charity number in the correct format, like 1234567",
        ),
        (
            {"company_number": "", "charity_number": "12345"},
            "Enter a charity number in the correct format, like 1234567",
        ),
        ({"website": "javascript:alert(1)"}, "Enter the website address in the correct format"),
        (
            {"contact_email": "hello at example"},
            "Enter an email address in the correct format, like hello@example.co.uk",
        ),
        ({"size": "huge"}, "Select a size"),
        ({"regions": ["atlantis"]}, "Select regions from the list"),
        ({"summary": "x" * 301}, "The summary must be 300 characters or fewer"),
    ],
)
def test_it_refuses_answers_in_the_wrong_format(client, person, changes, message):
    page = errors(client.post(URL, supplier_form_data(**changes)))
    assert message in page
    assert REGISTRATION_SESSION_KEY not in client.session


@pytest.mark.parametrize(
    "existing, posted, field, message",
    [
        (
            {"company_number": "12345678"},
            {},
            "company_number",
            "A supplier with this company number is already registered",
        ),
        (
            {"company_number": "", "charity_number": "1098765"},
            {"charity_number": "1098765"},
            "charity_number",
            "A supplier with this charity number is already registered",
        ),
    ],
)
def test_it_refuses_a_number_another_supplier_has(client, person, existing, posted, field, message):
    SupplierFactory(**existing)
    response = client.post(URL, supplier_form_data(**posted))
    assert response.status_code == 200
    assert f'<a href="#id_{field}">{message}</a>' in response.content.decode()
    assert Supplier.objects.count() == 1


def test_it_accepts_a_charity_number_alone_and_tidies_it(client, person):
    response = client.post(URL, supplier_form_data(company_number="", charity_number=" 1 098 765 "), follow=True)
    page = response.content.decode()
    assert "Check your answers before registering the supplier" in page
    assert "1098765" in page


@pytest.mark.parametrize("state", ["pending", None])
def test_it_refuses_someone_in_the_public_sector(client, person, state):
    MembershipFactory(user=person, organisation__name="Testshire County Council", **({state: True} if state else {}))
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 403
    assert "You cannot register a supplier with this account" in page
    reason = "You have asked to join" if state == "pending" else "You are a member of"
    assert f"{reason} Testshire County Council on this service." in page
    assert client.post(URL, supplier_form_data()).status_code == 403
    assert not Supplier.objects.exists()


@pytest.mark.parametrize("state", ["rejected", "revoked"])
def test_it_lets_someone_whose_membership_ended_register(client, person, state):
    MembershipFactory(user=person, **{state: True})
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("role", ["moderator", "assessor", "fund_approver", "programme_admin"])
def test_it_refuses_someone_with_a_role(sign_in_verified, role):
    client = sign_in_verified(UserFactory(**{role: True}))
    response = client.get(URL)
    assert response.status_code == 403
    assert "role on this service. People with a role cannot act for a supplier" in response.content.decode()


def test_it_refuses_other_methods(client, person):
    assert client.put(URL).status_code == 405
