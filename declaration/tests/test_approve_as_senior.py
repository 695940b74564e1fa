import re

import pytest
from django.core import mail
from django.utils import timezone

from declaration import services
from declaration.models import ApproverLink
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from declaration.workflow import SignatureStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(moderator):
    signature = SignatureFactory(submitted=True, approver_email="sam.chief@example.org")
    DeclarationProjectFactory(signature=signature, title="Open waste data")
    services.approve(signature, by=moderator)
    body = next(message for message in mail.outbox if message.to == ["sam.chief@example.org"]).body
    return re.search(r"(/declaration/approve/[A-Za-z0-9_-]+)", body).group(1)


def test_it_shows_the_approver_the_commitments(client, link):
    response = client.get(link)
    assert response.status_code == 200
    assert "Open waste data" in response.content.decode()
    assert "Sign the declaration" in response.content.decode()


def test_it_signs_and_confirms_with_the_reference(client, link):
    response = client.post(link, {"signed_name": "Sam Chief"})

    signature = ApproverLink.objects.get().signature
    assert response.status_code == 302
    assert response.url == f"/declaration/signed/{signature.reference}"
    assert signature.status == SignatureStatus.SIGNED
    confirmation = client.get(response.url).content.decode()
    assert "Declaration signed" in confirmation
    assert "Sam Chief" not in confirmation  # names stay private


def test_it_asks_for_a_typed_name(client, link):
    response = client.post(link, {"signed_name": ""})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content
    assert 'href="#id_signed_name"' in content
    assert ApproverLink.objects.get().used_at is None


def test_a_used_link_cannot_sign_again(client, link):
    client.post(link, {"signed_name": "Sam Chief"})
    response = client.get(link)
    assert response.status_code == 410
    assert "This link has already been used" in response.content.decode()


def test_an_expired_link_is_refused(client, link):
    ApproverLink.objects.update(expires_at=timezone.now())
    assert client.get(link).status_code == 410


def test_a_forged_link_is_refused(client):
    assert client.get("/declaration/approve/forged").status_code == 404


def test_a_signature_page_shows_only_signed_declarations(client):
    assert client.get(f"/declaration/signed/{SignatureFactory(submitted=True).reference}").status_code == 404


def test_it_accepts_only_get_and_post(client, link):
    assert client.put(link).status_code == 405
