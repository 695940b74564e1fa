import pytest

from declaration.tests.factories import SignatureFactory
from declaration.workflow import SignatureStatus

pytestmark = pytest.mark.django_db


def test_it_explains_who_can_sign_and_what_it_means(client):
    response = client.get("/declaration/sign")
    page = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Public sector and non-profit organisations in the UK",
        "within 12 months",
        "free training",
        "Local Digital Fund",
    ):
        assert text in page
    assert "Suppliers cannot sign" in page
    assert 'href="/declaration/sign/eligibility"' in page
    assert "Start now" in page


def test_it_lists_a_signed_in_leads_declarations_in_progress(client):
    draft = SignatureFactory(organisation__name="Draftshire Council")
    returned = SignatureFactory(organisation__name="Returnshire Council", status=SignatureStatus.CHANGES_REQUESTED)
    returned.lead = draft.lead
    returned.save()
    SignatureFactory(organisation__name="Elsewhere Council")  # another person's
    SignatureFactory(lead=draft.lead, organisation__name="Doneshire Council", submitted=True)
    client.force_login(draft.lead)

    page = client.get("/declaration/sign").content.decode()

    assert "Continue your declaration" in page
    assert f'href="/declaration/sign/{draft.reference}/check"' in page
    assert "Returnshire Council" in page
    assert "Elsewhere Council" not in page
    assert "Doneshire Council" not in page


def test_it_lists_nothing_to_continue_for_someone_signed_out(client):
    SignatureFactory()
    assert "Continue your declaration" not in client.get("/declaration/sign").content.decode()


def test_it_accepts_only_get(client):
    assert client.post("/declaration/sign").status_code == 405
