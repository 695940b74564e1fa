import datetime
import re

import pytest
from django.utils import timezone

from accounts.tests.factories import MembershipFactory, UserFactory
from events.models import Topic
from fund.models import Phase
from fund.tests.factories import FundedProjectFactory
from organisations.tests.factories import OrganisationFactory
from projects.models import Licence, OutputType, PhaseName, Update
from projects.tests.factories import OutputFactory, ProjectFactory, ProjectPhaseFactory, UpdateFactory
from projects.views.projects import detail
from projects.workflow import PhaseStatus, ProjectStatus

pytestmark = pytest.mark.django_db

# The project with its lead, its partners, topics and phases with their awards, the count and
# page of updates, and the outputs.
QUERIES = 7


@pytest.fixture
def project():
    project = ProjectFactory(
        title="Shared housing repairs",
        slug="shared-housing-repairs",
        summary="Tenants report repairs online.",
        problem="Tenants phone again and again.\n\nEvery council builds its own form.",
        lead_organisation__name="Hackney Council",
        lead_organisation__slug="hackney",
        contact_email="repairs-project@hackney.example.gov.uk",
        current_phase=PhaseName.ALPHA,
    )
    project.partner_organisations.add(OrganisationFactory(name="Lewisham Council", slug="lewisham"))
    project.topics.add(Topic.objects.get(slug="user-research"))
    grant = FundedProjectFactory(bid__phase=Phase.DISCOVERY, bid__award_amount=80_000, bid__round__name="LDF round 1")
    ProjectPhaseFactory(
        project=project,
        grant=grant,
        decision_note="",
        status=PhaseStatus.COMPLETE,
        starts_on=datetime.date(2018, 12, 13),
        ends_on=datetime.date(2019, 3, 7),
    )
    ProjectPhaseFactory(
        project=project,
        phase=PhaseName.ALPHA,
        starts_on=datetime.date(2019, 4, 1),
        ends_on=datetime.date(2019, 6, 28),
        decision_note="Hackney pays for alpha from its own budget",
    )
    return project


def url(project, page=None):
    return f"/projects/{project.slug}" + (f"?page={page}" if page else "")


def test_anyone_may_see_it(client, project):
    assert detail.access_rule == "public"
    assert client.get(url(project)).status_code == 200


def test_it_shows_the_project_its_organisations_and_how_each_phase_was_paid_for(client, project):
    page = client.get(url(project)).content.decode()

    assert '<h1 class="govuk-heading-xl">Shared housing repairs</h1>' in page
    assert "Tenants report repairs online." in page
    assert "<p>Tenants phone again and again.</p>" in page
    assert 'href="/organisations/hackney">Hackney Council</a>' in page
    assert 'href="/organisations/lewisham">Lewisham Council</a>' in page
    assert "User research" in page
    assert 'href="mailto:repairs-project@hackney.example.gov.uk"' in page
    assert "Current phase: " in page and "Alpha</strong>" in page
    assert "13 December 2018 to 7 March 2019" in page
    assert "An award of £80,000 from LDF round 1" in page
    assert "1 April 2019 to 28 June 2019" in page
    assert "No new award: the programme agreed the project could continue" in page
    # Staff's reasons stay on their pages.
    assert "Hackney pays for alpha" not in page


def test_updates_are_newest_first_dated_and_never_name_their_author(client, project):
    author = UserFactory(full_name="Robin Writer", email="robin.writer@hackney.example.gov.uk")
    older = UpdateFactory(project=project, title="Weeknote 1", author=author)
    newer = UpdateFactory(project=project, title="Weeknote 2", author=author, blog_url="https://blog.example.gov.uk/2")
    Update.objects.filter(pk=older.pk).update(published_at=timezone.make_aware(datetime.datetime(2019, 1, 4, 12)))
    Update.objects.filter(pk=newer.pk).update(published_at=timezone.make_aware(datetime.datetime(2019, 1, 11, 12)))

    page = client.get(url(project)).content.decode()

    assert page.index("Weeknote 2") < page.index("Weeknote 1")
    assert "11 January 2019" in page and "4 January 2019" in page
    assert "We spoke to <strong>twelve</strong> tenants this week." in page
    assert 'href="https://blog.example.gov.uk/2"' in page
    assert "Robin" not in page and "robin.writer" not in page


def test_markdown_in_an_update_cannot_run_script_or_embed_pages(client, project):
    UpdateFactory(
        project=project,
        body=(
            "Hello <script>alert('stolen')</script>\n\n"
            '<iframe src="https://evil.example/"></iframe>\n\n'
            "[Click me](javascript:alert('stolen'))\n\n"
            '<a href="javascript:alert(1)" onclick="alert(2)">raw link</a>\n\n'
            '<img src="x" onerror="alert(3)">'
        ),
    )

    page = client.get(url(project)).content.decode()
    updates = page[page.index('id="updates"') :]

    assert "<script>alert" not in updates and "alert('stolen')" not in updates
    assert "<iframe" not in updates
    assert "javascript:" not in updates
    assert "onclick" not in updates and "onerror" not in updates and "<img" not in updates
    assert "Click me" in updates and "raw link" in updates


def test_outputs_are_grouped_by_phase_with_how_to_get_and_reuse_them(client, project):
    OutputFactory(project=project, phase=PhaseName.DISCOVERY, title="Discovery findings", licence=Licence.OGL)
    OutputFactory(
        project=project,
        phase=PhaseName.ALPHA,
        output_type=OutputType.CODE,
        title="Repairs form",
        link="https://www.example.gov.uk/repairs-form",
        repository_url="https://github.com/example-council/repairs",
        licence=Licence.MIT,
    )
    upload = OutputFactory(
        project=project,
        phase=PhaseName.ALPHA,
        output_type=OutputType.USER_RESEARCH,
        title="Research notes",
        link="",
        file="outputs/2019/05/0123456789abcdef.pdf",
        file_type="pdf",
        file_size=1024 * 1024 * 3 // 2,
        file_name="Research notes.pdf",
    )

    page = client.get(url(project)).content.decode()

    assert page.index("From discovery") < page.index("Discovery findings") < page.index("From alpha")
    assert page.index("From alpha") < page.index("Repairs form")
    licences = re.findall(r"Licence:</dt> <dd[^>]*>([^<]+)</dd>", page)
    assert "Open Government Licence 3.0" in licences
    assert "MIT" in licences
    assert 'href="https://github.com/example-council/repairs"' in page
    assert f'href="/projects/{project.slug}/outputs/{upload.pk}/download"' in page
    assert "(PDF, 1.5MB)" in page
    assert "0123456789abcdef" not in page


def test_the_team_sees_links_to_post_and_others_do_not(client, project):
    assert "Post an update" not in client.get(url(project)).content.decode()
    member = MembershipFactory(organisation=project.lead_organisation).user
    client.force_login(member)
    page = client.get(url(project)).content.decode()
    assert f'href="/projects/{project.slug}/updates/new"' in page
    assert f'href="/projects/{project.slug}/outputs/new"' in page
    assert f'href="/projects/{project.slug}/edit"' in page


def test_a_stopped_project_says_why(client, project):
    project.status, project.status_reason = ProjectStatus.STOPPED, "The partners bought a product instead."
    project.save()
    page = client.get(url(project)).content.decode()
    assert "This project has stopped. The partners bought a product instead." in page


def test_an_unknown_project_is_not_found(client):
    assert client.get("/projects/no-such-project").status_code == 404


@pytest.mark.parametrize("rows", [2, 30])
def test_it_runs_the_same_queries_however_many_updates_and_outputs(client, project, rows, django_assert_num_queries):
    UpdateFactory.create_batch(rows, project=project)
    OutputFactory.create_batch(rows, project=project)
    with django_assert_num_queries(QUERIES):
        assert client.get(url(project)).status_code == 200


def test_it_shows_ten_updates_a_page(client, project):
    UpdateFactory.create_batch(12, project=project)
    assert client.get(url(project)).content.decode().count("We spoke to") == 10
    assert client.get(url(project, page=2)).content.decode().count("We spoke to") == 2
