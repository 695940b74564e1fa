import datetime
import re
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from core.workflow import TransitionRefused
from declaration import services
from declaration.models import ApproverLink, Signature
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from declaration.workflow import SignatureStatus
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

IN_SIX_MONTHS = timezone.localdate() + datetime.timedelta(days=180)


@pytest.fixture
def lead():
    return UserFactory(email="robin@testshire.example", full_name="Robin Lead")


def complete_draft(organisation, lead):
    signature = services.start(organisation, lead=lead)
    services.save_people(
        signature,
        by=lead,
        lead_name="Robin Lead",
        lead_job_title="Head of Digital",
        approver_name="Sam Chief",
        approver_job_title="Chief Executive",
        approver_email="sam.chief@testshire.example",
    )
    services.save_project(
        signature,
        by=lead,
        title="Open waste data",
        description="Publish bin collection data in a common format.",
        principles=[2, 5],
        expected_completion=IN_SIX_MONTHS,
    )
    return signature


class TestStarting:
    def test_it_starts_a_draft_with_a_reference(self, lead):
        signature = services.start(OrganisationFactory(), lead=lead)
        assert signature.status == SignatureStatus.DRAFT
        assert re.fullmatch(r"LDD-[2-9A-HJKMNP-Z]{6}", signature.reference)
        assert AuditEvent.objects.filter(action="declaration.started").exists()

    def test_it_resumes_the_leads_own_draft(self, lead):
        organisation = OrganisationFactory()
        assert services.start(organisation, lead=lead) == services.start(organisation, lead=lead)

    def test_it_refuses_an_organisation_that_no_longer_exists(self, lead):
        with pytest.raises(TransitionRefused, match="no longer exists"):
            services.start(OrganisationFactory(ended=True), lead=lead)
        assert not Signature.objects.exists()

    def test_it_tells_a_second_lead_the_organisation_has_signed_and_when(self, lead):
        signature = SignatureFactory(signed=True, signed_at=datetime.datetime(2019, 3, 1, 12, tzinfo=datetime.UTC))
        with pytest.raises(TransitionRefused, match="already signed the declaration, on 1 March 2019"):
            services.start(signature.organisation, lead=lead)

    def test_it_tells_a_second_lead_someone_is_already_signing(self, lead):
        signature = SignatureFactory(submitted=True)
        with pytest.raises(TransitionRefused, match=signature.reference):
            services.start(signature.organisation, lead=lead)


class TestDraft:
    def test_it_refuses_changes_from_a_page_read_before_the_draft_was_submitted(self, lead):
        # The lead submitted in another tab after this copy was read: what was submitted for
        # review, the approver's address included, must not change under the moderator.
        signature = complete_draft(OrganisationFactory(), lead)
        stale = Signature.objects.get(pk=signature.pk)
        project = signature.projects.get()
        services.submit(signature, by=lead)

        with pytest.raises(TransitionRefused):
            services.save_people(
                stale,
                by=lead,
                lead_name="Robin Lead",
                lead_job_title="Head of Digital",
                approver_name="Someone Else",
                approver_job_title="Chief Executive",
                approver_email="someone.else@example.net",
            )
        with pytest.raises(TransitionRefused):
            services.save_project(
                stale,
                by=lead,
                project=project,
                title="Something else",
                description="Changed after submitting.",
                principles=[1],
                expected_completion=IN_SIX_MONTHS,
            )
        with pytest.raises(TransitionRefused):
            services.remove_project(stale, by=lead, project=project)

        signature.refresh_from_db()
        assert signature.approver_email == "sam.chief@testshire.example"
        assert list(signature.projects.values_list("title", flat=True)) == ["Open waste data"]

    def test_the_approver_must_be_someone_else(self, lead):
        signature = services.start(OrganisationFactory(), lead=lead)
        with pytest.raises(TransitionRefused) as refusal:
            services.save_people(
                signature,
                by=lead,
                lead_name="Robin",
                lead_job_title="Head of Digital",
                approver_name="Robin again",
                approver_job_title="Chief Executive",
                approver_email="ROBIN@testshire.example",
            )
        assert refusal.value.field == "approver_email"

    def test_an_approver_outside_the_organisations_domains_is_flagged(self, lead):
        organisation = OrganisationDomainFactory(domain="testshire.example").organisation
        signature = complete_draft(organisation, lead)
        assert signature.approver_email_outside_domains is False
        signature.approver_email = "sam@gmail.example"
        assert signature.approver_email_outside_domains is True

    @pytest.mark.parametrize(
        ("days", "message"), [(-1, "in the future"), (367, "within 12 months")], ids=["past", "too late"]
    )
    def test_a_project_finishes_within_a_year(self, lead, days, message):
        signature = services.start(OrganisationFactory(), lead=lead)
        with pytest.raises(TransitionRefused, match=message):
            services.save_project(
                signature,
                by=lead,
                title="T",
                description="D",
                principles=[1],
                expected_completion=timezone.localdate() + datetime.timedelta(days=days),
            )
        assert not signature.projects.exists()

    def test_a_project_serves_at_least_one_principle(self, lead):
        signature = services.start(OrganisationFactory(), lead=lead)
        with pytest.raises(TransitionRefused, match="at least one principle"):
            services.save_project(
                signature, by=lead, title="T", description="D", principles=[], expected_completion=IN_SIX_MONTHS
            )

    def test_someone_else_cannot_change_the_draft(self, lead):
        signature = services.start(OrganisationFactory(), lead=lead)
        with pytest.raises(TransitionRefused, match="Only the person leading"):
            services.save_project(
                signature,
                by=UserFactory(),
                title="T",
                description="D",
                principles=[1],
                expected_completion=IN_SIX_MONTHS,
            )


class TestSubmitting:
    def test_it_submits_keeps_a_version_and_emails_the_lead(self, lead):
        signature = services.submit(complete_draft(OrganisationFactory(), lead), by=lead)

        assert signature.status == SignatureStatus.SUBMITTED
        version = signature.versions.get()
        assert version.number == 1
        assert version.answers["projects"][0]["principles"] == [2, 5]
        assert mail.outbox[-1].to == [lead.email]
        assert signature.reference in mail.outbox[-1].subject

    def test_it_refuses_an_incomplete_draft(self, lead):
        signature = services.start(OrganisationFactory(), lead=lead)
        with pytest.raises(TransitionRefused, match="before you submit"):
            services.submit(signature, by=lead)
        signature.refresh_from_db()
        assert signature.status == SignatureStatus.DRAFT

    def test_two_leads_submitting_at_once_end_with_one_submission(self, lead):
        organisation = OrganisationFactory()
        first = complete_draft(organisation, lead)
        other_lead = UserFactory()
        second = complete_draft(organisation, other_lead)

        services.submit(first, by=lead)
        with pytest.raises(TransitionRefused, match="already signing"):
            services.submit(second, by=other_lead)

        assert Signature.objects.filter(status=SignatureStatus.SUBMITTED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_from_two_threads_end_with_exactly_one():
    organisation = OrganisationFactory()
    leads = [UserFactory(), UserFactory()]
    drafts = [complete_draft(organisation, lead) for lead in leads]
    outcomes = []
    barrier = threading.Barrier(2)

    def submit(draft, lead):
        barrier.wait()
        try:
            services.submit(draft, by=lead)
            outcomes.append("submitted")
        except TransitionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=pair) for pair in zip(drafts, leads, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "submitted"]
    assert Signature.objects.filter(status=SignatureStatus.SUBMITTED).count() == 1


class TestReviewAndSigning:
    @pytest.fixture
    def submitted(self, lead):
        return services.submit(complete_draft(OrganisationFactory(), lead), by=lead)

    def test_changes_requested_then_resubmitted_keeps_both_versions(self, submitted, lead, moderator):
        services.request_changes(submitted, by=moderator, advice="Say who the users are")
        assert "Say who the users are" in mail.outbox[-1].body
        services.submit(submitted, by=lead)
        assert list(submitted.versions.values_list("number", flat=True)) == [1, 2]

    def test_rejection_needs_a_reason_and_tells_the_lead(self, submitted, moderator):
        with pytest.raises(TransitionRefused, match="Enter a reason"):
            services.reject(submitted, by=moderator, reason="")
        services.reject(submitted, by=moderator, reason="Suppliers cannot sign")
        assert "Suppliers cannot sign" in mail.outbox[-1].body

    @pytest.mark.parametrize(
        "decide",
        [
            lambda signature, by: services.request_changes(signature, by=by, advice="Say who the users are"),
            lambda signature, by: services.reject(signature, by=by, reason="Suppliers cannot sign"),
        ],
        ids=["request_changes", "reject"],
    )
    def test_it_keeps_no_decision_whose_email_could_not_be_written(self, submitted, moderator, monkeypatch, decide):
        def outbox_unavailable(*args, **kwargs):
            raise RuntimeError("outbox unavailable")

        monkeypatch.setattr(services, "send_email", outbox_unavailable)
        with pytest.raises(RuntimeError):
            decide(submitted, moderator)
        submitted.refresh_from_db()
        assert submitted.status == SignatureStatus.SUBMITTED
        assert not AuditEvent.objects.filter(
            action__in=["declaration.changes_requested", "declaration.rejected"]
        ).exists()

    def test_approval_sends_the_approver_a_link_stored_only_as_a_hash(self, submitted, moderator):
        services.approve(submitted, by=moderator)

        approver_mail = next(message for message in mail.outbox if message.to == ["sam.chief@testshire.example"])
        token = re.search(r"/declaration/approve/([A-Za-z0-9_-]+)", approver_mail.body).group(1)
        assert not ApproverLink.objects.filter(token_hash=token).exists()
        assert ApproverLink.objects.filter(token_hash=services.hash_token(token)).exists()

    def test_the_approver_signs_once(self, submitted, moderator):
        services.approve(submitted, by=moderator)
        token = re.search(
            r"/declaration/approve/([A-Za-z0-9_-]+)",
            next(m for m in mail.outbox if m.to == ["sam.chief@testshire.example"]).body,
        ).group(1)

        signature = services.sign(token, signed_name="Sam Chief")

        assert signature.status == SignatureStatus.SIGNED
        assert signature.signed_name == "Sam Chief"
        assert signature.signed_at is not None
        with pytest.raises(services.LinkRefused) as refusal:
            services.sign(token, signed_name="Sam Chief")
        assert refusal.value.reason == "used"

    def test_an_expired_or_forged_link_is_refused(self, submitted, moderator):
        services.approve(submitted, by=moderator)
        ApproverLink.objects.update(expires_at=timezone.now())
        token = approver_token_for(submitted)
        with pytest.raises(services.LinkRefused) as expired:
            services.check_approver_link(token)
        with pytest.raises(services.LinkRefused) as forged:
            services.check_approver_link("not-a-real-token")
        assert (expired.value.reason, forged.value.reason) == ("expired", "invalid")

    def test_resending_the_link_retires_the_old_one(self, submitted, moderator, lead):
        services.approve(submitted, by=moderator)
        old = approver_token_for(submitted)
        services.resend_approver_link(submitted, by=lead)
        with pytest.raises(services.LinkRefused):
            services.check_approver_link(old)
        services.check_approver_link(approver_token_for(submitted))

    def test_a_signed_organisation_can_withdraw_and_stays_in_history(self, submitted, moderator):
        services.approve(submitted, by=moderator)
        services.sign(approver_token_for(submitted), signed_name="Sam Chief")
        signature = services.withdraw(submitted, by=moderator, reason="Asked by the chief executive")
        assert signature.status == SignatureStatus.WITHDRAWN
        assert signature.signed_at is not None
        assert AuditEvent.objects.filter(action="declaration.withdrawn").exists()


def approver_token_for(signature):
    approver_mails = [m for m in mail.outbox if m.to == [signature.approver_email]]
    return re.search(r"/declaration/approve/([A-Za-z0-9_-]+)", approver_mails[-1].body).group(1)


def test_founding_signatures_are_recorded_once_for_the_co_publishers():
    OrganisationFactory(co_publisher_number=1)
    OrganisationFactory(co_publisher_number=31, ended=True)
    DeclarationProjectFactory()  # an ordinary signature is left alone

    assert services.record_founding_signatures() == 2
    assert services.record_founding_signatures() == 0

    founding = Signature.objects.filter(is_founding=True)
    assert founding.count() == 2
    assert {timezone.localtime(s.signed_at).date() for s in founding} == {datetime.date(2018, 7, 4)}


class TestRequestWithdrawal:
    REASON = "Our new chief executive has not agreed to the declaration"

    @pytest.fixture
    def signed(self):
        return SignatureFactory(signed=True)

    def test_a_member_asks_the_request_is_audited_and_the_lead_and_approver_told(self, signed):
        member = MembershipFactory(organisation=signed.organisation).user

        signature = services.request_withdrawal(signed, by=member, reason=f"  {self.REASON} ")

        assert signature.status == SignatureStatus.SIGNED
        assert signature.withdrawal_requested_by == member
        assert signature.withdrawal_request_reason == self.REASON
        event = AuditEvent.objects.get(action="declaration.withdrawal_requested")
        assert (event.actor, event.reason) == (member, self.REASON)
        assert sorted(m.to[0] for m in mail.outbox) == sorted([signed.lead.email, signed.approver_email])
        assert all(signed.reference in m.subject for m in mail.outbox)

    def test_it_needs_a_reason(self, signed):
        with pytest.raises(TransitionRefused) as refusal:
            services.request_withdrawal(signed, by=signed.lead, reason=" ")
        assert refusal.value.field == "reason"
        signed.refresh_from_db()
        assert signed.withdrawal_requested_at is None

    @pytest.mark.parametrize("status", sorted(set(SignatureStatus) - {SignatureStatus.SIGNED}))
    def test_it_refuses_a_signature_that_is_not_signed(self, status):
        signature = SignatureFactory(status=status)
        with pytest.raises(TransitionRefused):
            services.request_withdrawal(signature, by=signature.lead, reason=self.REASON)
        assert not AuditEvent.objects.filter(action="declaration.withdrawal_requested").exists()

    def test_it_refuses_someone_outside_the_organisation_or_not_yet_approved(self, signed):
        for person in (
            MembershipFactory().user,
            MembershipFactory(organisation=signed.organisation, pending=True).user,
        ):
            with pytest.raises(TransitionRefused):
                services.request_withdrawal(signed, by=person, reason=self.REASON)

    def test_it_refuses_a_second_request_while_one_is_pending(self, signed):
        services.request_withdrawal(signed, by=signed.lead, reason=self.REASON)
        with pytest.raises(TransitionRefused, match="already asked"):
            services.request_withdrawal(signed, by=signed.lead, reason="Again")
        assert AuditEvent.objects.filter(action="declaration.withdrawal_requested").count() == 1

    def test_staff_withdrawing_keeps_the_request_as_history(self, signed, moderator):
        services.request_withdrawal(signed, by=signed.lead, reason=self.REASON)

        signature = services.withdraw(signed, by=moderator, reason=self.REASON)

        assert signature.status == SignatureStatus.WITHDRAWN
        assert signature.withdrawal_requested_at is not None
        assert (signature.withdrawal_requested_by, signature.withdrawal_request_reason) == (signed.lead, self.REASON)
