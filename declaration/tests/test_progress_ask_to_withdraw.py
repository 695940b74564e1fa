import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from declaration.tests.factories import SignatureFactory
from declaration.views.progress import ask_to_withdraw
from declaration.workflow import SignatureStatus

pytestmark = pytest.mark.django_db

REASON = "Our new chief executive has not agreed to the declaration"


@pytest.fixture
def signature():
    return SignatureFactory(signed=True, organisation__name="Testshire Council")


@pytest.fixture
def colleague(signature):
    """An approved member of the organisation that signed, who is not its lead."""
    return MembershipFactory(organisation=signature.organisation).user


def url(signature) -> str:
    return reverse("declaration:progress_ask_to_withdraw", args=[signature.reference])


def test_it_needs_someone_signed_in(client, signature):
    assert ask_to_withdraw.access_rule == "signed_in"
    response = client.get(url(signature))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign_in"))


def test_it_shows_a_member_the_warning_and_the_form(client, signature, colleague):
    client.force_login(colleague)

    response = client.get(url(signature))

    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-warning-text" in content
    assert "Why does your organisation want to withdraw?" in content
    assert "Ask to withdraw</button>" in content


def test_a_member_asks_and_the_request_is_stored_audited_and_emailed(client, signature, colleague):
    client.force_login(colleague)

    response = client.post(url(signature), {"reason": REASON})

    assert response.status_code == 302
    assert response.url == signature.organisation.get_absolute_url() + "#declaration"
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SIGNED
    assert signature.withdrawal_requested_at is not None
    assert (signature.withdrawal_requested_by, signature.withdrawal_request_reason) == (colleague, REASON)
    event = AuditEvent.objects.get(action="declaration.withdrawal_requested")
    assert (event.actor, event.reason) == (colleague, REASON)
    assert sorted(message.to[0] for message in mail.outbox) == sorted([signature.lead.email, signature.approver_email])
    assert REASON in mail.outbox[0].body
    page = client.get(response.url).content.decode()
    assert "We have asked the Local Digital team to withdraw Testshire Council’s signature" in page


def test_the_lead_may_ask_without_a_membership(client, signature):
    client.force_login(signature.lead)

    assert client.post(url(signature), {"reason": REASON}).status_code == 302
    signature.refresh_from_db()
    assert signature.withdrawal_requested_by == signature.lead


def test_it_needs_a_reason_and_saves_nothing_without_one(client, signature, colleague):
    client.force_login(colleague)

    response = client.post(url(signature), {"reason": "  "})

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content
    assert 'href="#id_reason"' in content
    assert "Enter why your organisation wants to withdraw its signature" in content
    signature.refresh_from_db()
    assert signature.withdrawal_requested_at is None
    assert not AuditEvent.objects.filter(action="declaration.withdrawal_requested").exists()
    assert mail.outbox == []


def test_a_second_request_is_refused_on_the_page(client, signature, colleague):
    client.force_login(colleague)
    client.post(url(signature), {"reason": REASON})

    response = client.post(url(signature), {"reason": "Asking again"})

    assert response.status_code == 200
    assert "already asked to withdraw it" in response.content.decode()
    signature.refresh_from_db()
    assert signature.withdrawal_request_reason == REASON


@pytest.mark.parametrize(
    "who",
    [
        pytest.param(lambda signature: MembershipFactory().user, id="another organisation's member"),
        pytest.param(
            lambda signature: MembershipFactory(organisation=signature.organisation, pending=True).user,
            id="unapproved member",
        ),
    ],
)
def test_it_does_not_find_the_signature_for_someone_who_may_not_ask(client, signature, who):
    client.force_login(who(signature))

    assert client.get(url(signature)).status_code == 404
    assert client.post(url(signature), {"reason": REASON}).status_code == 404
    signature.refresh_from_db()
    assert signature.withdrawal_requested_at is None


@pytest.mark.parametrize("status", [SignatureStatus.AWAITING_SIGNATURE, SignatureStatus.WITHDRAWN])
def test_it_does_not_find_a_signature_that_is_not_signed(client, status):
    signature = SignatureFactory(status=status)
    client.force_login(signature.lead)

    assert client.get(url(signature)).status_code == 404


def test_the_members_page_links_to_it_for_each_signed_signature(client, signature, colleague):
    client.force_login(colleague)

    content = client.get(reverse("declaration:progress")).content.decode()

    assert f'href="{url(signature)}"' in content


def test_the_members_page_shows_a_request_already_made(client, signature, colleague):
    client.force_login(colleague)
    client.post(url(signature), {"reason": REASON})

    content = client.get(reverse("declaration:progress")).content.decode()

    assert "Asked to withdraw on" in content
    assert f'href="{url(signature)}"' not in content


def test_get_and_post_are_the_only_methods(client, signature, colleague):
    client.force_login(colleague)
    assert client.put(url(signature)).status_code == 405


def test_it_shows_a_reference_with_a_nul_byte_as_not_found(client, member):
    client.force_login(member)
    assert client.get("/declaration/signatures/LDD-%00/ask-to-withdraw").status_code == 404
