import datetime

import pytest
from django.utils import timezone

from core.models import AuditEvent
from declaration.models import Signature
from declaration.tests.factories import SignatureFactory
from declaration.workflow import SignatureStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/declaration/sign/organisation"
NOT_FOUND = "Enter the name of your organisation, or choose ‘My organisation is not listed’"


@pytest.fixture
def lead(client, member):
    client.force_login(member)
    session = client.session
    session["declaration_sign_eligible"] = True
    session.save()
    return member


def test_it_sends_someone_signed_out_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == "/sign-in?next=/declaration/sign/organisation"


def test_it_asks_the_eligibility_question_first(client, member):
    client.force_login(member)
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == "/declaration/sign/eligibility"


def test_it_offers_the_names_of_current_organisations_only(client, lead):
    OrganisationFactory(name="Testshire County Council")
    OrganisationFactory(name="Oldshire District Council", ended=True)
    page = client.get(URL).content.decode()
    assert '<datalist id="organisation-names">' in page
    assert 'list="organisation-names"' in page
    assert '<option value="Testshire County Council">' in page
    assert "Oldshire" not in page
    assert "My organisation is not listed" in page


def test_it_starts_a_declaration_for_the_organisation_named(client, lead):
    council = OrganisationFactory(name="Testshire County Council")
    response = client.post(URL, {"name": "  testshire COUNTY council "})
    signature = Signature.objects.get()
    assert response.status_code == 302
    assert response.url == f"/declaration/sign/{signature.reference}/you"
    assert (signature.organisation, signature.lead, signature.status) == (council, lead, SignatureStatus.DRAFT)
    assert AuditEvent.objects.filter(action="declaration.started", actor=lead).exists()


def test_it_matches_an_alternative_name(client, lead):
    council = OrganisationFactory(name="Royal Borough of Testing", alternative_names="RBT\nTesting Council")
    client.post(URL, {"name": "testing council"})
    assert Signature.objects.get().organisation == council


def test_it_continues_the_leads_own_draft(client, lead):
    draft = SignatureFactory(lead=lead, organisation__name="Testshire County Council", lead_name="")
    response = client.post(URL, {"name": "Testshire County Council"})
    assert response.url == f"/declaration/sign/{draft.reference}/you"
    assert Signature.objects.count() == 1


def test_it_never_matches_an_ended_organisation(client, lead):
    OrganisationFactory(name="Oldshire District Council", ended=True)
    response = client.post(URL, {"name": "Oldshire District Council"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert NOT_FOUND in page
    assert not Signature.objects.exists()


def test_it_offers_a_choice_when_several_organisations_match(client, lead):
    OrganisationFactory(name="Testshire Council", nation="england")
    OrganisationFactory(name="Testshire Council", nation="wales")
    response = client.post(URL, {"name": "Testshire Council"})
    assert response.status_code == 302
    assert response.url == "/declaration/sign/organisation/choose?name=Testshire+Council"
    assert not Signature.objects.exists()


def test_it_offers_organisations_whose_names_contain_what_was_typed(client, lead):
    OrganisationFactory(name="Testshire County Council")
    response = client.post(URL, {"name": "Testshire"})
    assert response.url == "/declaration/sign/organisation/choose?name=Testshire"
    assert not Signature.objects.exists()


@pytest.mark.parametrize("name", ["", "   ", "Nowhere Council", "x" * 201])
def test_it_asks_again_when_nothing_matches(client, lead, name):
    OrganisationFactory(name="Testshire County Council")
    response = client.post(URL, {"name": name})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_name"' in page
    assert NOT_FOUND in page
    assert not Signature.objects.exists()


def test_it_refuses_an_organisation_that_has_signed_with_the_date(client, lead):
    signed_on = timezone.make_aware(datetime.datetime(2024, 3, 5, 12, 0))
    SignatureFactory(organisation__name="Testshire County Council", signed=True, signed_at=signed_on)
    response = client.post(URL, {"name": "Testshire County Council"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Testshire County Council has already signed the declaration, on 5 March 2024" in page
    assert Signature.objects.count() == 1


def test_it_refuses_an_organisation_someone_else_is_signing(client, lead):
    other = SignatureFactory(organisation__name="Testshire County Council", submitted=True)
    page = client.post(URL, {"name": "Testshire County Council"}).content.decode()
    assert f"is already signing the declaration (reference {other.reference})" in page
    assert Signature.objects.count() == 1


def test_it_accepts_only_get_and_post(client, lead):
    assert client.put(URL).status_code == 405
