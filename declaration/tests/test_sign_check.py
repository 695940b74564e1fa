import pytest
from django.core.cache import cache

from core.models import AuditEvent
from declaration.models import SignatureVersion
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from declaration.workflow import SignatureStatus
from organisations.tests.factories import OrganisationDomainFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache(db):
    # Rate-limit counts live in the cache; each test starts with none.
    cache.clear()


@pytest.fixture
def draft(client):
    signature = SignatureFactory(
        organisation__name="Testshire County Council",
        lead__email="robin@testshire.gov.uk",
        approver_email="sam.chief@testshire.gov.uk",
    )
    OrganisationDomainFactory(organisation=signature.organisation, domain="testshire.gov.uk")
    DeclarationProjectFactory(signature=signature, title="Open waste data", principles=[2, 5])
    client.force_login(signature.lead)
    return signature


def url(signature) -> str:
    return f"/declaration/sign/{signature.reference}/check"


def test_it_sends_someone_signed_out_to_sign_in(client):
    signature = SignatureFactory()
    assert client.get(url(signature)).url == f"/sign-in?next={url(signature)}"


def test_it_does_not_find_another_persons_declaration(client, member):
    client.force_login(member)
    signature = SignatureFactory()
    assert client.get(url(signature)).status_code == 404
    assert client.post(url(signature)).status_code == 404


def test_it_shows_every_answer_with_a_link_to_change_it(client, draft):
    project = draft.projects.get()
    page = client.get(url(draft)).content.decode()
    for answer in (
        "Testshire County Council",
        "Robin Lead",
        "Head of Digital",
        "Sam Chief",
        "Chief Executive",
        "sam.chief@testshire.gov.uk",
        "Open waste data",
        "Open data on bin collections in a common format.",
        "Fix our plumbing: modular building blocks and open data standards",
        "Embed an open culture",
        project.expected_completion.strftime("%-d %B %Y"),
    ):
        assert answer in page
    for fragment in ("you#id_lead_name", "you#id_lead_job_title", "approver#id_approver_email"):
        assert f'href="/declaration/sign/{draft.reference}/{fragment}"' in page
    for fragment in ("title", "description", "principles_0", "expected_completion", "link"):
        assert f'href="/declaration/sign/{draft.reference}/project/{project.pk}#id_{fragment}"' in page
    assert "By submitting this declaration you confirm" in page
    assert "not at one of" not in page


def test_it_warns_of_an_approver_outside_the_organisations_domains(client, draft):
    draft.approver_email = "sam.chief@gmail.example"
    draft.save()
    page = client.get(url(draft)).content.decode()
    assert "govuk-warning-text" in page
    assert "not at one of Testshire County Council’s known email domains" in page


def test_it_hides_a_honeypot_field_from_people(client, draft):
    page = client.get(url(draft)).content.decode()
    assert 'name="website_confirm"' in page
    assert 'tabindex="-1"' in page
    assert 'autocomplete="off"' in page
    assert "Leave this field blank" in page


def test_it_submits_keeps_a_version_and_emails_the_lead(client, draft, mailoutbox):
    response = client.post(url(draft), {"website_confirm": ""})

    draft.refresh_from_db()
    assert response.url == f"/declaration/sign/{draft.reference}/submitted"
    assert draft.status == SignatureStatus.SUBMITTED
    version = SignatureVersion.objects.get(signature=draft)
    assert version.number == 1
    assert version.answers["projects"][0]["title"] == "Open waste data"
    assert AuditEvent.objects.filter(action="declaration.submitted").exists()
    assert [message.to for message in mailoutbox] == [["robin@testshire.gov.uk"]]
    assert draft.reference in mailoutbox[0].body


def test_it_shows_a_robot_the_confirmation_but_submits_nothing(client, draft, mailoutbox, caplog):
    response = client.post(url(draft), {"website_confirm": "https://spam.example"})

    draft.refresh_from_db()
    assert response.status_code == 200
    assert "Declaration submitted" in response.content.decode()
    assert draft.status == SignatureStatus.DRAFT
    assert not SignatureVersion.objects.exists()
    assert mailoutbox == []
    assert "honeypot" in caplog.text


def test_it_says_what_is_missing_before_submitting(client, draft):
    draft.projects.all().delete()
    response = client.post(url(draft))
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "Add a declaration project before you submit" in page
    draft.refresh_from_db()
    assert draft.status == SignatureStatus.DRAFT


def test_it_limits_how_often_a_lead_submits(client, draft, settings):
    settings.DECLARATION_SUBMIT_RATE = "2/h"
    draft.projects.all().delete()  # each attempt is refused, so the lead can try again
    assert client.post(url(draft)).status_code == 200
    assert client.post(url(draft)).status_code == 200
    assert client.post(url(draft)).status_code == 429


def test_it_shows_the_moderators_advice_and_resubmits(client, draft, moderator):
    from declaration import services

    services.submit(draft, by=draft.lead)
    services.request_changes(draft, by=moderator, advice="Say when the data will be published.")

    page = client.get(url(draft)).content.decode()
    assert "Changes requested" in page
    assert "Say when the data will be published." in page

    response = client.post(url(draft))
    draft.refresh_from_db()
    assert response.url == f"/declaration/sign/{draft.reference}/submitted"
    assert draft.status == SignatureStatus.SUBMITTED
    assert SignatureVersion.objects.filter(signature=draft).count() == 2


def test_it_sends_a_submitted_declarations_lead_to_its_confirmation(client, draft):
    draft.status = SignatureStatus.SUBMITTED
    draft.save()
    assert client.get(url(draft)).url == f"/declaration/sign/{draft.reference}/submitted"


def test_it_accepts_only_get_and_post(client, draft):
    assert client.put(url(draft)).status_code == 405
