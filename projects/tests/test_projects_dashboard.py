import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from projects.models import PhaseName
from projects.tests.factories import OutputFactory, ProjectFactory, ProjectPhaseFactory
from projects.views.projects import dashboard
from projects.workflow import PhaseStatus, ProjectStatus

pytestmark = pytest.mark.django_db

URL = "/manage/projects"


def day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def phase_ending(offset: int, title: str, **fields):
    project = ProjectFactory(title=title, **fields.pop("project", {}))
    return ProjectPhaseFactory(project=project, starts_on=day(offset - 60), ends_on=day(offset), **fields)


@pytest.fixture
def staff(sign_in_verified, moderator):
    return sign_in_verified(moderator)


def test_it_is_for_programme_staff(client, sign_in_verified):
    assert dashboard.access_rule == "staff"
    assert client.get(URL).url.startswith("/staff/sign-in?next=")
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
    assert sign_in_verified(UserFactory(assessor=True)).get(URL).status_code == 403


def test_it_lists_overdue_outputs_and_those_due_soon(staff):
    overdue = phase_ending(-10, "Overdue repairs")
    delivered = phase_ending(-10, "Delivered bins")
    OutputFactory(project=delivered.project, phase=PhaseName.DISCOVERY)
    phase_ending(-10, "Stopped parking", project={"status": ProjectStatus.STOPPED})
    soon = phase_ending(5, "Soon licensing")
    OutputFactory(project=soon.project, phase=PhaseName.DISCOVERY)
    phase_ending(40, "Later planning")

    page = staff.get(URL).content.decode()

    overdue_section = page[page.index('id="overdue-heading"') : page.index('id="due-soon-heading"')]
    assert "Outputs overdue (1)" in overdue_section
    assert "Overdue repairs" in overdue_section and f'href="/manage/projects/{overdue.project.slug}"' in overdue_section
    assert "Delivered bins" not in overdue_section and "Stopped parking" not in overdue_section
    due_section = page[page.index('id="due-soon-heading"') : page.index('id="all-heading"')]
    assert "Outputs due in the next 2 weeks (1)" in due_section
    assert "Soon licensing" in due_section and "Later planning" not in due_section
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in due_section
    all_section = page[page.index('id="all-heading"') :]
    assert "All projects (5)" in all_section
    assert all_section.count("Outputs overdue</strong>") == 1


def test_a_completed_phase_past_its_end_with_no_outputs_is_still_overdue(staff):
    phase_ending(-30, "Moved on without outputs", status=PhaseStatus.COMPLETE)
    assert "Outputs overdue (1)" in staff.get(URL).content.decode()


@pytest.mark.parametrize("rows", [2, 20])
def test_it_runs_the_same_queries_however_many_projects(staff, rows, django_assert_num_queries):
    for number in range(rows):
        phase_ending(-5 if number % 2 else 5, f"Project {number}")
    # Staff's session, user, device and whether they act for a supplier; the overdue and
    # due-soon phases and their counts; the count and page of all projects.
    with django_assert_num_queries(10):
        assert staff.get(URL).status_code == 200
