import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from declaration.models import DeclarationProject
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def answers(day: datetime.date | None = None, **changes) -> dict:
    day = day or in_days(180)
    return {
        "title": "Open waste data",
        "description": "Publish bin collection data in a common format.",
        "principles": ["2", "5"],
        "expected_completion_day": str(day.day),
        "expected_completion_month": str(day.month),
        "expected_completion_year": str(day.year),
        "link": "",
        **changes,
    }


@pytest.fixture
def draft(client):
    signature = SignatureFactory()
    client.force_login(signature.lead)
    return signature


def add_url(signature) -> str:
    return f"/declaration/sign/{signature.reference}/project"


def test_it_sends_someone_signed_out_to_sign_in(client):
    signature = SignatureFactory()
    assert client.get(add_url(signature)).url == f"/sign-in?next={add_url(signature)}"


def test_it_does_not_find_another_persons_declaration(client, member):
    client.force_login(member)
    assert client.get(add_url(SignatureFactory())).status_code == 404


def test_it_does_not_find_a_project_of_another_declaration(client, draft):
    other = DeclarationProjectFactory()
    assert client.get(f"{add_url(draft)}/{other.pk}").status_code == 404


def test_it_shows_a_govuk_date_input(client, draft):
    page = client.get(add_url(draft)).content.decode()
    for name in ("expected_completion_day", "expected_completion_month", "expected_completion_year"):
        assert f'name="{name}"' in page
    assert 'id="id_expected_completion"' in page
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">When do you expect' in page


def test_it_adds_a_project_and_shows_the_answers(client, draft):
    day = in_days(100)
    response = client.post(add_url(draft), answers(day, link="www.testshire.gov.uk/bins"))
    project = DeclarationProject.objects.get()
    assert response.url == f"/declaration/sign/{draft.reference}/check"
    assert (project.signature, project.title, project.expected_completion) == (draft, "Open waste data", day)
    assert project.link == "https://www.testshire.gov.uk/bins"
    assert [row.principle for row in project.principles.all()] == [2, 5]


def test_it_changes_a_project(client, draft):
    project = DeclarationProjectFactory(signature=draft, principles=[1])
    page = client.get(f"{add_url(draft)}/{project.pk}").content.decode()
    assert f'value="{project.title}"' in page
    assert f'value="{project.expected_completion.year}"' in page

    client.post(f"{add_url(draft)}/{project.pk}", answers(title="Open bin data", principles=["3"]))

    project.refresh_from_db()
    assert project.title == "Open bin data"
    assert [row.principle for row in project.principles.all()] == [3]
    assert DeclarationProject.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Enter the project’s title"),
        ({"title": "x" * 201}, "title", "The title must be 200 characters or fewer"),
        ({"description": ""}, "description", "Enter what the project will do"),
        ({"principles": []}, "principles", "Select at least one principle the project serves"),
        ({"principles": ["6"]}, "principles", "Select principles from the list"),
        ({"link": "not a link"}, "link", "Enter the web address in the correct format"),
        (
            {"expected_completion_day": "", "expected_completion_month": "", "expected_completion_year": ""},
            "expected_completion",
            "Enter the date you expect the project to finish",
        ),
        ({"expected_completion_month": ""}, "expected_completion", "The expected completion date must include a month"),
        (
            {"expected_completion_day": "31", "expected_completion_month": "2"},
            "expected_completion",
            "must be a real date",
        ),
    ],
)
def test_it_shows_each_field_error(client, draft, changes, field, message):
    response = client.post(add_url(draft), answers(**changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert f'href="#id_{field}' in page
    assert message in page
    assert not DeclarationProject.objects.exists()


@pytest.mark.parametrize(
    ("days", "message"),
    [(-1, "must be in the future"), (400, "must finish within 12 months")],
)
def test_it_refuses_a_date_outside_the_coming_year(client, draft, days, message):
    page = client.post(add_url(draft), answers(in_days(days))).content.decode()
    assert 'href="#id_expected_completion"' in page
    assert message in page
    assert "govuk-input--error" in page
    assert not DeclarationProject.objects.exists()


def test_it_sends_a_submitted_declarations_lead_to_its_confirmation(client):
    signature = SignatureFactory(submitted=True)
    client.force_login(signature.lead)
    response = client.post(add_url(signature), answers())
    assert response.url == f"/declaration/sign/{signature.reference}/submitted"
    assert not DeclarationProject.objects.exists()


def test_it_accepts_only_get_and_post(client, draft):
    assert client.put(add_url(draft)).status_code == 405


# Every way the answers can be wrong ends with an error beside the field, and nothing saved.

blank = st.sampled_from(["", " ", "\t\n"])
too_long = st.integers(201, 400).map(lambda n: "t" * n)
junk_link = st.sampled_from(["not a link", "javascript:alert(1)", "http://", "ftp://files.example.org", "<script>"])
impossible_day = st.one_of(
    st.tuples(st.integers(32, 99), st.integers(1, 12), st.just(2026)),
    st.tuples(st.integers(1, 28), st.integers(13, 99), st.just(2026)),
    st.tuples(st.just(30), st.just(2), st.integers(2026, 2030)),
    st.tuples(st.integers(1, 28), st.integers(1, 12), st.integers(0, 999)),
).map(lambda parts: [str(part) for part in parts])
out_of_range = st.one_of(st.integers(-3000, -1), st.integers(367, 3000)).map(
    lambda days: [str(part) for part in (lambda d: (d.day, d.month, d.year))(in_days(days))]
)
invalid = st.one_of(
    st.tuples(st.just("title"), st.one_of(blank, too_long).map(lambda v: {"title": v})),
    st.tuples(st.just("description"), blank.map(lambda v: {"description": v})),
    st.tuples(
        st.just("principles"),
        st.one_of(st.just([]), st.lists(st.sampled_from(["0", "6", "x"]), min_size=1)).map(lambda v: {"principles": v}),
    ),
    st.tuples(
        st.just("link"), st.one_of(junk_link, too_long.map(lambda v: f"https://{v}.org")).map(lambda v: {"link": v})
    ),
    st.tuples(
        st.just("expected_completion"),
        st.one_of(impossible_day, out_of_range).map(
            lambda parts: dict(
                zip(
                    ["expected_completion_day", "expected_completion_month", "expected_completion_year"],
                    parts,
                    strict=True,
                )
            )
        ),
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=invalid)
def test_it_saves_nothing_from_any_invalid_answer(client, draft, case):
    field, changes = case
    response = client.post(add_url(draft), answers(**changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="#id_{field}' in page, changes
    assert not DeclarationProject.objects.exists()
