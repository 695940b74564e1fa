import pytest

from declaration.tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


def url(signature) -> str:
    return f"/declaration/sign/{signature.reference}/submitted"


def test_it_confirms_with_the_reference_and_what_happens_next(client):
    signature = SignatureFactory(submitted=True)
    client.force_login(signature.lead)
    response = client.get(url(signature))
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-panel--confirmation" in page
    assert signature.reference in page
    assert "What happens next" in page
    assert "within 3 working days" in page
    assert "email the senior approver a link to sign" in page


def test_it_sends_someone_signed_out_to_sign_in(client):
    signature = SignatureFactory(submitted=True)
    assert client.get(url(signature)).url == f"/sign-in?next={url(signature)}"


def test_it_does_not_find_another_persons_declaration(client, member):
    client.force_login(member)
    assert client.get(url(SignatureFactory(submitted=True))).status_code == 404


def test_it_sends_a_draft_back_to_check_the_answers(client):
    signature = SignatureFactory()
    client.force_login(signature.lead)
    assert client.get(url(signature)).url == f"/declaration/sign/{signature.reference}/check"


def test_it_accepts_only_get(client):
    signature = SignatureFactory(submitted=True)
    client.force_login(signature.lead)
    assert client.post(url(signature)).status_code == 405
