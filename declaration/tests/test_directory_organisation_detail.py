import datetime
from zoneinfo import ZoneInfo

import pytest

from declaration.models import Signature
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from declaration.workflow import SignatureStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def test_it_shows_the_signature_and_its_projects(client):
    signature = SignatureFactory(
        signed=True, signed_at=datetime.datetime(2024, 5, 1, 12, tzinfo=LONDON), approver_job_title="Chief Executive"
    )
    DeclarationProjectFactory(signature=signature, title="Open waste data")

    content = client.get(signature.organisation.get_absolute_url()).content.decode()

    assert "1 May 2024" in content
    assert "Chief Executive" in content
    assert "Open waste data" in content
    assert "Founding signatory" not in content


def test_it_marks_a_founding_signatory(client):
    organisation = OrganisationFactory(co_publisher=True)
    SignatureFactory(signed=True, organisation=organisation, is_founding=True)

    content = client.get(organisation.get_absolute_url()).content.decode()

    assert "Founding signatory (co-publisher)" in content


def test_it_shows_a_withdrawn_signature_as_history(client):
    signature = SignatureFactory(signed=True, signed_at=datetime.datetime(2019, 3, 2, 12, tzinfo=LONDON))
    DeclarationProjectFactory(signature=signature, title="Abandoned project")
    Signature.objects.filter(pk=signature.pk).update(
        status=SignatureStatus.WITHDRAWN, withdrawn_at=datetime.datetime(2021, 8, 9, 12, tzinfo=LONDON)
    )

    content = client.get(signature.organisation.get_absolute_url()).content.decode()

    assert "Signed on 2 March 2019, withdrawn on 9 August 2021" in content
    assert "Abandoned project" not in content


def test_it_says_when_the_organisation_has_not_signed(client):
    organisation = OrganisationFactory(name="Leeds City Council")
    SignatureFactory(submitted=True, organisation=organisation)

    content = client.get(organisation.get_absolute_url()).content.decode()

    assert "Leeds City Council has not signed the declaration." in content
