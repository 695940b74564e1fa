import pytest

from accounts.tests.factories import MembershipFactory
from events.tests.factories import EventFactory
from organisations.models import OrganisationType
from tender.models import OpenStandard
from tender.tests.factories import InterestFactory, NeedFactory, NeedJoinFactory, SupplierFactory
from tender.views.needs import need_detail

pytestmark = pytest.mark.django_db


@pytest.fixture
def need():
    return NeedFactory(
        title="Bin collection days",
        slug="bin-collection-days",
        organisation__name="Leeds City Council",
        author__full_name="Priya Authorson",
        author__email="priya@leeds.example.gov.uk",
        problem="Residents **phone us**.<script>alert('x')</script>",
        budget_from=20000,
        budget_to=60000,
    )


def page(client, need) -> str:
    response = client.get(f"/tender/needs/{need.slug}")
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_need_to_anyone_with_its_organisation_never_its_author(client, need):
    assert need_detail.access_rule == "public"
    need.open_standards.add(OpenStandard.objects.get(slug="open-referral-uk"))
    body = page(client, need)
    assert "Bin collection days" in body and "Leeds City Council" in body
    assert "Priya" not in body and "priya@" not in body
    assert "<strong>phone us</strong>" in body and "<script>alert" not in body
    assert "£20,000 to £60,000" in body
    assert (
        '<a class="govuk-link" href="https://openreferraluk.org/" rel="noopener noreferrer">Open Referral UK</a>'
        in body
    )
    assert "Open for questions" in body
    assert "Questions and answers" in body


@pytest.mark.parametrize("state", ["draft", "submitted"])
def test_it_does_not_find_a_need_that_is_not_published(client, state):
    need = NeedFactory(**{state: True})
    assert client.get(f"/tender/needs/{need.slug}").status_code == 404


def test_it_lists_the_organisations_that_joined(client, need):
    NeedJoinFactory(need=need, organisation__name="Bradford Council")
    NeedJoinFactory(need=need, organisation__name="Wakefield Council")
    body = page(client, need)
    assert "3 organisations have this problem" in body
    assert "Bradford Council" in body and "Wakefield Council" in body


def test_it_offers_a_member_of_another_organisation_to_join(client, need):
    membership = MembershipFactory(organisation__name="Bradford Council")
    client.force_login(membership.user)
    body = page(client, need)
    assert "We have this problem too" in body
    assert f'action="/tender/needs/{need.slug}/join"' in body
    assert "Register interest" not in body and "Manage this need" not in body


def test_it_offers_to_leave_once_joined(client, need):
    join = NeedJoinFactory(need=need)
    membership = MembershipFactory(organisation=join.organisation)
    client.force_login(membership.user)
    body = page(client, need)
    assert "We have this problem too" not in body
    assert f"Remove {join.organisation.name} from this need" in body


def test_it_does_not_offer_joining_to_a_member_of_a_non_public_sector_body(client, need):
    membership = MembershipFactory(organisation__organisation_type=OrganisationType.NON_PROFIT)
    client.force_login(membership.user)
    assert "We have this problem too" not in page(client, need)


def test_it_offers_a_supplier_to_register_interest_once(client, need):
    supplier = SupplierFactory(name="Civic Code Ltd")
    client.force_login(supplier.members.get())
    body = page(client, need)
    assert "Register interest" in body and "We have this problem too" not in body
    InterestFactory(need=need, supplier=supplier)
    body = page(client, need)
    assert "Civic Code Ltd has registered interest" in body
    assert f'action="/tender/needs/{need.slug}/interest"' not in body


def test_it_gives_members_of_the_need_organisation_its_management_links(client, need):
    membership = MembershipFactory(organisation=need.organisation)
    InterestFactory(need=need)
    client.force_login(membership.user)
    body = page(client, need)
    assert "Manage this need" in body and "1 supplier has registered interest" in body
    assert f"/tender/needs/{need.slug}/show-and-tell" in body
    assert f"/tender/needs/{need.slug}/procurement" in body
    assert f"/tender/needs/{need.slug}/close" in body
    assert "We have this problem too" not in body


def test_it_asks_people_to_sign_in_to_act(client, need):
    body = page(client, need)
    assert f'/sign-in?next=/tender/needs/{need.slug}"' in body
    assert "Manage this need" not in body and "Register interest</button>" not in body


def test_it_links_the_show_and_tell_and_the_procurement_notice(client, need):
    event = EventFactory(title="Bins show and tell", organisation=need.organisation)
    need.show_and_tell = event
    need.procurement_reference = "012345-2026"
    need.save()
    body = page(client, need)
    assert f'href="/events/{event.pk}">Bins show and tell</a>' in body
    assert 'href="https://www.find-tender.service.gov.uk/Notice/012345-2026"' in body


def test_it_leaves_out_a_show_and_tell_no_longer_listed(client, need):
    need.show_and_tell = EventFactory(title="Bins show and tell", submitted=True)
    need.save()
    assert "Bins show and tell" not in page(client, need)


def test_it_shows_the_outcome_of_a_closed_need_and_no_buttons(client):
    need = NeedFactory(closed=True, outcome="We bought a service from a small supplier.")
    membership = MembershipFactory()
    client.force_login(membership.user)
    body = page(client, need)
    assert "What happened" in body and "We bought a service from a small supplier." in body
    assert "We have this problem too" not in body


def test_it_runs_a_bounded_number_of_queries(client, need, django_assert_max_num_queries):
    membership = MembershipFactory()
    client.force_login(membership.user)
    NeedJoinFactory(need=need)
    with django_assert_max_num_queries(30) as few:
        page(client, need)
    NeedJoinFactory.create_batch(15, need=need)
    InterestFactory.create_batch(5, need=need)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "17 organisations have this problem" in page(client, need)


def test_it_answers_only_get(client, need):
    assert client.post(f"/tender/needs/{need.slug}").status_code == 405
