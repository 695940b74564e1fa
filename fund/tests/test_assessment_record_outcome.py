import pytest
from django.core import mail

from core.models import AuditEvent
from fund.tests.factories import BidFactory, BidPartnerFactory, SubmittedAssessmentFactory
from fund.workflow import BidStatus

pytestmark = pytest.mark.django_db

URL = "/manage/fund/bids/LDF-ABC123/outcome"


@pytest.fixture
def bid():
    bid = BidFactory(
        submitted=True, round__evaluating=True, reference="LDF-ABC123", created_by__email="robin@leadshire.gov.uk"
    )
    BidPartnerFactory(bid=bid, confirmed=True, contact_email="pat@partnerton.gov.uk")
    return bid


@pytest.fixture
def assessed(bid):
    SubmittedAssessmentFactory(bid=bid, assessor__full_name="Ann Assessor", scores=[4, 4])
    SubmittedAssessmentFactory(bid=bid, assessor__full_name="Ben Assessor", scores=[3, 2])
    return bid


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, assessed):
    response = client.post(URL, {"outcome": "invite"})
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_staff(request, sign_in_verified, assessed, person):
    assert sign_in_verified(request.getfixturevalue(person)).post(URL, {"outcome": "invite"}).status_code == 403
    assessed.refresh_from_db()
    assert assessed.status == BidStatus.EOI_SUBMITTED


def test_it_only_accepts_a_post(sign_in_verified, moderator, assessed):
    assert sign_in_verified(moderator).get(URL).status_code == 405


def test_it_invites_the_bid_and_emails_the_applicants(sign_in_verified, moderator, assessed):
    client = sign_in_verified(moderator)
    response = client.post(URL, {"outcome": "invite", "feedback": "Bring the housing team in"})

    assert response.status_code == 302
    assert response.url == "/manage/fund/bids/LDF-ABC123"
    assessed.refresh_from_db()
    assert assessed.status == BidStatus.INVITED
    assert AuditEvent.objects.filter(action="fund.invited", actor=moderator).exists()
    assert sorted(message.to[0] for message in mail.outbox) == ["pat@partnerton.gov.uk", "robin@leadshire.gov.uk"]
    body = mail.outbox[0].body
    assert "Bring the housing team in" in body
    assert f"http://testserver/fund/bids/{assessed.reference}" in body
    assert "Ann Assessor" not in body and "Ben Assessor" not in body
    page = client.get(response.url).content.decode()
    assert "The bid is invited to full application. We have emailed the applicants" in page


def test_declining_needs_feedback(sign_in_verified, moderator, assessed):
    response = sign_in_verified(moderator).post(URL, {"outcome": "decline_eoi", "feedback": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert 'href="#id_feedback"' in page
    assert "Enter feedback for the applicants on why the bid was declined" in page
    assessed.refresh_from_db()
    assert assessed.status == BidStatus.EOI_SUBMITTED
    assert mail.outbox == []


def test_it_declines_with_feedback(sign_in_verified, moderator, assessed):
    response = sign_in_verified(moderator).post(URL, {"outcome": "decline_eoi", "feedback": "Too few partners"})
    assert response.status_code == 302
    assessed.refresh_from_db()
    assert (assessed.status, assessed.eoi_feedback) == (BidStatus.EOI_DECLINED, "Too few partners")
    assert all("Too few partners" in message.body for message in mail.outbox)


def test_it_asks_for_an_outcome(sign_in_verified, moderator, assessed):
    response = sign_in_verified(moderator).post(URL, {})
    assert "Choose whether to invite the bid to apply or decline it" in response.content.decode()


def test_it_is_refused_until_two_assessors_have_submitted(sign_in_verified, moderator, bid):
    SubmittedAssessmentFactory(bid=bid)
    response = sign_in_verified(moderator).post(URL, {"outcome": "invite"})
    assert response.status_code == 200
    assert "At least 2 assessors must submit their assessments before you record an outcome. 1 has so far" in (
        response.content.decode()
    )
    bid.refresh_from_db()
    assert bid.status == BidStatus.EOI_SUBMITTED


def test_it_shows_an_error_when_the_bid_has_moved_on(sign_in_verified, moderator, assessed):
    assessed.status = BidStatus.WITHDRAWN
    assessed.save()
    response = sign_in_verified(moderator).post(URL, {"outcome": "invite"})
    assert "This bid cannot be invited to apply because it is withdrawn" in response.content.decode()
    assert mail.outbox == []
