import pytest

from fund.tests.factories import BidFactory, BidPartnerFactory

pytestmark = pytest.mark.django_db


def test_programme_admins_can_look_up_rounds_and_bids_but_not_change_them(programme_admin, sign_in_verified):
    client = sign_in_verified(programme_admin)
    partner = BidPartnerFactory(bid=BidFactory(title="Bins"))
    bid, round_ = partner.bid, partner.bid.round

    assert round_.name in client.get("/admin/fund/round/").content.decode()
    assert "Discovery" in client.get(f"/admin/fund/round/{round_.pk}/change/").content.decode()
    assert "Bins" in client.get("/admin/fund/bid/").content.decode()
    page = client.get(f"/admin/fund/bid/{bid.pk}/change/").content.decode()
    assert partner.organisation.name in page
    assert partner.token_hash not in page
    assert 'type="submit"' not in page.split('id="content"')[1]
    assert client.get("/admin/fund/round/add/").status_code == 403


def test_moderators_have_no_admin(moderator, sign_in_verified):
    assert sign_in_verified(moderator).get("/admin/fund/round/").status_code in (302, 403)
