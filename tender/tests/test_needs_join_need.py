import pytest

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from tender.models import NeedJoin
from tender.tests.factories import NeedFactory, NeedJoinFactory, SupplierFactory
from tender.views.needs import join_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def need():
    return NeedFactory()


@pytest.fixture
def other(client):
    membership = MembershipFactory(organisation__name="Bradford Council")
    client.force_login(membership.user)
    return membership


def url(need) -> str:
    return f"/tender/needs/{need.slug}/join"


def test_it_sends_someone_not_signed_in_to_sign_in(client, need):
    assert join_need.access_rule == "signed_in"
    assert client.post(url(need)).url.startswith("/sign-in")


def test_another_organisation_joins_once(client, need, other):
    response = client.post(url(need), {"organisation": other.organisation.pk})
    assert response.status_code == 302 and response.url == f"/tender/needs/{need.slug}"
    join = NeedJoin.objects.get()
    assert (join.need, join.organisation, join.joined_by) == (need, other.organisation, other.user)
    audit = AuditEvent.objects.get(action="tender.need_joined")
    assert audit.changes == {"organisations": [None, "Bradford Council"]}
    body = client.get(response.url).content.decode()
    assert "Bradford Council is now listed as having this problem too" in body
    assert "2 organisations have this problem" in body

    again = client.post(url(need), {"organisation": other.organisation.pk})
    assert again.status_code == 200
    assert "Bradford Council has already said it has this problem" in again.content.decode()
    assert NeedJoin.objects.count() == 1


def test_the_need_organisation_cannot_join_its_own_need(client, need):
    client.force_login(MembershipFactory(organisation=need.organisation).user)
    response = client.post(url(need), {"organisation": need.organisation.pk})
    assert "This is your organisation’s own need" in response.content.decode()
    assert not NeedJoin.objects.exists()


def test_it_refuses_an_organisation_the_person_does_not_belong_to(client, need, other):
    stranger = MembershipFactory()
    response = client.post(url(need), {"organisation": stranger.organisation.pk})
    assert "Select an organisation you belong to" in response.content.decode()
    assert not NeedJoin.objects.exists()


def test_a_supplier_cannot_join(client, need):
    client.force_login(SupplierFactory().members.get())
    response = client.post(url(need), {"organisation": need.organisation.pk})
    assert response.status_code == 200
    assert not NeedJoin.objects.exists()


def test_it_refuses_a_closed_need(client, other):
    need = NeedFactory(closed=True)
    response = client.post(url(need), {"organisation": other.organisation.pk})
    assert "Organisations can join or leave a need only while it is open" in response.content.decode()
    assert not NeedJoin.objects.exists()


def test_it_does_not_find_an_unpublished_need(client, other):
    need = NeedFactory(submitted=True)
    assert client.post(url(need), {"organisation": other.organisation.pk}).status_code == 404


def test_it_keeps_other_joins(client, need, other):
    NeedJoinFactory(need=need)
    client.post(url(need), {"organisation": other.organisation.pk})
    assert NeedJoin.objects.filter(need=need).count() == 2


def test_it_answers_only_post(client, need, other):
    assert client.get(url(need)).status_code == 405
