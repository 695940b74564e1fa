import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from declaration.models import SignatureVersion
from declaration.queries import working_days_between
from declaration.tests.factories import SignatureFactory
from declaration.workflow import SignatureStatus
from organisations.tests.factories import OrganisationDomainFactory

pytestmark = pytest.mark.django_db

URL = "/manage/signatures"


def submitted(days_ago=0, **fields):
    return SignatureFactory(submitted=True, submitted_at=timezone.now() - datetime.timedelta(days=days_ago), **fields)


def test_it_sends_anonymous_people_to_the_staff_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_a_moderator(request, sign_in_verified, person):
    response = sign_in_verified(request.getfixturevalue(person)).get(URL)
    assert response.status_code == 403


def test_it_lists_signatures_waiting_for_review_oldest_first(sign_in_verified, moderator):
    newer = submitted(days_ago=1, organisation__name="Newshire Council")
    older = submitted(days_ago=5, organisation__name="Oldshire Council")
    SignatureFactory(organisation__name="Draftshire Council")
    response = sign_in_verified(moderator).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index(older.reference) < page.index(newer.reference)
    assert "Draftshire Council" not in page


def test_it_shows_the_pipeline_in_one_line_and_by_stage(sign_in_verified, moderator):
    submitted()
    SignatureFactory(signed=True)
    SignatureFactory(signed=True)
    SignatureFactory(status=SignatureStatus.CHANGES_REQUESTED)
    SignatureFactory(status=SignatureStatus.REJECTED)
    response = sign_in_verified(moderator).get(URL)
    assert response.context["pipeline"].signed == 2
    assert response.context["pipeline"].in_progress == 2
    assert "2 signed, 2 in progress" in response.content.decode()
    counts = {stage.status: stage.count for stage in response.context["pipeline"].stages}
    assert counts[SignatureStatus.REJECTED] == 1
    assert counts[SignatureStatus.WITHDRAWN] == 0


def test_it_lists_the_signatures_in_another_state(sign_in_verified, moderator):
    signed = SignatureFactory(signed=True, organisation__name="Signedshire Council")
    submitted(organisation__name="Waitingshire Council")
    response = sign_in_verified(moderator).get(URL, {"status": "signed"})
    page = response.content.decode()
    assert signed.reference in page
    assert "Waitingshire Council" not in page


def test_it_shows_the_queue_for_a_status_it_does_not_know(sign_in_verified, moderator):
    waiting = submitted()
    response = sign_in_verified(moderator).get(URL, {"status": "nonsense"})
    assert response.status_code == 200
    assert waiting.reference in response.content.decode()


def test_it_flags_what_a_moderator_should_look_at_twice(sign_in_verified, moderator):
    OrganisationDomainFactory(domain="flagshire.gov.uk")
    signature = submitted(approver_email="chief@gmail.example")
    SignatureFactory(organisation=signature.organisation, status=SignatureStatus.WITHDRAWN)
    for number in (1, 2):
        SignatureVersion.objects.create(signature=signature, number=number, answers={})
    response = sign_in_verified(moderator).get(URL)
    row = response.context["page"].object_list[0]
    assert row.flags == ["Approver email outside domains", "Resubmitted", "Organisation signed before"]
    page = response.content.decode()
    assert '<strong class="govuk-tag govuk-tag--yellow govuk-!-margin-bottom-1">Resubmitted</strong>' in page


def test_it_does_not_flag_an_approver_at_one_of_the_organisations_domains(sign_in_verified, moderator):
    signature = submitted(approver_email="chief@flagshire.gov.uk")
    OrganisationDomainFactory(organisation=signature.organisation, domain="flagshire.gov.uk")
    response = sign_in_verified(moderator).get(URL)
    assert response.context["page"].object_list[0].flags == []


def test_it_tags_a_signature_waiting_longer_than_the_target_as_overdue(sign_in_verified, moderator):
    submitted(days_ago=14)
    submitted(days_ago=0)
    response = sign_in_verified(moderator).get(URL)
    rows = response.context["page"].object_list
    assert [row.overdue for row in rows] == [True, False]
    assert response.content.decode().count("govuk-tag--red") == 1


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        ("2026-11-16", "2026-11-16", 0),  # Monday, the same day
        ("2026-11-16", "2026-11-19", 3),  # Monday to Thursday
        ("2026-11-20", "2026-11-23", 1),  # Friday to Monday
        ("2026-11-21", "2026-11-22", 0),  # Saturday to Sunday
        ("2026-11-16", "2026-11-30", 10),  # two weeks
    ],
)
def test_it_counts_working_days_from_monday_to_friday(start, end, days):
    assert working_days_between(datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)) == days


def test_it_pages_the_queue(sign_in_verified, moderator):
    for _ in range(26):
        submitted()
    client = sign_in_verified(moderator)
    assert len(client.get(URL).context["page"].object_list) == 25
    second = client.get(URL, {"page": 2})
    assert len(second.context["page"].object_list) == 1
    assert 'aria-label="Pages of signatures"' in second.content.decode()


def test_it_costs_the_same_number_of_queries_for_2_or_30_signatures(sign_in_verified, moderator):
    client = sign_in_verified(moderator)

    def queries_for_page():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    def add(count):
        for _ in range(count):
            signature = submitted(days_ago=2)
            OrganisationDomainFactory(organisation=signature.organisation)
            SignatureVersion.objects.create(signature=signature, number=1, answers={})
            SignatureFactory(organisation=signature.organisation, status=SignatureStatus.REJECTED)

    add(2)
    with_two = queries_for_page()
    add(28)
    assert queries_for_page() == with_two


def test_it_lists_signatures_whose_organisation_asked_to_withdraw(sign_in_verified, moderator):
    asked = SignatureFactory(
        signed=True,
        organisation__name="Askshire Council",
        withdrawal_requested_at=timezone.now(),
        withdrawal_request_reason="Our new chief executive has not agreed",
    )
    SignatureFactory(signed=True, organisation__name="Staysshire Council")
    SignatureFactory(
        status=SignatureStatus.WITHDRAWN, organisation__name="Goneshire Council", withdrawal_requested_at=timezone.now()
    )

    content = sign_in_verified(moderator).get(URL).content.decode()

    assert "Asked to withdraw" in content
    section = content.split('id="withdrawal-requests"')[1].split("</table>")[0]
    assert "1 organisation asked to withdraw" in section
    assert f"/manage/signatures/{asked.reference}" in section
    assert "Staysshire Council" not in section
    assert "Goneshire Council" not in section
