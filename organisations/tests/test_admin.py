import pytest
from django.contrib import admin
from django.test import RequestFactory

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from organisations.admin import OrganisationAdmin, OrganisationDomainInline
from organisations.models import Organisation
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def model_admin() -> OrganisationAdmin:
    return admin.site._registry[Organisation]


def test_it_lets_staff_add_domains_on_the_organisation():
    assert OrganisationDomainInline in model_admin().inlines


def test_it_finds_an_organisation_by_its_domain():
    camden = OrganisationFactory(name="London Borough of Camden")
    OrganisationDomainFactory(organisation=camden, domain="camden.gov.uk")
    OrganisationFactory()
    request = RequestFactory().get("/")

    found, _ = model_admin().get_search_results(request, Organisation.objects.all(), "camden.gov.uk")

    assert list(found) == [camden]


def test_it_records_a_change_made_in_the_admin():
    organisation = OrganisationFactory(region="London")
    staff = UserFactory(programme_admin=True)
    request = RequestFactory().post("/")
    request.user = staff
    form_class = model_admin().get_form(request, organisation)
    data = {**form_class(instance=organisation).initial, "region": "South East", "replaced_by": []}
    form = form_class(data, instance=organisation)
    assert form.is_valid(), form.errors

    model_admin().save_model(request, form.save(commit=False), form, change=True)

    event = AuditEvent.objects.get(action="organisation.updated")
    assert event.changes == {"region": ["London", "South East"]}
    assert event.actor == staff
