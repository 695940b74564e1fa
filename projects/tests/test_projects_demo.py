import pytest

from accounts.demo import people_and_staff
from fund.demo import awards
from fund.models import FundedProject
from organisations.tests.factories import OrganisationFactory
from projects import queries
from projects.demo.projects import funded_projects
from projects.models import Output, Project, ProjectPhase, Update
from projects.workflow import ProjectStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    codes = {code for project in awards.PROJECTS for code in [project[2], *project[3]]}
    for code in sorted(codes):
        OrganisationFactory(register_code=code, org_id=f"GB-LAE-{code}")
    people_and_staff()
    awards.past_round_with_awards()
    return tmp_path


def test_each_award_starts_a_project_and_some_move_on_to_later_phases(demo, client):
    summary = funded_projects()

    projects = Project.objects.all()
    assert projects.count() == FundedProject.objects.count() == 16
    assert not FundedProject.objects.filter(project_phase__isnull=True).exists()
    assert set(projects.values_list("current_phase", flat=True)) == {"discovery", "alpha", "beta", "live"}
    assert set(projects.values_list("status", flat=True)) == set(ProjectStatus)
    assert ProjectPhase.objects.filter(grant__isnull=True).exclude(decision_note="").count() >= 5
    assert Update.objects.count() >= 15
    assert Output.objects.count() >= 15
    uploaded = Output.objects.exclude(file="")
    assert uploaded.count() == 2
    assert sorted(output.file_name for output in uploaded) == [
        "admissions data fields.csv",
        "bin collection schedule sample.csv",
    ]
    assert all((demo / output.file.name).is_file() for output in uploaded)
    assert not projects.filter(updates__isnull=True).exists()
    assert queries.overdue_phases()[1] >= 1
    assert queries.phases_due_soon()[1] >= 1
    assert not projects.filter(contact_email="").exists()
    for project in projects:
        assert client.get(project.get_absolute_url()).status_code == 200
    assert summary.startswith("Demo projects: 16 started")


def test_running_it_again_adds_nothing(demo):
    funded_projects()
    counts = (Project.objects.count(), Update.objects.count(), Output.objects.count(), ProjectPhase.objects.count())

    assert funded_projects() == "Demo projects: already there"

    assert (
        Project.objects.count(),
        Update.objects.count(),
        Output.objects.count(),
        ProjectPhase.objects.count(),
    ) == counts


def test_without_the_past_round_it_adds_nothing():
    assert funded_projects() == "Demo projects: no awards in Local Digital Fund round 1 to start from"
    assert not Project.objects.exists()
