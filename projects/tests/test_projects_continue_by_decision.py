import datetime

import pytest

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from projects.models import PhaseName, ProjectPhase
from projects.tests.factories import ProjectFactory, ProjectPhaseFactory
from projects.views.projects import continue_by_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project = ProjectFactory(title="Shared repairs")
    ProjectPhaseFactory(project=project)
    return project


def url(project):
    return f"/manage/projects/{project.slug}/next-phase/decision"


@pytest.fixture
def staff(sign_in_verified, moderator):
    return sign_in_verified(moderator)


def form_data(**fields):
    return {
        "phase": "alpha",
        "reason": "The partners fund alpha from their own budgets",
        "starts_on_day": "1",
        "starts_on_month": "4",
        "starts_on_year": "2027",
        "ends_on_day": "25",
        "ends_on_month": "6",
        "ends_on_year": "2027",
        **fields,
    }


def test_it_is_for_programme_staff(client, project):
    assert continue_by_decision.access_rule == "staff"
    client.force_login(MembershipFactory(organisation=project.lead_organisation).user)
    assert client.post(url(project), form_data()).status_code == 403
    assert not ProjectPhase.objects.filter(phase=PhaseName.ALPHA).exists()


def test_staff_move_the_project_to_alpha_with_their_reason(staff, moderator, project):
    assert "move to alpha" in staff.get(url(project)).content.decode()

    response = staff.post(url(project), form_data())

    assert response.url == f"/manage/projects/{project.slug}"
    alpha = ProjectPhase.objects.get(project=project, phase=PhaseName.ALPHA)
    assert (alpha.starts_on, alpha.ends_on) == (datetime.date(2027, 4, 1), datetime.date(2027, 6, 25))
    assert (alpha.decided_by, alpha.decision_note) == (moderator, "The partners fund alpha from their own budgets")
    event = AuditEvent.objects.get(action="projects.moved_to_next_phase")
    assert (event.actor, event.reason) == (moderator, "The partners fund alpha from their own budgets")


@pytest.mark.parametrize(
    ("fields", "message", "target"),
    [
        ({"reason": ""}, "Enter why the project moves on without a new award", "#id_reason"),
        (
            {"starts_on_day": "", "starts_on_month": "", "starts_on_year": ""},
            "Enter the date the phase starts",
            "#id_starts_on",
        ),
        ({"ends_on_day": "31", "ends_on_month": "2"}, "The end date must be a real date", "#id_ends_on"),
        (
            {"ends_on_year": "2026"},
            "The date outputs are due must be the same as or after the start date",
            "#id_ends_on",
        ),
    ],
)
def test_it_explains_what_to_fix(staff, project, fields, message, target):
    page = staff.post(url(project), form_data(**fields)).content.decode()

    assert "<title>Error: " in page
    assert f'<a href="{target}">{message}</a>' in page
    assert not ProjectPhase.objects.filter(phase=PhaseName.ALPHA).exists()


def test_a_page_loaded_before_a_colleague_moved_the_project_on_is_refused(staff, project):
    staff.post(url(project), form_data())

    page = staff.post(url(project), form_data(reason="Clicked twice")).content.decode()

    assert "<title>Error: " in page
    assert "This project has already moved on to alpha" in page
    assert list(project.phases.values_list("phase", flat=True)) == ["discovery", "alpha"]


def test_a_live_project_cannot_move_on(staff):
    live = ProjectFactory(current_phase=PhaseName.LIVE)
    ProjectPhaseFactory(project=live, phase=PhaseName.LIVE)

    assert "there is no later phase to move to" in staff.get(url(live)).content.decode()
    page = staff.post(url(live), form_data()).content.decode()
    assert "This project is already live: there is no later phase" in page
