"""No page of the public directory shows the people behind a signature: their names and
email addresses are private, whatever state the signature is in."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from declaration.models import Signature
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from declaration.workflow import SignatureStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def private_signature(status: SignatureStatus, organisation) -> Signature:
    lead = UserFactory(full_name="Zebedee Quillfeather", email=f"zebedee.lead{organisation.pk}@private-lead.example")
    signature = SignatureFactory(
        organisation=organisation,
        lead=lead,
        lead_name="Zebedee Quillfeather",
        approver_name="Ottoline Marchbanks",
        approver_email=f"ottoline.approver{organisation.pk}@private-approver.example",
        signed_name="O. Marchbanks-Typed",
        signed=True,
    )
    DeclarationProjectFactory(signature=signature, title="Open waste data", principles=[1, 2])
    Signature.objects.filter(pk=signature.pk).update(status=status)
    return signature


def test_it_shows_no_names_or_email_addresses_anywhere(client):
    signed = private_signature(SignatureStatus.SIGNED, OrganisationFactory(name="Leeds City Council"))
    withdrawn = private_signature(SignatureStatus.WITHDRAWN, OrganisationFactory(name="Gone Council"))
    # Each page, and what shows it has the signature on it.
    pages = [
        (reverse("declaration:signatories"), "Leeds City Council"),
        (reverse("declaration:signatories_csv"), "Leeds City Council"),
        (reverse("declaration:signatories_atom"), "Leeds City Council"),
        (reverse("declaration:projects"), "Open waste data"),
        (signed.organisation.get_absolute_url(), "Open waste data"),
        (withdrawn.organisation.get_absolute_url(), "withdrawn on"),
    ]

    for url, expected in pages:
        response = client.get(url)
        content = response.content.decode("utf-8-sig")
        assert response.status_code == 200, url
        assert expected in content, url
        for secret in ["Zebedee", "Quillfeather", "Ottoline", "Marchbanks", "private-lead", "private-approver"]:
            assert secret.lower() not in content.lower(), f"{secret} appears in {url}"
