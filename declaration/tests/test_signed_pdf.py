import re
import zlib

import pytest
from django.core import mail

from declaration import services
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def url(signature) -> str:
    return f"/declaration/signed/{signature.reference}.pdf"


def text_of(pdf: bytes) -> str:
    """Every stream in the PDF, uncompressed: the page's text is in one of them."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL)
    return "".join(zlib.decompress(stream).decode("latin-1") for stream in streams)


def test_anyone_can_download_a_signed_declaration(client):
    signature = SignatureFactory(
        signed=True,
        organisation__name="Pdfshire Council",
        organisation__slug="pdfshire-council",
        approver_job_title="Chief Executive",
        approver_name="Sam Chief",
        signed_name="Sam Chief",
    )
    response = client.get(url(signature))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == ('attachment; filename="pdfshire-council-local-digital-declaration.pdf"')
    assert response.content.startswith(b"%PDF")
    text = text_of(response.content)
    assert "Signed for Pdfshire Council" in text
    assert "by its Chief Executive" in text
    assert "Sam Chief" not in text


def test_a_founding_signature_has_one_too(client):
    signature = SignatureFactory(
        status="signed", signed_at=services.LAUNCH_DAY, is_founding=True, lead=None, organisation__name="Foundshire"
    )
    response = client.get(url(signature))
    assert response.status_code == 200
    assert "signed on 4 July 2018 as a co-publisher" in text_of(response.content)


@pytest.mark.parametrize("state", [{"submitted": True}, {"awaiting_signature": True}, {"status": "withdrawn"}])
def test_it_is_not_found_unless_signed(client, state):
    signature = SignatureFactory(**state)
    assert client.get(url(signature)).status_code == 404


def test_an_unknown_reference_is_not_found(client):
    assert client.get("/declaration/signed/LDD-NOSUCH.pdf").status_code == 404


def test_it_accepts_only_get(client):
    signature = SignatureFactory(signed=True)
    assert client.post(url(signature)).status_code == 405


def test_the_confirmation_page_links_to_it(client):
    signature = SignatureFactory(signed=True)
    page = client.get(f"/declaration/signed/{signature.reference}").content.decode()
    assert f'href="{url(signature)}"' in page
    assert "Download the signed declaration (PDF)" in page


def test_the_signed_email_links_to_it(moderator, django_capture_on_commit_callbacks):
    signature = SignatureFactory(submitted=True, lead__email="robin@example.org", approver_email="sam@example.org")
    DeclarationProjectFactory(signature=signature)
    services.approve(signature, by=moderator)
    body = next(message for message in mail.outbox if message.to == ["sam@example.org"]).body
    token = re.search(r"/declaration/approve/([A-Za-z0-9_-]+)", body).group(1)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.sign(token, signed_name="Sam Chief")

    signed = [message for message in mail.outbox if "has signed" in message.subject]
    assert sorted(message.to[0] for message in signed) == ["robin@example.org", "sam@example.org"]
    for message in signed:
        assert f"{url(signature)}\n" in message.body


@pytest.mark.parametrize("path", ["/declaration/signed/LDD-%00.pdf", "/declaration/signed/LDD-%00"])
def test_it_shows_a_reference_with_a_nul_byte_as_not_found(client, path):
    assert client.get(path).status_code == 404
