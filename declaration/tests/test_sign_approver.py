import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from declaration.tests.factories import SignatureFactory
from organisations.tests.factories import OrganisationDomainFactory

pytestmark = pytest.mark.django_db

VALID = {
    "approver_name": "Sam Chief",
    "approver_job_title": "Chief Executive",
    "approver_email": "sam@testshire.gov.uk",
}


@pytest.fixture
def draft(client):
    signature = SignatureFactory(approver_name="", approver_job_title="", approver_email="")
    OrganisationDomainFactory(organisation=signature.organisation, domain="testshire.gov.uk")
    client.force_login(signature.lead)
    return signature


def url(signature) -> str:
    return f"/declaration/sign/{signature.reference}/approver"


def test_it_sends_someone_signed_out_to_sign_in(client):
    signature = SignatureFactory()
    assert client.get(url(signature)).url == f"/sign-in?next={url(signature)}"


def test_it_does_not_find_another_persons_declaration(client, member):
    client.force_login(member)
    assert client.get(url(SignatureFactory())).status_code == 404


def test_it_says_who_the_approver_is(client, draft):
    page = client.get(url(draft)).content.decode()
    assert "The chief executive, leader or equivalent, who will sign for your organisation" in page


def test_it_saves_the_approver_and_asks_for_a_project(client, draft):
    response = client.post(url(draft), {**VALID, "approver_email": "Sam@Testshire.gov.uk"})
    draft.refresh_from_db()
    assert response.url == f"/declaration/sign/{draft.reference}/project"
    assert (draft.approver_name, draft.approver_job_title, draft.approver_email) == (
        "Sam Chief",
        "Chief Executive",
        "sam@testshire.gov.uk",
    )
    assert draft.lead_name == "Robin Lead"


def test_it_refuses_the_lead_as_their_own_approver(client, draft):
    response = client.post(url(draft), {**VALID, "approver_email": draft.lead.email.upper()})
    page = response.content.decode()
    assert "<title>Error: " in page
    assert 'href="#id_approver_email"' in page
    assert "The senior approver must be someone other than you" in page
    draft.refresh_from_db()
    assert draft.approver_email == ""


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("approver_name", "", "Enter the senior approver’s full name"),
        ("approver_name", "x" * 201, "The senior approver’s name must be 200 characters or fewer"),
        ("approver_job_title", "", "Enter the senior approver’s job title"),
        ("approver_email", "", "Enter the senior approver’s work email address"),
        ("approver_email", "sam at testshire", "Enter an email address in the correct format"),
    ],
)
def test_it_shows_each_field_error(client, draft, field, value, message):
    page = client.post(url(draft), {**VALID, field: value}).content.decode()
    assert "<title>Error: " in page
    assert f'href="#id_{field}"' in page
    assert message in page
    draft.refresh_from_db()
    assert draft.approver_email == ""


def test_it_accepts_only_get_and_post(client, draft):
    assert client.put(url(draft)).status_code == 405


# Every way the approver's details can be wrong ends with an error beside the field, and
# nothing saved — including the lead naming themself.

blank = st.sampled_from(["", " ", "\t\n"])
too_long = st.integers(201, 400).map(lambda n: "n" * n)
bad_email = st.one_of(
    st.sampled_from(["not-an-email", "sam@", "@testshire.gov.uk", "sam chief@testshire.gov.uk", "sam@@x.org"]),
    st.text(alphabet="abc<>\"' ;", min_size=1, max_size=30).filter(lambda text: "@" not in text),
)
invalid = st.one_of(
    st.tuples(st.just("approver_name"), st.one_of(blank, too_long).map(lambda v: {"approver_name": v})),
    st.tuples(st.just("approver_job_title"), st.one_of(blank, too_long).map(lambda v: {"approver_job_title": v})),
    st.tuples(st.just("approver_email"), st.one_of(blank, bad_email).map(lambda v: {"approver_email": v})),
    st.tuples(st.just("approver_email"), st.just({"approver_email": "LEAD"})),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=invalid)
def test_it_saves_nothing_from_any_invalid_answer(client, draft, case):
    field, changes = case
    if changes.get("approver_email") == "LEAD":
        changes = {"approver_email": draft.lead.email.upper()}

    response = client.post(url(draft), {**VALID, **changes})

    assert response.status_code == 200
    assert f'href="#id_{field}"' in response.content.decode(), changes
    draft.refresh_from_db()
    assert (draft.approver_name, draft.approver_job_title, draft.approver_email) == ("", "", "")
