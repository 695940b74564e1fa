import datetime

import pytest
from django.utils import timezone

from core.models import AuditEvent
from core.tokens import hash_token
from fund.models import PartnerStatus
from fund.tests.factories import BidFactory, BidPartnerFactory
from fund.workflow import BidStatus

pytestmark = pytest.mark.django_db
TOKEN = "a-partner-link-token"


def url(token: str = TOKEN) -> str:
    return f"/fund/partners/{token}"


@pytest.fixture
def partner():
    bid = BidFactory(
        title="Shared bin data",
        lead_organisation__name="Camden Council",
        created_by__email="robin@camden.example",
        created_by__full_name="Robin Writer",
    )
    return BidPartnerFactory(
        bid=bid, organisation__name="Hackney Council", token_hash=hash_token(TOKEN), contact_email="sam@hackney.example"
    )


def test_it_shows_the_bid_without_signing_in_and_names_no_one(client, partner):
    page = client.get(url()).content.decode()

    for text in ("Camden Council has asked Hackney Council to be a partner", "Shared bin data", partner.bid.problem):
        assert text in page
    for hidden in ("Robin Writer", "robin@", "sam@"):
        assert hidden not in page


def test_the_contact_confirms(client, partner, mailoutbox):
    response = client.post(url(), {"answer": "confirm"})

    assert "You have confirmed" in response.content.decode()
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.CONFIRMED
    assert AuditEvent.objects.filter(action="fund.partner_confirmed").exists()


def test_the_contact_declines(client, partner):
    assert "You have declined" in client.post(url(), {"answer": "decline"}).content.decode()
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.DECLINED


def test_it_asks_for_an_answer(client, partner):
    page = client.post(url(), {}).content.decode()
    assert '<a href="#id_answer_0">Select yes if your organisation will be a partner</a>' in page
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.INVITED


def test_a_link_works_once(client, partner):
    client.post(url(), {"answer": "confirm"})
    response = client.post(url(), {"answer": "decline"})
    assert response.status_code == 410
    assert "This link has already been used" in response.content.decode()
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.CONFIRMED


def test_an_expired_or_unknown_link_is_refused(client, partner):
    partner.link_expires_at = timezone.now() - datetime.timedelta(seconds=1)
    partner.save()
    assert client.get(url()).status_code == 410
    assert client.post(url(), {"answer": "confirm"}).status_code == 410
    assert client.get(url("not-a-token")).status_code == 404
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.INVITED


def test_an_answer_after_the_bid_is_submitted_still_counts(client, partner):
    partner.bid.status = BidStatus.EOI_SUBMITTED
    partner.bid.save()
    client.post(url(), {"answer": "confirm"})
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.CONFIRMED
