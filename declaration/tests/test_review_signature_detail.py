import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from declaration.models import SignatureVersion
from declaration.queries import changes_between
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from declaration.workflow import SignatureStatus

pytestmark = pytest.mark.django_db

ANSWERS = {
    "lead_job_title": "Head of Digital",
    "approver_job_title": "Chief Executive",
    "projects": [
        {
            "title": "Open bin data",
            "description": "Publish it",
            "principles": [2],
            "expected_completion": "2027-03-31",
            "link": "",
        }
    ],
}


@pytest.fixture
def signature():
    signature = SignatureFactory(
        submitted=True,
        reference="LDD-REVIEW",
        organisation__name="Reviewshire Council",
        lead__email="robin@reviewshire.gov.uk",
        approver_email="sam.chief@reviewshire.gov.uk",
    )
    DeclarationProjectFactory(signature=signature, title="Open bin data", principles=[2, 5])
    return signature


def url(signature):
    return f"/manage/signatures/{signature.reference}"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, signature):
    response = client.get(url(signature))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_a_moderator(request, sign_in_verified, signature, person):
    assert sign_in_verified(request.getfixturevalue(person)).get(url(signature)).status_code == 403


def test_it_shows_an_unknown_reference_as_not_found(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get("/manage/signatures/LDD-NOSUCH").status_code == 404


def test_it_shows_the_signature_in_full(sign_in_verified, moderator, signature):
    response = sign_in_verified(moderator).get(url(signature))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="{signature.organisation.get_absolute_url()}"' in page
    for text in (
        "Robin Lead",
        "robin@reviewshire.gov.uk",
        "Sam Chief",
        "sam.chief@reviewshire.gov.uk",
        "Chief Executive",
    ):
        assert text in page
    assert "Open bin data" in page
    assert "Embed an open culture" in page
    assert f'href="/manage/audit/declaration/signature/{signature.pk}"' in page


def test_it_offers_the_decisions_allowed_now(sign_in_verified, moderator, signature):
    page = sign_in_verified(moderator).get(url(signature)).content.decode()
    assert "Approve</button>" in page
    assert f'href="/manage/signatures/{signature.reference}/ask-for-changes"' in page
    assert f'href="/manage/signatures/{signature.reference}/reject"' in page
    assert "Send the approver’s link again" not in page
    assert "/withdraw" not in page


def test_it_offers_to_send_the_link_again_while_waiting_for_signature(sign_in_verified, moderator):
    signature = SignatureFactory(awaiting_signature=True)
    page = sign_in_verified(moderator).get(url(signature)).content.decode()
    assert "Send the approver’s link again</button>" in page
    assert "Approve</button>" not in page


def test_it_offers_to_withdraw_a_signed_declaration(sign_in_verified, moderator):
    signature = SignatureFactory(signed=True)
    page = sign_in_verified(moderator).get(url(signature)).content.decode()
    assert f'href="/manage/signatures/{signature.reference}/withdraw"' in page


def test_it_offers_nothing_on_a_draft(sign_in_verified, moderator):
    signature = SignatureFactory(status=SignatureStatus.DRAFT)
    response = sign_in_verified(moderator).get(url(signature))
    assert response.context["actions"] == []
    assert not response.context["can_resend_link"]


def test_it_shows_what_changed_between_the_latest_two_versions(sign_in_verified, moderator, signature):
    SignatureVersion.objects.create(signature=signature, number=1, answers=ANSWERS)
    changed = {**ANSWERS, "projects": [{**ANSWERS["projects"][0], "principles": [2, 5], "link": "https://x.example"}]}
    SignatureVersion.objects.create(signature=signature, number=2, answers=changed)
    response = sign_in_verified(moderator).get(url(signature))
    assert [change.label for change in response.context["changes"]] == ["Project 1 principles", "Project 1 link"]
    page = response.content.decode()
    assert "What changed in version 2" in page
    assert "Version 1, submitted" in page


def test_it_compares_answers_field_by_field():
    older = SignatureVersion(number=1, answers=ANSWERS)
    newer = SignatureVersion(number=2, answers={**ANSWERS, "approver_job_title": "Leader", "projects": []})
    changes = changes_between(older, newer)
    assert (changes[0].label, changes[0].before, changes[0].after) == (
        "Senior approver’s job title",
        "Chief Executive",
        "Leader",
    )
    assert ("Project 1 expected completion", "31 March 2027", "") in [(c.label, c.before, c.after) for c in changes]


def test_it_costs_the_same_number_of_queries_for_1_or_5_projects(sign_in_verified, moderator, signature):
    client = sign_in_verified(moderator)

    def queries_for_page():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(signature)).status_code == 200
        return len(queries)

    SignatureVersion.objects.create(signature=signature, number=1, answers=ANSWERS)
    one = queries_for_page()
    for _ in range(4):
        DeclarationProjectFactory(signature=signature, principles=[1, 3])
    SignatureVersion.objects.create(signature=signature, number=2, answers=ANSWERS)
    assert queries_for_page() == one


def test_the_signature_page_shows_the_request_and_the_withdraw_form_starts_with_its_reason(sign_in_verified, moderator):
    reason = "Our new chief executive has not agreed"
    signature = SignatureFactory(signed=True, withdrawal_requested_at=timezone.now(), withdrawal_request_reason=reason)
    client = sign_in_verified(moderator)

    page = client.get(f"/manage/signatures/{signature.reference}").content.decode()
    form = client.get(f"/manage/signatures/{signature.reference}/withdraw").content.decode()

    assert "The organisation has asked to withdraw" in page
    assert reason in page
    assert page.index('id="withdrawal-request"') < page.index("Withdraw</a>")
    assert f">\n{reason}</textarea>" in form or f">{reason}</textarea>" in form


@pytest.mark.parametrize("reference", ["LDD-%00", "LDD-" + "X" * 300])
def test_it_shows_a_malformed_reference_as_not_found(sign_in_verified, moderator, reference):
    # PostgreSQL refuses a NUL byte in a query: the address must not reach it.
    assert sign_in_verified(moderator).get(f"/manage/signatures/{reference}").status_code == 404
