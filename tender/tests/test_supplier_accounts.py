"""A supplier account never gains a public-sector right. Each test gives the supplier's person
the most they could hold (an approved membership created before the rule, a role set by
hand) and checks they are still refused, with a page or message that says so."""

import pytest

from accounts import services as accounts
from accounts.models import Membership, Role
from accounts.tests.factories import MembershipFactory, SignInLinkFactory, UserFactory
from core.workflow import TransitionRefused
from declaration import services as declaration
from declaration.models import Signature
from events.models import Event
from events.tests.factories import EventFactory, event_form_data
from events.workflow import EventStatus
from fund.models import Bid
from fund.tests.factories import AssessmentFactory, RoundFactory
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory
from projects.models import Update
from projects.tests.factories import ProjectFactory
from tender.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db

REFUSAL = "This is for people who work in the public sector"


@pytest.fixture
def council():
    return OrganisationFactory(name="Testshire County Council")


@pytest.fixture
def person():
    """Someone who acts for a supplier."""
    person = UserFactory(email="sam@opencouncils.example")
    SupplierFactory(name="Open Councils Ltd", members=[person])
    return person


@pytest.fixture
def signed_in(client, person):
    client.force_login(person)
    return client


def refused(response) -> None:
    assert response.status_code == 403
    assert REFUSAL in response.content.decode()


def test_it_knows_a_supplier_account(person):
    assert person.is_supplier_account
    assert not UserFactory().is_supplier_account


class TestTheDeclaration:
    def test_signing_is_refused_with_a_page_that_says_why(self, signed_in, person, council):
        refused(signed_in.get("/declaration/sign/organisation"))
        refused(signed_in.post("/declaration/sign/organisation", {"name": "Testshire County Council"}))
        assert not Signature.objects.exists()

    def test_choosing_an_organisation_is_refused_too(self, signed_in, council):
        session = signed_in.session
        session["declaration_sign_eligible"] = True
        session.save()
        response = signed_in.post(
            "/declaration/sign/organisation/choose?name=Testshire+County+Council", {"organisation": council.pk}
        )
        assert "You act for a supplier, so you cannot sign for an organisation" in response.content.decode()
        assert not Signature.objects.exists()

    def test_the_service_refuses_to_start_a_signature(self, person, council):
        MembershipFactory(user=person, organisation=council)
        with pytest.raises(TransitionRefused, match="You act for a supplier"):
            declaration.start(council, lead=person)
        assert not Signature.objects.exists()


class TestMemberships:
    def test_asking_to_join_an_organisation_is_refused(self, signed_in, council):
        response = signed_in.post("/account/organisations/join", {"organisation": council.pk})
        page = response.content.decode()
        assert response.status_code == 200
        assert "You act for a supplier on this service, so you cannot join a public sector organisation" in page
        assert not Membership.objects.exists()

    def test_an_email_address_at_a_council_s_domain_grants_nothing_at_sign_in(self, client, council):
        person = UserFactory(email="sam@testshire.example.gov.uk")
        SupplierFactory(members=[person])
        OrganisationDomainFactory(organisation=council, domain="testshire.example.gov.uk")
        SignInLinkFactory(token="supplier-link", email=person.email)
        response = client.post("/sign-in/supplier-link")
        assert response.status_code == 302
        assert not Membership.objects.exists()
        assert accounts.grant_memberships_by_domain(person) == []

    def test_a_moderator_cannot_approve_a_waiting_request(self, sign_in_verified, moderator, person, council):
        waiting = MembershipFactory(user=person, organisation=council, pending=True)
        response = sign_in_verified(moderator).post(f"/manage/memberships/{waiting.pk}/approve")
        assert "sam@opencouncils.example acts for a supplier, so cannot join Testshire County Council" in (
            response.content.decode()
        )
        waiting.refresh_from_db()
        assert waiting.status == "pending"


class TestTheFund:
    def test_starting_an_expression_of_interest_is_refused(self, signed_in, person, council):
        MembershipFactory(user=person, organisation=council)
        round_ = RoundFactory()
        refused(signed_in.get(f"/fund/{round_.slug}/apply"))
        refused(signed_in.post(f"/fund/{round_.slug}/apply", {"organisation": council.pk}))
        assert not Bid.objects.exists()

    def test_seeing_assessments_is_refused_even_with_the_assessor_role(self, sign_in_verified, person):
        person.role = Role.ASSESSOR
        person.save()
        assignment = AssessmentFactory(assessor=person)
        client = sign_in_verified(person)
        assert client.get("/assess").status_code == 403
        assert client.get(f"/assess/{assignment.pk}").status_code == 403


class TestEvents:
    def test_submitting_an_event_is_refused(self, signed_in, person, council):
        MembershipFactory(user=person, organisation=council)
        refused(signed_in.get("/events/submit"))
        refused(signed_in.post("/events/submit", event_form_data()))
        assert not Event.objects.exists()

    def test_moderating_events_is_refused_even_with_the_moderator_role(self, sign_in_verified, person):
        person.role = Role.MODERATOR
        person.save()
        event = EventFactory(submitted=True)
        client = sign_in_verified(person)
        assert client.get("/manage/events").status_code == 403
        assert client.post(f"/manage/events/{event.pk}/publish").status_code == 403
        event.refresh_from_db()
        assert event.status == EventStatus.SUBMITTED

    def test_every_staff_page_is_refused_even_with_the_admin_role(self, sign_in_verified, person):
        person.role = Role.PROGRAMME_ADMIN
        person.save()
        client = sign_in_verified(person)
        for url in ("/manage/memberships", "/manage/tender/suppliers", "/manage/events"):
            assert client.get(url).status_code == 403, url


class TestProjects:
    def test_posting_a_project_update_is_refused(self, signed_in, person, council):
        MembershipFactory(user=person, organisation=council)
        project = ProjectFactory(lead_organisation=council)
        url = f"/projects/{project.slug}/updates/new"
        refused(signed_in.get(url))
        refused(signed_in.post(url, {"kind": "weeknote", "title": "Week 1", "body": "We met the team."}))
        assert not Update.objects.exists()


def test_a_supplier_s_person_is_not_asked_to_confirm_case_studies_naming_a_council(signed_in, person, council):
    MembershipFactory(user=person, organisation=council)
    assert signed_in.get("/tender/case-studies").context["page"].paginator.count == 0
