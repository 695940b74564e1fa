import pytest

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from tender.models import NeedJoin
from tender.tests.factories import NeedFactory, NeedJoinFactory
from tender.views.needs import leave_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def join():
    return NeedJoinFactory(organisation__name="Bradford Council")


def url(need) -> str:
    return f"/tender/needs/{need.slug}/leave"


def test_it_sends_someone_not_signed_in_to_sign_in(client, join):
    assert leave_need.access_rule == "signed_in"
    assert client.post(url(join.need)).url.startswith("/sign-in")


def test_a_member_takes_their_organisation_off_the_need(client, join):
    membership = MembershipFactory(organisation=join.organisation)
    client.force_login(membership.user)
    response = client.post(url(join.need), {"organisation": join.organisation.pk})
    assert response.status_code == 302 and response.url == f"/tender/needs/{join.need.slug}"
    assert not NeedJoin.objects.exists()
    assert AuditEvent.objects.get(action="tender.need_left").changes == {"organisations": ["Bradford Council", None]}
    again = client.post(url(join.need), {"organisation": join.organisation.pk})
    assert "Bradford Council has not said it has this problem" in again.content.decode()


def test_another_organisation_cannot_take_it_off(client, join):
    client.force_login(MembershipFactory().user)
    response = client.post(url(join.need), {"organisation": join.organisation.pk})
    assert "Select an organisation you belong to" in response.content.decode()
    assert NeedJoin.objects.count() == 1


def test_it_refuses_once_the_need_is_closed(client):
    join = NeedJoinFactory(need=NeedFactory(closed=True))
    client.force_login(MembershipFactory(organisation=join.organisation).user)
    response = client.post(url(join.need), {"organisation": join.organisation.pk})
    assert "only while it is open" in response.content.decode()
    assert NeedJoin.objects.count() == 1


def test_it_answers_only_post(client, join):
    client.force_login(MembershipFactory(organisation=join.organisation).user)
    assert client.get(url(join.need)).status_code == 405
