import pytest

from accounts.tests.factories import MembershipFactory
from tender.tests.factories import NeedFactory
from tender.views.needs import need_submitted

pytestmark = pytest.mark.django_db


def test_it_confirms_the_need_was_sent(client):
    assert need_submitted.access_rule == "signed_in"
    need = NeedFactory(submitted=True, title="Bins")
    client.force_login(MembershipFactory(organisation=need.organisation).user)
    body = client.get(f"/tender/needs/{need.slug}/submitted").content.decode()
    assert "govuk-panel--confirmation" in body and "Need sent for review" in body and "Bins" in body


def test_another_organisation_does_not_find_it(client):
    need = NeedFactory(submitted=True)
    client.force_login(MembershipFactory().user)
    assert client.get(f"/tender/needs/{need.slug}/submitted").status_code == 404


def test_it_answers_only_get(client):
    need = NeedFactory(submitted=True)
    client.force_login(MembershipFactory(organisation=need.organisation).user)
    assert client.post(f"/tender/needs/{need.slug}/submitted").status_code == 405
