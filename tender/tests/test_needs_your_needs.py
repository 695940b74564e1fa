import pytest

from accounts.tests.factories import MembershipFactory
from tender.needs import PAGE_SIZE
from tender.tests.factories import NeedFactory, SupplierFactory
from tender.views.needs import your_needs
from tender.workflow import NeedStatus

pytestmark = pytest.mark.django_db

URL = "/tender/your-needs"


def titles(response) -> list[str]:
    return [need.title for need in response.context["page"].object_list]


def test_it_sends_someone_not_signed_in_to_sign_in(client):
    assert your_needs.access_rule == "signed_in"
    assert client.get(URL).url.startswith("/sign-in")


def test_it_lists_the_organisation_needs_with_their_status(client):
    membership = MembershipFactory()
    NeedFactory(title="Draft one", draft=True, organisation=membership.organisation)
    NeedFactory(title="Rejected one", status=NeedStatus.REJECTED, organisation=membership.organisation)
    NeedFactory(title="Published one", organisation=membership.organisation)
    NeedFactory(title="Someone else's")
    client.force_login(membership.user)
    response = client.get(URL)
    assert sorted(titles(response)) == ["Draft one", "Published one", "Rejected one"]
    body = response.content.decode()
    assert '<strong class="govuk-tag govuk-tag--grey">Draft</strong>' in body
    assert '<strong class="govuk-tag govuk-tag--red">Rejected</strong>' in body
    assert '<strong class="govuk-tag govuk-tag--green">Open for questions</strong>' in body


def test_it_tells_a_supplier_needs_are_for_the_public_sector(client):
    client.force_login(SupplierFactory().members.get())
    response = client.get(URL)
    assert titles(response) == []
    assert "Needs are written by people working for councils" in response.content.decode()


def test_it_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    membership = MembershipFactory()
    client.force_login(membership.user)
    NeedFactory.create_batch(2, organisation=membership.organisation, draft=True)
    with django_assert_max_num_queries(8) as few:
        client.get(URL)
    NeedFactory.create_batch(PAGE_SIZE, organisation=membership.organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(titles(client.get(URL))) == PAGE_SIZE
