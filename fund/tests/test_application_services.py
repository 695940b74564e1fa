import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core.models import AuditEvent
from core.workflow import TransitionRefused
from fund import applications
from fund.models import Application, BudgetLine
from fund.tests.factories import ApplicationFactory, BidFactory, member_of
from fund.workflow import BidStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def bid():
    return BidFactory(invited=True, round__applications_open=True, amount_requested=40_000)


@pytest.fixture
def applicant(bid):
    return member_of(bid.lead_organisation, email="robin@leadshire.gov.uk")


def at(moment, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: moment)


class TestSavingAnswers:
    def test_it_creates_the_application_with_the_first_answer(self, bid, applicant):
        applications.save_answers(bid, by=applicant, team="  A product manager and a researcher  ")
        application = Application.objects.get(bid=bid)
        assert application.team == "A product manager and a researcher"
        event = AuditEvent.objects.get(action="fund.application_saved")
        # The trail names the answers that changed, never what they say.
        assert event.changes == {"team": ["", ""]}

    def test_it_refuses_someone_from_another_organisation(self, bid):
        outsider = member_of(BidFactory().lead_organisation)
        with pytest.raises(TransitionRefused, match="Only people who work at"):
            applications.save_answers(bid, by=outsider, team="Our team")
        assert not Application.objects.exists()

    def test_it_refuses_a_change_once_submitted(self, applicant):
        application = ApplicationFactory(bid__status=BidStatus.APPLICATION_SUBMITTED)
        member = member_of(application.bid.lead_organisation)
        with pytest.raises(TransitionRefused, match="cannot be changed because the bid is application submitted"):
            applications.save_answers(application.bid, by=member, plan="A new plan")
        application.refresh_from_db()
        assert application.plan.startswith("Discovery")

    def test_it_refuses_a_change_after_the_window_closes(self, bid, applicant, monkeypatch):
        at(bid.round.applications_close_at, monkeypatch)
        with pytest.raises(TransitionRefused, match="closed at"):
            applications.save_answers(bid, by=applicant, team="Late")

    def test_it_refuses_a_field_that_is_not_an_answer(self, bid, applicant):
        with pytest.raises(ValueError, match="award_amount"):
            applications.save_answers(bid, by=applicant, award_amount=1)


class TestBudget:
    def test_lines_are_added_in_order_and_removed(self, bid, applicant):
        first = applications.add_budget_line(bid, by=applicant, description="Researcher", amount=25_000)
        second = applications.add_budget_line(bid, by=applicant, description="Developer", amount=15_000)
        assert [line.position for line in (first, second)] == [0, 1]
        applications.remove_budget_line(bid, by=applicant, line_id=first.pk)
        assert list(BudgetLine.objects.values_list("description", flat=True)) == ["Developer"]
        assert AuditEvent.objects.filter(action="fund.budget_line_removed").count() == 1

    def test_it_will_not_remove_another_bids_line(self, bid, applicant):
        other = ApplicationFactory()
        line = other.budget_lines.first()
        with pytest.raises(TransitionRefused, match="already been removed"):
            applications.remove_budget_line(bid, by=applicant, line_id=line.pk)
        assert BudgetLine.objects.filter(pk=line.pk).exists()

    def test_task_list_shows_a_budget_that_does_not_add_up_as_incomplete(self, bid, applicant):
        applications.add_budget_line(bid, by=applicant, description="Researcher", amount=25_000)
        application = applications.application_of(bid)
        states = {
            section.key: section.status
            for section in applications.sections(application, list(application.budget_lines.all()))
        }
        assert states["budget"] == applications.Progress.INCOMPLETE
        assert states["team"] == applications.Progress.NOT_STARTED


class TestSubmitting:
    @pytest.fixture
    def complete(self, bid, applicant):
        return ApplicationFactory(bid=bid)

    def test_it_submits_and_emails_everyone_at_the_lead(self, bid, applicant, complete):
        colleague = member_of(bid.lead_organisation, email="sam@leadshire.gov.uk")
        member_of(BidFactory().lead_organisation, email="someone@elsewhere.gov.uk")

        submitted = applications.submit_application(bid, by=applicant)

        assert submitted.status == BidStatus.APPLICATION_SUBMITTED
        assert submitted.application_submitted_at is not None
        assert sorted(message.to[0] for message in mail.outbox) == [applicant.email, colleague.email]
        assert bid.reference in mail.outbox[0].subject
        event = AuditEvent.objects.get(action="fund.application_submitted")
        assert event.changes == {"status": ["invited", "application_submitted"]}

    def test_it_accepts_a_submission_one_second_before_the_window_closes(self, bid, applicant, complete, monkeypatch):
        at(bid.round.applications_close_at - datetime.timedelta(seconds=1), monkeypatch)
        assert applications.submit_application(bid, by=applicant).status == BidStatus.APPLICATION_SUBMITTED

    def test_it_refuses_a_submission_one_second_after_the_window_closes(self, bid, applicant, complete, monkeypatch):
        at(bid.round.applications_close_at + datetime.timedelta(seconds=1), monkeypatch)
        with pytest.raises(TransitionRefused, match=f"Applications for {bid.round} closed at"):
            applications.submit_application(bid, by=applicant)
        bid.refresh_from_db()
        assert bid.status == BidStatus.INVITED
        assert mail.outbox == []

    def test_it_refuses_a_submission_at_the_moment_the_window_closes(self, bid, applicant, complete, monkeypatch):
        at(bid.round.applications_close_at, monkeypatch)
        with pytest.raises(TransitionRefused, match="closed at"):
            applications.submit_application(bid, by=applicant)

    def test_it_refuses_a_submission_before_the_window_opens(self, applicant, monkeypatch):
        bid = BidFactory(
            invited=True, round__evaluating=True, lead_organisation=applicant.memberships.get().organisation
        )
        ApplicationFactory(bid=bid)
        with pytest.raises(TransitionRefused, match="open at"):
            applications.submit_application(bid, by=applicant)

    def test_it_refuses_a_budget_that_does_not_add_up(self, bid, applicant):
        application = ApplicationFactory(bid=bid, budget=False)
        BudgetLine.objects.create(application=application, description="Researcher", amount=30_000)
        with pytest.raises(TransitionRefused) as refusal:
            applications.submit_application(bid, by=applicant)
        assert refusal.value.message == "Your budget adds up to £30,000; it must add up to the £40,000 you asked for"
        bid.refresh_from_db()
        assert bid.status == BidStatus.INVITED

    def test_it_refuses_an_application_that_will_not_publish_openly(self, bid, applicant):
        ApplicationFactory(bid=bid, publishes_outputs_openly=False)
        with pytest.raises(TransitionRefused, match="pays only for work whose outputs are published openly"):
            applications.submit_application(bid, by=applicant)

    def test_it_names_the_unanswered_sections(self, bid, applicant):
        ApplicationFactory(bid=bid, team="", user_research=" ")
        with pytest.raises(
            TransitionRefused, match="Complete these sections before you submit: Team and roles, User research"
        ):
            applications.submit_application(bid, by=applicant)

    def test_it_refuses_someone_from_another_organisation(self, bid, complete):
        outsider = member_of(BidFactory().lead_organisation)
        with pytest.raises(TransitionRefused, match="Only people who work at"):
            applications.submit_application(bid, by=outsider)

    @pytest.mark.parametrize("status", sorted(set(BidStatus) - {BidStatus.INVITED}))
    def test_it_refuses_a_bid_that_is_not_invited(self, status, applicant, bid):
        ApplicationFactory(bid=bid)
        bid.status = status
        bid.save()
        with pytest.raises(TransitionRefused, match="cannot be submitted"):
            applications.submit_application(bid, by=applicant)
