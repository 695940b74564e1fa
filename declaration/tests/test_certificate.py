import datetime
from zoneinfo import ZoneInfo

import pytest

from declaration import certificate
from declaration.services import LAUNCH_DAY
from declaration.tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db

# Just after midnight in London on 4 July 2018 is still 3 July in UTC.
SIGNED_AT = datetime.datetime(2018, 7, 4, 0, 30, tzinfo=ZoneInfo("Europe/London"))


def text_of(signature) -> str:
    """The PDF's text as written, uncompressed so that it can be read from the file."""
    return certificate.render(signature, compress=False).decode("latin-1")


def test_it_is_a_pdf():
    assert certificate.render(SignatureFactory(signed=True)).startswith(b"%PDF")


def test_it_states_who_signed_for_which_organisation_and_when():
    signature = SignatureFactory(
        signed=True, signed_at=SIGNED_AT, organisation__name="Testshire Council", approver_job_title="Chief Executive"
    )
    text = text_of(signature)
    assert "Local Digital Declaration" in text
    assert "Signed for Testshire Council" in text
    assert "by its Chief Executive" in text
    assert "signed on 4 July 2018" in text
    assert f"Reference {signature.reference}" in text
    assert "Embed an open culture".lower() in text.lower()
    assert "© Crown copyright, Open Government Licence v3.0" in text


def test_it_names_no_one():
    signature = SignatureFactory(
        signed=True, signed_name="Sam Typed", approver_name="Sam Chief", lead_name="Robin Lead"
    )
    text = text_of(signature)
    for name in ["Sam Typed", "Sam Chief", "Robin Lead", signature.approver_email]:
        assert name not in text


def test_a_founding_signature_says_it_was_signed_as_a_co_publisher():
    signature = SignatureFactory(
        status="signed", signed_at=LAUNCH_DAY, is_founding=True, lead=None, approver_job_title="", approver_email=""
    )
    text = text_of(signature)
    assert "signed on 4 July 2018 as a co-publisher" in text
    assert "by its" not in text


def test_it_writes_names_outside_latin_1_without_failing():
    signature = SignatureFactory(signed=True, organisation__name="Cyngor Tŷ’r “Dŵr” 水")
    text = text_of(signature)
    assert 'Signed for Cyngor Ty\'r "Dwr" ?' in text


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("Council’s", "Council's"),
        ("“Open”", '"Open"'),
        ("Brent – Harrow", "Brent - Harrow"),
        ("Ynys Môn", "Ynys Môn"),
        ("Tŵr", "Twr"),
        ("東京", "??"),
    ],
)
def test_it_keeps_text_within_latin_1(typed, written):
    assert certificate.latin_1(typed) == written


def test_its_filename_comes_from_the_organisation():
    signature = SignatureFactory(signed=True, organisation__slug="testshire")
    assert certificate.filename(signature) == "testshire-local-digital-declaration.pdf"
