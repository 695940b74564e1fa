import datetime

import pytest
from django.db import IntegrityError

from organisations.models import Organisation
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_current_leaves_out_organisations_that_have_ended():
    current = OrganisationFactory()
    OrganisationFactory(ended=True)
    ending_later = OrganisationFactory(end_date=datetime.date.today() + datetime.timedelta(days=30))

    assert set(Organisation.objects.current()) == {current, ending_later}
    assert not ending_later.has_ended


def test_it_stores_a_domain_without_www_and_in_lower_case():
    assert OrganisationDomainFactory(domain=" WWW.Camden.gov.uk ").domain == "camden.gov.uk"


def test_it_refuses_an_end_before_the_start():
    with pytest.raises(IntegrityError):
        OrganisationFactory(start_date="2020-01-01", end_date="2019-01-01")


def test_it_refuses_two_organisations_with_one_register_code():
    OrganisationFactory(register_code="CMD")
    with pytest.raises(IntegrityError):
        OrganisationFactory(register_code="CMD")


def test_it_allows_many_organisations_without_a_register_code():
    OrganisationFactory.create_batch(2, register_code="", org_id="")

    assert Organisation.objects.filter(register_code="").count() == 2
