import re

import pytest

from accounts.tests.factories import MembershipFactory
from core.tokens import hash_token
from fund.models import PartnerStatus
from fund.tests.factories import BidFactory, BidPartnerFactory, RoundFactory
from fund.workflow import BidStatus
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def url(bid, rest: str = "") -> str:
    return f"/fund/bids/{bid.reference}/partners{rest}"


@pytest.fixture
def draft(client, member):
    bid = BidFactory(lead_organisation__name="Camden Council")
    MembershipFactory(user=member, organisation=bid.lead_organisation)
    client.force_login(member)
    return bid


@pytest.fixture
def hackney():
    return OrganisationDomainFactory(domain="hackney.gov.uk", organisation__name="Hackney Council").organisation


def test_it_finds_the_partner_by_name_and_emails_the_contact(client, draft, hackney, mailoutbox):
    page = client.get(url(draft, "/add")).content.decode()
    assert '<option value="Hackney Council">' in page
    assert '<option value="Camden Council">' not in page

    response = client.post(url(draft, "/add"), {"name": "hackney council", "contact_email": "sam@hackney.gov.uk"})

    assert response.url == url(draft)
    partner = draft.partners.get()
    assert (partner.organisation, partner.status) == (hackney, PartnerStatus.INVITED)
    assert mailoutbox[-1].to == ["sam@hackney.gov.uk"]
    banner = "We have emailed your contact at Hackney Council a link to confirm"
    assert banner in client.get(url(draft)).content.decode()


def test_it_says_when_the_organisation_is_not_listed(client, draft):
    page = client.post(url(draft, "/add"), {"name": "Nowhere", "contact_email": "a@b.example"}).content.decode()
    assert '<a href="#id_name">Enter the name of an organisation from the list</a>' in page
    assert not draft.partners.exists()


def test_it_wants_an_address_at_the_partners_domain(client, draft, hackney, mailoutbox):
    page = client.post(url(draft, "/add"), {"name": "Hackney Council", "contact_email": "sam@gmail.example"})
    assert '<a href="#id_contact_email">Enter an email address at hackney.gov.uk' in page.content.decode()
    assert not draft.partners.exists()
    assert mailoutbox == []


def test_it_lists_the_partners_with_their_answers(client, draft):
    BidPartnerFactory(bid=draft, organisation__name="Hackney Council", confirmed=True)
    BidPartnerFactory(bid=draft, organisation__name="Testshire Fire")

    page = client.get(url(draft)).content.decode()

    assert re.search(r"Hackney Council</dt>\s*<dd[^>]*><strong[^>]*>Confirmed", page)
    assert re.search(r"Testshire Fire</dt>\s*<dd[^>]*><strong[^>]*>Waiting for confirmation", page)
    assert page.count("Send the link again") == 1


def test_it_removes_a_partner(client, draft):
    partner = BidPartnerFactory(bid=draft)
    assert client.get(url(draft, f"/{partner.pk}/remove")).status_code == 405

    response = client.post(url(draft, f"/{partner.pk}/remove"))

    assert response.url == url(draft)
    assert not draft.partners.exists()


def test_it_sends_a_new_link_and_retires_the_old_one(client, draft, mailoutbox):
    partner = BidPartnerFactory(bid=draft, token_hash=hash_token("first"))

    client.post(url(draft, f"/{partner.pk}/send-again"))

    partner.refresh_from_db()
    assert partner.token_hash != hash_token("first")
    token = re.search(r"/fund/partners/(\S+)", mailoutbox[-1].body)[1]
    assert partner.token_hash == hash_token(token)


def test_it_refuses_to_send_again_to_a_partner_who_answered(client, draft, mailoutbox):
    partner = BidPartnerFactory(bid=draft, confirmed=True)
    page = client.post(url(draft, f"/{partner.pk}/send-again")).content.decode()
    assert "has already answered" in page
    assert mailoutbox == []


def test_another_bids_partner_is_not_found(client, draft):
    theirs = BidPartnerFactory()
    assert client.post(url(draft, f"/{theirs.pk}/remove")).status_code == 404
    assert BidPartnerFactory._meta.model.objects.filter(pk=theirs.pk).exists()


def test_another_organisations_member_gets_not_found(client, member):
    MembershipFactory(user=member, organisation=OrganisationFactory())
    client.force_login(member)
    bid = BidFactory()
    partner = BidPartnerFactory(bid=bid)
    assert client.get(url(bid)).status_code == 404
    assert client.post(url(bid, f"/{partner.pk}/remove")).status_code == 404
    assert bid.partners.exists()


def test_no_partner_can_be_added_or_removed_after_submission(client, draft, hackney):
    partner = BidPartnerFactory(bid=draft)
    draft.status = BidStatus.EOI_SUBMITTED
    draft.save()

    client.post(url(draft, "/add"), {"name": "Hackney Council", "contact_email": "sam@hackney.gov.uk"})
    client.post(url(draft, f"/{partner.pk}/remove"))

    assert list(draft.partners.all()) == [partner]


def test_after_the_close_partners_cannot_change(client, draft, hackney):
    draft.round = RoundFactory(evaluating=True)
    draft.save()
    response = client.post(url(draft, "/add"), {"name": "Hackney Council", "contact_email": "sam@hackney.gov.uk"})
    assert "Expressions of interest have closed" in response.content.decode()
    assert not draft.partners.exists()
