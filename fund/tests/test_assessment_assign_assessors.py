import pytest
from django.core import mail

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from fund.models import Assessment
from fund.tests.factories import AssessmentFactory, BidFactory, BidPartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bid():
    return BidFactory(submitted=True, reference="LDF-ABC123", title="Open planning data")


URL = "/manage/fund/bids/LDF-ABC123/assessors"


def assessor(name):
    return UserFactory(assessor=True, full_name=name)


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, bid):
    response = client.post(URL, {"assessors": [assessor("Ann").pk]})
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_staff(request, sign_in_verified, bid, person):
    user = request.getfixturevalue(person)
    assert sign_in_verified(user).post(URL, {"assessors": [assessor("Ann").pk]}).status_code == 403
    assert not Assessment.objects.exists()


def test_it_only_accepts_a_post(sign_in_verified, moderator, bid):
    assert sign_in_verified(moderator).get(URL).status_code == 405


def test_it_assigns_the_chosen_assessors_and_emails_them(sign_in_verified, moderator, bid):
    first, second = assessor("Ann Assessor"), assessor("Ben Assessor")
    client = sign_in_verified(moderator)

    response = client.post(URL, {"assessors": [first.pk, second.pk]})

    assert response.status_code == 302
    assert response.url == "/manage/fund/bids/LDF-ABC123"
    assert set(bid.assessments.values_list("assessor__full_name", flat=True)) == {"Ann Assessor", "Ben Assessor"}
    assert AuditEvent.objects.filter(action="fund.assessor_assigned").count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])
    assert all("Open planning data" not in message.body for message in mail.outbox)
    page = client.get(response.url).content.decode()
    assert "Assigned Ann Assessor, Ben Assessor. We have emailed them" in page


def test_it_refuses_an_assessor_from_a_partner_organisation_naming_the_reason(sign_in_verified, moderator, bid):
    partner = BidPartnerFactory(bid=bid, confirmed=True, organisation__name="Partnerton District Council")
    insider = assessor("Ida Insider")
    MembershipFactory(user=insider, organisation=partner.organisation)
    outsider = assessor("Oscar Outsider")

    response = sign_in_verified(moderator).post(URL, {"assessors": [outsider.pk, insider.pk]})

    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    message = "Ida Insider cannot assess this bid: they work at Partnerton District Council, a partner organisation"
    assert message in page
    assert 'href="#id_assessors_0"' in page
    assert not Assessment.objects.exists()
    assert mail.outbox == []


def test_it_asks_for_at_least_one_assessor(sign_in_verified, moderator, bid):
    assessor("Ann Assessor")
    response = sign_in_verified(moderator).post(URL, {})
    assert response.status_code == 200
    assert "Select at least one assessor" in response.content.decode()


def test_it_refuses_someone_who_is_not_an_assessor(sign_in_verified, moderator, bid, member):
    response = sign_in_verified(moderator).post(URL, {"assessors": [member.pk]})
    assert "Select assessors from the list" in response.content.decode()
    assert not Assessment.objects.exists()


def test_it_says_when_an_assessor_is_already_assigned(sign_in_verified, moderator, bid):
    existing = AssessmentFactory(bid=bid, assessor__full_name="Ann Again")
    response = sign_in_verified(moderator).post(URL, {"assessors": [existing.assessor.pk]})
    assert "Ann Again is already assigned to this bid" in response.content.decode()
    assert Assessment.objects.count() == 1


def test_a_decided_bid_takes_no_assessors(sign_in_verified, moderator):
    BidFactory(invited=True, reference="LDF-DONE01")
    response = sign_in_verified(moderator).post(
        "/manage/fund/bids/LDF-DONE01/assessors", {"assessors": [assessor("Late").pk]}
    )
    assert response.status_code == 200
    assert "Assessors cannot be assigned because the bid is invited to apply" in response.content.decode()
    assert not Assessment.objects.exists()
