import logging

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts import services
from accounts.models import Membership, Role, SignInLink
from accounts.tests.factories import MembershipFactory, SignInLinkFactory, UserFactory
from accounts.workflow import MembershipStatus
from core.models import AuditEvent, OutboundEmail
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory


class TestRequestSignInLink:
    def test_it_sends_nothing_to_a_deactivated_account(self):
        UserFactory(email="gone@example.com", is_active=False)
        services.request_sign_in_link("gone@example.com")
        assert not mail.outbox
        assert not SignInLink.objects.exists()

    def test_it_drops_a_next_url_too_long_to_store(self):
        services.request_sign_in_link("someone@example.com", "/" + "a" * 600)
        assert SignInLink.objects.get().next_url == ""

    def test_it_logs_an_email_that_could_not_be_sent(self, monkeypatch, caplog):
        def fail(*args, **kwargs):
            raise ConnectionError("Notify is down")

        monkeypatch.setattr(services, "send_email", fail)
        with caplog.at_level(logging.ERROR):
            services.request_sign_in_link("someone@example.com")
        assert "Could not send sign_in_link email" in caplog.text


class TestUseSignInLink:
    def test_only_one_of_two_simultaneous_uses_signs_in(self, monkeypatch):
        link = SignInLinkFactory(token="abc123")
        stale = SignInLink.objects.get(pk=link.pk)  # read before the other request spent it
        services.use_sign_in_link("abc123")
        monkeypatch.setattr(services, "check_sign_in_link", lambda token: stale)
        with pytest.raises(services.LinkRefused) as refusal:
            services.use_sign_in_link("abc123")
        assert refusal.value.reason == "used"
        assert AuditEvent.objects.filter(action="account.signed_in").count() == 1


class TestGrantMembershipsByDomain:
    def test_it_matches_the_whole_domain_whatever_its_case(self):
        organisation = OrganisationDomainFactory(domain="testshire.gov.uk").organisation
        OrganisationDomainFactory(domain="gov.uk")
        OrganisationDomainFactory(domain="north.testshire.gov.uk")
        user = UserFactory(email="pat@TESTSHIRE.gov.uk")
        granted = services.grant_memberships_by_domain(user)
        assert [membership.organisation for membership in granted] == [organisation]
        assert granted[0].status == MembershipStatus.APPROVED
        assert granted[0].granted_by_domain
        assert AuditEvent.objects.filter(action="membership.granted_by_domain").count() == 1

    def test_it_is_safe_to_run_again(self):
        OrganisationDomainFactory(domain="testshire.gov.uk")
        user = UserFactory(email="pat@testshire.gov.uk")
        services.grant_memberships_by_domain(user)
        assert services.grant_memberships_by_domain(user) == []
        assert Membership.objects.count() == 1
        assert AuditEvent.objects.filter(action="membership.granted_by_domain").count() == 1

    def test_it_skips_ended_organisations(self):
        OrganisationDomainFactory(domain="gone.gov.uk", organisation=OrganisationFactory(ended=True))
        assert services.grant_memberships_by_domain(UserFactory(email="pat@gone.gov.uk")) == []


class TestRequestMembership:
    def test_it_refuses_an_ended_organisation(self, member):
        with pytest.raises(services.MembershipRequestRefused):
            services.request_membership(member, OrganisationFactory(ended=True))
        assert not Membership.objects.exists()

    def test_it_refuses_a_second_request(self, member):
        organisation = OrganisationFactory(name="Twiceshire")
        services.request_membership(member, organisation)
        with pytest.raises(services.MembershipRequestRefused, match="already asked to join Twiceshire"):
            services.request_membership(member, organisation)
        assert Membership.objects.count() == 1


class TestDecisions:
    def test_it_writes_the_email_in_the_transaction_of_the_decision(
        self, moderator, django_capture_on_commit_callbacks
    ):
        membership = MembershipFactory(pending=True, user__email="waiting@example.com")
        with django_capture_on_commit_callbacks(execute=False):
            services.approve(membership, by=moderator)
        assert OutboundEmail.objects.filter(to="waiting@example.com", template="membership_approved").exists()

    def test_a_decision_that_rolls_back_leaves_no_email(self, moderator):
        membership = MembershipFactory(pending=True, user__email="waiting@example.com")
        with pytest.raises(RuntimeError), transaction.atomic():
            services.approve(membership, by=moderator)
            raise RuntimeError("the request failed after the decision")
        membership.refresh_from_db()
        assert membership.status == MembershipStatus.PENDING
        assert not OutboundEmail.objects.exists()

    def test_a_failed_email_does_not_undo_the_decision(
        self, moderator, monkeypatch, django_capture_on_commit_callbacks
    ):
        def fail(*args, **kwargs):
            raise ConnectionError("Notify is down")

        monkeypatch.setattr(services, "send_email", fail)
        membership = MembershipFactory(pending=True)
        with django_capture_on_commit_callbacks(execute=True):
            services.reject(membership, by=moderator, reason="Not known to the council")
        membership.refresh_from_db()
        assert membership.status == MembershipStatus.REJECTED

    def test_revoking_tells_the_member_why(self, moderator, django_capture_on_commit_callbacks):
        membership = MembershipFactory(user__email="leaver@example.com")
        with django_capture_on_commit_callbacks(execute=True):
            services.revoke(membership, by=moderator, reason="Left the council")
        assert "Left the council" in mail.outbox[0].body


class TestStaff:
    def test_it_never_authenticates_someone_without_a_role(self):
        UserFactory(email="council@example.gov.uk", password="a long enough password")
        assert services.authenticate_staff("council@example.gov.uk", "a long enough password") is None

    def test_it_creates_a_staff_user(self):
        user, created = services.save_staff_user(
            "New.Staff@localdigital.example", password="a long enough password", name="New Staff", role=Role.MODERATOR
        )
        assert created
        assert user.email == "new.staff@localdigital.example"
        assert user.check_password("a long enough password")
        assert services.authenticate_staff("new.staff@localdigital.example", "a long enough password") == user
        assert AuditEvent.objects.get(action="account.staff_user_created").changes["role"] == ["", "moderator"]

    def test_it_updates_a_staff_user_keeping_what_is_not_given(self):
        UserFactory(email="mo@localdigital.example", full_name="Mo", moderator=True)
        user, created = services.save_staff_user("mo@localdigital.example", password="another long password")
        assert not created
        assert (user.full_name, user.role) == ("Mo", Role.MODERATOR)
        assert user.check_password("another long password")

    def test_it_needs_a_role_for_a_new_user(self):
        with pytest.raises(ValueError):
            services.save_staff_user("new@localdigital.example", password="a long enough password")

    def test_it_refuses_a_weak_password(self):
        with pytest.raises(ValidationError):
            services.save_staff_user("new@localdigital.example", password="password", role=Role.ASSESSOR)


def test_changing_a_name_to_the_same_name_records_nothing(member):
    services.change_name(member, member.full_name)
    assert not AuditEvent.objects.filter(action="account.name_changed").exists()
