import datetime
import re
import threading

import pytest
from django.db import connection
from django.utils import timezone

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from core.tokens import LinkRefused, hash_token
from core.workflow import TransitionRefused
from declaration.tests.factories import SignatureFactory
from fund import bids
from fund.models import Bid, BidPartner, PartnerStatus
from fund.tests.factories import BidFactory, BidPartnerFactory, RoundFactory
from fund.workflow import BidStatus
from organisations.models import OrganisationType
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def signatory(**fields):
    organisation = OrganisationFactory(**fields)
    SignatureFactory(organisation=organisation, signed=True)
    return organisation


def member_of(organisation, **fields):
    return MembershipFactory(organisation=organisation, **fields).user


@pytest.fixture
def council():
    return signatory(name="Camden Council")


@pytest.fixture
def writer(council):
    return member_of(council, user__email="robin@camden.example.gov.uk")


@pytest.fixture
def draft(council, writer):
    """A complete draft with one confirmed signatory partner: enough for the round's minimum of 2."""
    bid = BidFactory(round=RoundFactory(min_signatory_authorities=2), lead_organisation=council, created_by=writer)
    BidPartnerFactory(bid=bid, organisation=signatory(organisation_type=OrganisationType.DISTRICT), confirmed=True)
    return bid


def link_token(message) -> str:
    return re.search(r"/fund/partners/([A-Za-z0-9_-]+)", message.body)[1]


class TestStart:
    def test_it_starts_a_draft_with_a_reference_nobody_misreads(self, council, writer):
        bid = bids.start(RoundFactory(), council, by=writer)

        assert bid.status == BidStatus.DRAFT
        assert re.fullmatch(r"LDF-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}", bid.reference)
        assert bid.created_by == writer
        assert AuditEvent.objects.get(action="fund.eoi_started").actor == writer

    def test_it_refuses_someone_who_does_not_work_there(self, council):
        pending = member_of(council, pending=True)
        with pytest.raises(TransitionRefused, match="organisation you work for"):
            bids.start(RoundFactory(), council, by=pending)
        assert not Bid.objects.exists()

    def test_it_refuses_an_organisation_the_rules_stop(self, writer):
        fire = OrganisationFactory(organisation_type=OrganisationType.OTHER_PUBLIC_BODY)
        MembershipFactory(user=writer, organisation=fire)
        with pytest.raises(bids.NotEligible) as refused:
            bids.start(RoundFactory(), fire, by=writer)
        assert [refusal.rule for refusal in refused.value.refusals] == ["local_authority", "signatory"]
        assert not Bid.objects.exists()

    def test_it_refuses_outside_the_window(self, council, writer):
        with pytest.raises(TransitionRefused, match="closed for expressions of interest"):
            bids.start(RoundFactory(evaluating=True), council, by=writer)
        future = RoundFactory(
            eoi_opens_at=timezone.now() + datetime.timedelta(days=1),
            eoi_closes_at=timezone.now() + datetime.timedelta(days=5),
        )
        with pytest.raises(TransitionRefused, match="opens for expressions of interest at"):
            bids.start(future, council, by=writer)

    def test_it_refuses_a_round_not_yet_published(self, council, writer):
        with pytest.raises(TransitionRefused, match="not open"):
            bids.start(RoundFactory(status="draft"), council, by=writer)


class TestAnswers:
    def test_any_member_of_the_lead_can_change_a_draft(self, draft, council):
        colleague = member_of(council)
        bids.save_project(draft, by=colleague, title="  Bins  ", problem="Missed collections")

        draft.refresh_from_db()
        assert (draft.title, draft.problem) == ("Bins", "Missed collections")
        event = AuditEvent.objects.get(action="fund.eoi_changed")
        assert event.actor == colleague
        assert event.changes["title"][1] == "Bins"

    def test_it_refuses_someone_from_another_organisation(self, draft):
        outsider = member_of(OrganisationFactory())
        with pytest.raises(TransitionRefused, match="lead organisation"):
            bids.save_project(draft, by=outsider, title="Taken over", problem="p")
        draft.refresh_from_db()
        assert draft.title != "Taken over"

    def test_it_refuses_more_than_the_phase_maximum(self, draft, writer):
        with pytest.raises(TransitionRefused) as refused:
            bids.save_phase(draft, by=writer, phase="discovery", amount_requested=50_001)
        assert refused.value.field == "amount_requested"
        assert refused.value.message == "Enter an amount of £50,000 or less, the most this round awards for discovery"

        bids.save_phase(draft, by=writer, phase="discovery", amount_requested=50_000)
        draft.refresh_from_db()
        assert draft.amount_requested == 50_000

    def test_it_refuses_a_phase_the_round_does_not_fund(self, writer, council):
        bid = BidFactory(round=RoundFactory(phases={"discovery": 50_000}), lead_organisation=council)
        with pytest.raises(TransitionRefused) as refused:
            bids.save_phase(bid, by=writer, phase="beta", amount_requested=10)
        assert refused.value.field == "phase"

    def test_a_submitted_bid_cannot_change(self, draft, writer):
        bids.submit(draft, by=writer)
        with pytest.raises(TransitionRefused, match="has been submitted"):
            bids.save_principles(draft, by=writer, principles="New", reuse="New")
        draft.refresh_from_db()
        assert draft.principles != "New"

    def test_it_lists_the_sections_still_to_complete(self, council):
        bid = BidFactory(lead_organisation=council, title="", phase="", amount_requested=None)
        assert bids.unanswered_sections(bid) == ["project", "phase", "partners"]


class TestPartners:
    def test_it_emails_the_contact_a_link_and_keeps_only_its_hash(self, draft, writer, mailoutbox):
        domain = OrganisationDomainFactory(domain="hackney.gov.uk", organisation__name="Hackney Council")

        partner = bids.invite_partner(
            draft, by=writer, organisation=domain.organisation, contact_email="Sam@Hackney.gov.uk"
        )

        assert partner.status == PartnerStatus.INVITED
        assert partner.contact_email == "sam@hackney.gov.uk"
        [message] = mailoutbox
        assert message.to == ["sam@hackney.gov.uk"]
        assert message.subject == "Camden Council has asked Hackney Council to be a partner in a Local Digital Fund bid"
        assert partner.token_hash == hash_token(link_token(message))
        assert partner.link_expires_at - timezone.now() > datetime.timedelta(days=13, hours=23)
        event = AuditEvent.objects.get(action="fund.partner_invited")
        assert event.changes == {"partner": [None, "Hackney Council"]}
        assert "sam@" not in str(event.changes) + event.object_repr

    @pytest.mark.parametrize("email", ["sam@gmail.example", "sam@nothackney.gov.uk"])
    def test_the_contact_must_be_at_one_of_the_organisations_domains(self, draft, writer, email, mailoutbox):
        domain = OrganisationDomainFactory(domain="hackney.gov.uk")
        with pytest.raises(TransitionRefused) as refused:
            bids.invite_partner(draft, by=writer, organisation=domain.organisation, contact_email=email)
        assert refused.value.field == "contact_email"
        assert "Enter an email address at hackney.gov.uk" in refused.value.message
        assert mailoutbox == []

    def test_a_subdomain_or_an_organisation_without_domains_is_allowed(self, draft, writer):
        domain = OrganisationDomainFactory(domain="nhs.example.uk")
        bids.invite_partner(draft, by=writer, organisation=domain.organisation, contact_email="a@trust.nhs.example.uk")
        bids.invite_partner(draft, by=writer, organisation=OrganisationFactory(), contact_email="b@anywhere.example")
        assert draft.partners.count() == 3

    def test_it_refuses_the_lead_a_partner_twice_or_an_ended_organisation(self, draft, writer, council):
        existing = draft.partners.get().organisation
        for organisation, message in [
            (council, "leads this bid"),
            (existing, "already a partner"),
            (OrganisationFactory(ended=True), "no longer exists"),
        ]:
            with pytest.raises(TransitionRefused, match=message):
                bids.invite_partner(draft, by=writer, organisation=organisation, contact_email="x@example.org")
        assert draft.partners.count() == 1

    def test_to_ask_an_organisation_that_declined_again_it_is_removed_first(self, draft, writer):
        declined = BidPartnerFactory(bid=draft, status=PartnerStatus.DECLINED)
        with pytest.raises(TransitionRefused, match="declined to be a partner. Remove it"):
            bids.invite_partner(draft, by=writer, organisation=declined.organisation, contact_email="a@b.example")
        bids.remove_partner(draft, by=writer, partner=declined)
        bids.invite_partner(draft, by=writer, organisation=declined.organisation, contact_email="a@b.example")
        assert draft.partners.get(organisation=declined.organisation).status == PartnerStatus.INVITED

    def test_a_new_link_retires_the_old_one(self, draft, writer, mailoutbox):
        partner = bids.invite_partner(draft, by=writer, organisation=OrganisationFactory(), contact_email="a@b.example")
        old = link_token(mailoutbox[-1])

        bids.send_partner_link_again(draft, by=writer, partner=partner)

        new = link_token(mailoutbox[-1])
        with pytest.raises(LinkRefused) as refused:
            bids.check_partner_link(old)
        assert refused.value.reason == "invalid"
        assert bids.check_partner_link(new).pk == partner.pk
        assert AuditEvent.objects.filter(action="fund.partner_link_resent").exists()

    def test_the_partner_confirms_and_the_writers_are_told(self, draft, writer, mailoutbox):
        partner = bids.invite_partner(
            draft, by=writer, organisation=OrganisationFactory(name="Testshire Fire"), contact_email="a@b.example"
        )
        token = link_token(mailoutbox[-1])

        bids.respond_as_partner(token, confirm=True)

        partner.refresh_from_db()
        assert partner.status == PartnerStatus.CONFIRMED
        assert partner.responded_at is not None
        assert AuditEvent.objects.get(action="fund.partner_confirmed").actor is None
        assert mailoutbox[-1].to == ["robin@camden.example.gov.uk"]
        assert mailoutbox[-1].subject == f"Testshire Fire has confirmed it is a partner in {draft.reference}"

    def test_the_partner_may_decline(self, draft, writer, mailoutbox):
        partner = bids.invite_partner(draft, by=writer, organisation=OrganisationFactory(), contact_email="a@b.example")

        bids.respond_as_partner(link_token(mailoutbox[-1]), confirm=False)

        partner.refresh_from_db()
        assert partner.status == PartnerStatus.DECLINED
        assert AuditEvent.objects.filter(action="fund.partner_declined").exists()

    def test_a_link_works_once_and_not_after_it_expires(self, draft, writer, mailoutbox):
        bids.invite_partner(draft, by=writer, organisation=OrganisationFactory(), contact_email="a@b.example")
        token = link_token(mailoutbox[-1])
        bids.respond_as_partner(token, confirm=True)
        with pytest.raises(LinkRefused) as refused:
            bids.respond_as_partner(token, confirm=False)
        assert refused.value.reason == "used"

        expired = BidPartnerFactory(bid=draft, token_hash=hash_token("old"), link_expires_at=timezone.now())
        with pytest.raises(LinkRefused) as refused:
            bids.respond_as_partner("old", confirm=True)
        assert refused.value.reason == "expired"
        expired.refresh_from_db()
        assert expired.status == PartnerStatus.INVITED
        with pytest.raises(LinkRefused) as refused:
            bids.check_partner_link("never-sent")
        assert refused.value.reason == "invalid"

    def test_a_confirmation_after_submission_is_accepted(self, draft, writer, mailoutbox):
        bids.invite_partner(draft, by=writer, organisation=OrganisationFactory(), contact_email="a@b.example")
        token = link_token(mailoutbox[-1])
        bids.submit(draft, by=writer)

        partner = bids.respond_as_partner(token, confirm=True)

        assert partner.status == PartnerStatus.CONFIRMED

    def test_no_partner_can_be_added_or_removed_after_submission(self, draft, writer):
        bids.submit(draft, by=writer)
        with pytest.raises(TransitionRefused, match="has been submitted"):
            bids.invite_partner(draft, by=writer, organisation=OrganisationFactory(), contact_email="a@b.example")
        with pytest.raises(TransitionRefused, match="has been submitted"):
            bids.remove_partner(draft, by=writer, partner=draft.partners.get())
        assert draft.partners.count() == 1

    def test_a_draft_partner_can_be_removed(self, draft, writer):
        name = draft.partners.get().organisation.name
        bids.remove_partner(draft, by=writer, partner=draft.partners.get())
        assert not draft.partners.exists()
        assert AuditEvent.objects.get(action="fund.partner_removed").changes == {"partner": [name, None]}

    def test_a_withdrawn_bid_needs_no_partner(self, draft, writer, mailoutbox):
        bids.invite_partner(draft, by=writer, organisation=OrganisationFactory(), contact_email="a@b.example")
        Bid.objects.filter(pk=draft.pk).update(status=BidStatus.WITHDRAWN)
        with pytest.raises(TransitionRefused, match="withdrawn"):
            bids.respond_as_partner(link_token(mailoutbox[-1]), confirm=True)


class TestSubmit:
    def test_it_submits_and_emails_the_people_who_wrote_it(self, draft, writer, council, mailoutbox):
        colleague = member_of(council, user__email="kim@camden.example.gov.uk")
        bids.save_project(draft, by=colleague, title="Bin data", problem="Missed bins")
        left = member_of(council, user__email="former@camden.example.gov.uk")
        bids.save_principles(draft, by=left, principles="Open", reuse="Open Referral")
        left.memberships.update(status="revoked")
        bystander = member_of(council, user__email="bystander@camden.example.gov.uk")

        bids.submit(draft, by=writer)

        draft.refresh_from_db()
        assert draft.status == BidStatus.EOI_SUBMITTED
        assert draft.eoi_submitted_at is not None
        assert AuditEvent.objects.get(action="fund.eoi_submitted").changes == {"status": ["draft", "eoi_submitted"]}
        recipients = sorted(message.to[0] for message in mailoutbox)
        assert recipients == ["kim@camden.example.gov.uk", "robin@camden.example.gov.uk"]
        assert bystander.email not in recipients
        assert draft.reference in mailoutbox[0].body

    def test_it_refuses_an_incomplete_bid(self, draft, writer):
        Bid.objects.filter(pk=draft.pk).update(reuse="")
        with pytest.raises(TransitionRefused, match="Complete every section"):
            bids.submit(draft, by=writer)
        draft.refresh_from_db()
        assert draft.status == BidStatus.DRAFT

    def test_it_refuses_a_bid_without_partners(self, writer, council):
        bid = BidFactory(round=RoundFactory(min_signatory_authorities=1), lead_organisation=council)
        with pytest.raises(TransitionRefused, match="Add at least one partner"):
            bids.submit(bid, by=writer)

    def test_it_refuses_too_few_signatory_authorities(self, draft, writer):
        draft.partners.update(status=PartnerStatus.INVITED)
        with pytest.raises(bids.NotEligible) as refused:
            bids.submit(draft, by=writer)
        assert [refusal.rule for refusal in refused.value.refusals] == ["signatory_authorities"]
        assert "This bid needs 1 more" in refused.value.message

    def test_a_council_cannot_submit_a_third_bid(self, draft, writer, council):
        BidFactory.create_batch(2, round=draft.round, lead_organisation=council, submitted=True)
        with pytest.raises(bids.NotEligible, match="already leads 2 submitted bids"):
            bids.submit(draft, by=writer)
        draft.refresh_from_db()
        assert draft.status == BidStatus.DRAFT

    def test_it_refuses_a_second_submission(self, draft, writer):
        bids.submit(draft, by=writer)
        with pytest.raises(
            TransitionRefused, match="cannot be submitted because it is expression of interest submitted"
        ):
            bids.submit(draft, by=writer)


@pytest.mark.django_db(transaction=True)
def test_two_bids_submitted_at_once_cannot_take_the_lead_past_its_limit():
    council = signatory()
    round_ = RoundFactory(max_bids_led=2, min_signatory_authorities=1)
    BidFactory(round=round_, lead_organisation=council, submitted=True)
    writers = [member_of(council), member_of(council)]
    drafts = []
    for writer in writers:
        bid = BidFactory(round=round_, lead_organisation=council, created_by=writer)
        BidPartnerFactory(bid=bid, confirmed=True)
        drafts.append(bid)
    outcomes = []
    barrier = threading.Barrier(2)

    def submit(bid, writer):
        barrier.wait()
        try:
            bids.submit(bid, by=writer)
            outcomes.append("submitted")
        except TransitionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=pair) for pair in zip(drafts, writers, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "submitted"]
    assert Bid.objects.filter(round=round_, status=BidStatus.EOI_SUBMITTED).count() == 2
    assert BidPartner.objects.count() == 2
