import datetime
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from declaration.queries import FEED_SIZE
from declaration.tests.factories import SignatureFactory
from declaration.views.directory import signatories_atom
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("declaration:signatories_atom")
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
LONDON = ZoneInfo("Europe/London")


def parse(response) -> ET.Element:
    return ET.fromstring(response.content)  # noqa: S314 - the service's own feed, not untrusted input


def entries(response) -> list[ET.Element]:
    return parse(response).findall("atom:entry", ATOM)


def test_it_is_public(client):
    assert signatories_atom.access_rule == "public"
    assert client.get(URL).status_code == 200


def test_it_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_it_is_an_atom_feed_of_the_newest_signatories(client):
    SignatureFactory(
        signed=True,
        signed_at=datetime.datetime(2020, 1, 1, 12, tzinfo=LONDON),
        organisation=OrganisationFactory(name="Older Council"),
    )
    newer = SignatureFactory(
        signed=True,
        signed_at=datetime.datetime(2025, 3, 1, 12, tzinfo=LONDON),
        organisation=OrganisationFactory(name="Newer Council", slug="newer-council"),
    )
    SignatureFactory(submitted=True, organisation=OrganisationFactory(name="Submitted Council"))

    response = client.get(URL)

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse(response)
    assert feed.find("atom:title", ATOM).text == "Signatories of the Local Digital Declaration"
    found = entries(response)
    assert [entry.find("atom:title", ATOM).text for entry in found] == ["Newer Council", "Older Council"]
    first = found[0]
    assert first.find("atom:id", ATOM).text.endswith(f":signature:{newer.reference}")
    assert first.find("atom:link", ATOM).get("href").endswith("/organisations/newer-council")
    assert first.find("atom:updated", ATOM).text.startswith("2025-03-01")


def test_its_ids_do_not_change_between_requests(client):
    SignatureFactory(signed=True)

    first, second = entries(client.get(URL)), entries(client.get(URL))

    assert first[0].find("atom:id", ATOM).text == second[0].find("atom:id", ATOM).text


def test_it_holds_at_most_50_entries(client):
    SignatureFactory.create_batch(FEED_SIZE + 2, signed=True)

    assert len(entries(client.get(URL))) == FEED_SIZE == 50
