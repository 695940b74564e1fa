import datetime
from zoneinfo import ZoneInfo

import pytest

from declaration.models import Signature
from declaration.tests.factories import DeclarationProjectFactory, ProjectUpdateFactory, SignatureFactory
from declaration.workflow import SignatureStatus
from organisations.models import Nation, OrganisationType
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/signatories"
LONDON = ZoneInfo("Europe/London")


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [signatory["id"] for signatory in response.json()["results"]]


def signed(name: str, *, signed_at=None, **organisation) -> Signature:
    slug = name.lower().replace(" ", "-")
    signature = SignatureFactory(signed=True, organisation=OrganisationFactory(name=name, slug=slug, **organisation))
    if signed_at is not None:
        Signature.objects.filter(pk=signature.pk).update(signed_at=signed_at)
    return signature


def test_it_lists_each_signatory_with_its_projects_and_their_updates(client):
    organisation = OrganisationFactory(name="Leeds City Council", slug="leeds", org_id="GB-LAE-LDS", co_publisher=True)
    signature = SignatureFactory(
        signed=True,
        organisation=organisation,
        is_founding=True,
        approver_job_title="Chief Executive",
        signed_at=datetime.datetime(2024, 6, 30, 23, 30, tzinfo=LONDON),
    )
    project = DeclarationProjectFactory(
        signature=signature,
        title="Open waste data",
        description="Bin collection days as open data.\n\nIn the common format.",
        principles=[2, 5],
        expected_completion=datetime.date(2025, 3, 31),
        link="https://leeds.example/waste",
    )
    ProjectUpdateFactory(
        project=project,
        status="in_progress",
        what_happened="Published the first file.",
        created_at=datetime.datetime(2024, 9, 1, 9, 0, tzinfo=LONDON),
    )
    ProjectUpdateFactory(
        project=project,
        status="done",
        what_happened="Every collection round is in it.",
        lessons_learnt="Start with one round.",
        created_at=datetime.datetime(2024, 12, 31, 23, 30, tzinfo=datetime.UTC),
    )

    response = client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    assert body["results"] == [
        {
            "id": "leeds",
            "organisation": {
                "id": "leeds",
                "name": "Leeds City Council",
                "org_id": "GB-LAE-LDS",
                "url": "http://testserver/api/v1/organisations/leeds",
            },
            "signed_at": "2024-06-30T23:30:00+01:00",
            "founding": True,
            "co_publisher": True,
            "approver_job_title": "Chief Executive",
            "projects": [
                {
                    "id": project.pk,
                    "title": "Open waste data",
                    "description": "Bin collection days as open data.\n\nIn the common format.",
                    "principles": [
                        {"number": 2, "name": "Fix our plumbing: modular building blocks and open data standards"},
                        {"number": 5, "name": "Embed an open culture"},
                    ],
                    "expected_completion": "2025-03-31",
                    "link": "https://leeds.example/waste",
                    "status": "done",
                    "status_label": "Done",
                    "overdue": False,
                    "updates": [
                        {
                            "status": "done",
                            "status_label": "Done",
                            "what_happened": "Every collection round is in it.",
                            "lessons_learnt": "Start with one round.",
                            "posted_on": "2024-12-31",
                        },
                        {
                            "status": "in_progress",
                            "status_label": "In progress",
                            "what_happened": "Published the first file.",
                            "lessons_learnt": None,
                            "posted_on": "2024-09-01",
                        },
                    ],
                }
            ],
            "url": "http://testserver/organisations/leeds#declaration",
        }
    ]


def test_it_shows_a_project_with_no_updates_as_not_started_and_overdue_after_a_year(client):
    signature = signed("Old Signatory", signed_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    DeclarationProjectFactory(signature=signature, link="")

    project = client.get(URL).json()["results"][0]["projects"][0]

    assert project["status"] == "not_started"
    assert project["status_label"] == "Not started"
    assert project["overdue"] is True
    assert project["link"] is None
    assert project["updates"] == []


@pytest.mark.parametrize(
    "status",
    [
        SignatureStatus.DRAFT,
        SignatureStatus.SUBMITTED,
        SignatureStatus.CHANGES_REQUESTED,
        SignatureStatus.AWAITING_SIGNATURE,
        SignatureStatus.WITHDRAWN,
        SignatureStatus.REJECTED,
    ],
)
def test_it_leaves_out_signatures_that_do_not_stand(client, status):
    signed("Standing Council")
    other = signed("Other Council")
    Signature.objects.filter(pk=other.pk).update(status=status)

    assert ids(client.get(URL)) == ["standing-council"]


def test_it_filters_as_the_signatories_page_does(client):
    signed("Cardiff Council", nation=Nation.WALES, region="Wales")
    signed("Kent County Council", organisation_type=OrganisationType.COUNTY, alternative_names="KCC")
    camden = signed("Camden Council", signed_at=datetime.datetime(2019, 5, 1, tzinfo=datetime.UTC))
    DeclarationProjectFactory(signature=camden, principles=[4])

    assert ids(client.get(URL, {"q": "kcc"})) == ["kent-county-council"]
    assert ids(client.get(URL, {"type": "county"})) == ["kent-county-council"]
    assert ids(client.get(URL, {"nation": "wales"})) == ["cardiff-council"]
    assert ids(client.get(URL, {"region": "Wales"})) == ["cardiff-council"]
    assert ids(client.get(URL, {"principle": 4})) == ["camden-council"]
    assert ids(client.get(URL, {"year": 2019})) == ["camden-council"]
    assert ids(client.get(URL, {"year": 9999})) == []
    assert sorted(ids(client.get(URL, {"nation": ["wales", "england"]}))) == [
        "camden-council",
        "cardiff-council",
        "kent-county-council",
    ]


def test_it_sorts_newest_signature_first_unless_asked_otherwise(client):
    signed("Bury Council", signed_at=datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC))
    signed("Ashford Council", signed_at=datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC))
    signed("Crawley Council", signed_at=datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC))

    assert ids(client.get(URL)) == ["crawley-council", "bury-council", "ashford-council"]
    assert ids(client.get(URL, {"sort": "oldest"})) == ["ashford-council", "bury-council", "crawley-council"]
    assert ids(client.get(URL, {"sort": "name"})) == ["ashford-council", "bury-council", "crawley-council"]


def test_it_pages_with_links_to_follow(client):
    for year in range(2019, 2024):
        signed(f"Council {year}", signed_at=datetime.datetime(year, 1, 1, tzinfo=datetime.UTC))

    first = client.get(URL, {"page_size": 2, "sort": "oldest"}).json()
    last = client.get(URL, {"page_size": 2, "sort": "oldest", "page": 3}).json()

    assert first["count"] == 5
    assert first["next"] == "http://testserver/api/v1/signatories?page_size=2&sort=oldest&page=2"
    assert [signatory["id"] for signatory in last["results"]] == ["council-2023"]
    assert last["next"] is None
    assert client.get(URL, {"page": 4, "page_size": 2}).status_code == 404


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"type": "castle"}, "type"),
        ({"nation": "mars"}, "nation"),
        ({"principle": 6}, "principle"),
        ({"principle": "open"}, "principle"),
        ({"year": 2017}, "year"),
        ({"year": 10000}, "year"),
        ({"year": "last"}, "year"),
        ({"sort": "random"}, "sort"),
        ({"q": "x" * 101}, "q"),
        ({"q": "\x00"}, "q"),
        ({"region": "\x07"}, "region"),
        ({"page_size": 201}, "page_size"),
    ],
)
def test_it_explains_a_bad_parameter(client, query, parameter):
    response = client.get(URL, query)

    assert response.status_code == 422
    body = response.json()
    assert body["message"] == f"Check the parameters: {parameter}"
    assert [error["parameter"] for error in body["errors"]] == [parameter]


def test_it_shows_no_names_emails_or_lead_job_title(client, open_data):
    text = client.get(URL).content.decode()

    assert "camden" in text
    for secret in [*open_data.names, *open_data.emails, "Head of Digital"]:
        assert secret not in text


def test_it_runs_the_same_queries_however_many_signatories(client, django_assert_max_num_queries):
    def queries_for_a_page(count):
        for _ in range(count):
            signature = SignatureFactory(signed=True)
            for project in DeclarationProjectFactory.create_batch(2, signature=signature, principles=[1, 3]):
                ProjectUpdateFactory.create_batch(2, project=project)
        with django_assert_max_num_queries(20) as captured:
            response = client.get(URL, {"page_size": 200})
        assert len(ids(response)) == Signature.objects.count()
        return len(captured)

    assert queries_for_a_page(3) == queries_for_a_page(30)
