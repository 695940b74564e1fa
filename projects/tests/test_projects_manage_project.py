import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from projects.models import PhaseName
from projects.tests.factories import ProjectFactory, ProjectPhaseFactory
from projects.views.projects import manage_project
from projects.workflow import ProjectStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(moderator):
    project = ProjectFactory(title="Shared repairs", contact_email="")
    ProjectPhaseFactory(project=project, decided_by=moderator, decision_note="Funded by the partners")
    return project


def url(project):
    return f"/manage/projects/{project.slug}"


def test_it_is_for_programme_staff(client, sign_in_verified, project):
    assert manage_project.access_rule == "staff"
    assert client.get(url(project)).url.startswith("/staff/sign-in?next=")
    member = MembershipFactory(organisation=project.lead_organisation).user
    client.force_login(member)
    assert client.get(url(project)).status_code == 403
    assert sign_in_verified(UserFactory(fund_approver=True)).get(url(project)).status_code == 403


def test_it_shows_the_phases_with_staff_decisions_and_what_staff_can_do(sign_in_verified, moderator, project):
    page = sign_in_verified(moderator).get(url(project)).content.decode()

    assert "Shared repairs" in page
    assert "Funded by the partners" in page
    assert "the team has not given one, so no reminders can be sent" in page
    assert f'href="/manage/projects/{project.slug}/next-phase/award"' in page
    assert f'href="/manage/projects/{project.slug}/next-phase/decision"' in page
    assert f'action="/manage/projects/{project.slug}/complete"' in page
    assert f'href="/manage/projects/{project.slug}/stop"' in page
    assert f'href="/manage/audit/projects/project/{project.pk}"' in page


def test_a_completed_live_project_offers_no_moves(sign_in_verified, moderator):
    project = ProjectFactory(current_phase=PhaseName.LIVE, status=ProjectStatus.COMPLETED)
    ProjectPhaseFactory(project=project, phase=PhaseName.LIVE)

    page = sign_in_verified(moderator).get(url(project)).content.decode()

    assert "next-phase" not in page
    assert "/complete" not in page and "/stop" not in page


def test_an_unknown_project_is_not_found(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get("/manage/projects/no-such-project").status_code == 404
