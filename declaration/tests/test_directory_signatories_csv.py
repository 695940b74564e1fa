import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from declaration.models import Signature
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from declaration.views.directory import signatories_csv
from declaration.workflow import SignatureStatus
from organisations.models import Nation, OrganisationType
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("declaration:signatories_csv")
LONDON = ZoneInfo("Europe/London")


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_it_is_public(client):
    assert signatories_csv.access_rule == "public"
    assert client.get(URL).status_code == 200


def test_it_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_it_is_utf8_with_a_byte_order_mark(client):
    SignatureFactory(signed=True, organisation=OrganisationFactory(name="Cyngor Gwynedd – Gwynedd Council"))

    response = client.get(URL)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert rows(response)[1][0] == "Cyngor Gwynedd – Gwynedd Council"


def test_it_lists_each_signatory_with_iso_dates(client):
    organisation = OrganisationFactory(
        name="Leeds City Council",
        org_id="GB-LAE-LDS",
        organisation_type=OrganisationType.METROPOLITAN_DISTRICT,
        nation=Nation.ENGLAND,
        region="Yorkshire and The Humber",
    )
    # Late in the evening in London, already the next day in UTC: the date is London's.
    signature = SignatureFactory(
        signed=True,
        organisation=organisation,
        is_founding=True,
        approver_job_title="Chief Executive",
        signed_at=datetime.datetime(2024, 6, 30, 23, 30, tzinfo=LONDON),
    )
    DeclarationProjectFactory(signature=signature, title="Open waste data")
    DeclarationProjectFactory(signature=signature, title="Common planning forms")

    header, row = rows(client.get(URL))

    assert header == [
        "Organisation",
        "org-id",
        "Type",
        "Nation",
        "Region",
        "Date signed",
        "Co-publisher",
        "Approver job title",
        "Declaration projects",
    ]
    assert row == [
        "Leeds City Council",
        "GB-LAE-LDS",
        "Metropolitan district",
        "England",
        "Yorkshire and The Humber",
        "2024-06-30",
        "yes",
        "Chief Executive",
        "Open waste data; Common planning forms",
    ]


def test_it_makes_formulas_safe(client):
    organisation = OrganisationFactory(name='=HYPERLINK("http://evil.example")', region="+Region")
    signature = SignatureFactory(signed=True, organisation=organisation, approver_job_title="@Chief")
    DeclarationProjectFactory(signature=signature, title="-1+2")

    row = rows(client.get(URL))[1]

    assert row[0] == '\'=HYPERLINK("http://evil.example")'
    assert row[4] == "'+Region"
    assert row[7] == "'@Chief"
    assert row[8] == "'-1+2"


def test_it_honours_the_filters_and_leaves_out_withdrawn_signatories(client):
    SignatureFactory(signed=True, organisation=OrganisationFactory(name="Aberdeen", nation=Nation.SCOTLAND))
    SignatureFactory(signed=True, organisation=OrganisationFactory(name="Leeds", nation=Nation.ENGLAND))
    withdrawn = SignatureFactory(signed=True, organisation=OrganisationFactory(name="Gone", nation=Nation.SCOTLAND))
    Signature.objects.filter(pk=withdrawn.pk).update(status=SignatureStatus.WITHDRAWN)

    assert [row[0] for row in rows(client.get(URL, {"nation": "scotland"}))[1:]] == ["Aberdeen"]
    assert [row[0] for row in rows(client.get(URL, {"q": "lee"}))[1:]] == ["Leeds"]
    # A bad value is left out, as on the page.
    assert sorted(row[0] for row in rows(client.get(URL, {"nation": "mars"}))[1:]) == ["Aberdeen", "Leeds"]
