import pytest

from declaration.models import Signature
from declaration.tests.factories import SignatureFactory
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/declaration/sign/organisation/choose?name=Testshire"


@pytest.fixture
def councils():
    return [
        OrganisationFactory(name="Testshire County Council"),
        OrganisationFactory(name="Testshire District Council"),
        OrganisationFactory(name="Testshire Borough Council", ended=True),
    ]


def test_it_sends_someone_signed_out_to_sign_in(client, councils):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_offers_the_current_organisations_that_match(client, member, councils):
    client.force_login(member)
    page = client.get(URL).content.decode()
    assert "Testshire County Council" in page
    assert "Testshire District Council" in page
    assert "Testshire Borough Council" not in page
    assert 'type="radio"' in page


def test_it_starts_a_declaration_for_the_one_chosen(client, member, councils):
    client.force_login(member)
    response = client.post(URL, {"organisation": councils[1].pk})
    signature = Signature.objects.get()
    assert response.url == f"/declaration/sign/{signature.reference}/you"
    assert signature.organisation == councils[1]


@pytest.mark.parametrize("choice", ["", "ended"])
def test_it_asks_for_a_choice_among_those_offered(client, member, councils, choice):
    client.force_login(member)
    response = client.post(URL, {"organisation": councils[2].pk if choice else ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_organisation_0"' in page
    assert not Signature.objects.exists()


def test_it_refuses_an_organisation_that_has_signed(client, member, councils):
    SignatureFactory(organisation=councils[0], signed=True)
    client.force_login(member)
    page = client.post(URL, {"organisation": councils[0].pk}).content.decode()
    assert "has already signed the declaration, on" in page
    assert Signature.objects.count() == 1


def test_it_goes_back_to_the_search_when_nothing_matches(client, member):
    client.force_login(member)
    response = client.get("/declaration/sign/organisation/choose?name=Nowhere")
    assert response.url == "/declaration/sign/organisation"


def test_it_accepts_only_get_and_post(client, member, councils):
    client.force_login(member)
    assert client.put(URL).status_code == 405


def test_it_sends_a_name_with_a_nul_byte_back_to_the_search(client, member, councils):
    client.force_login(member)
    response = client.get("/declaration/sign/organisation/choose?name=Testshire%00")
    assert response.status_code == 302
    assert response.url == "/declaration/sign/organisation"
