import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from fund.models import Phase
from fund.tests.factories import FundedProjectFactory, RoundFactory
from projects import services
from projects.models import PhaseName, Project
from projects.views.projects import continue_with_award
from projects.workflow import PhaseStatus

pytestmark = pytest.mark.django_db


def days(number: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=number)


@pytest.fixture
def project():
    grant = FundedProjectFactory(bid__phase=Phase.DISCOVERY, bid__title="Shared repairs")
    return services.start_project_for_grant(grant)


@pytest.fixture
def later_award(project):
    round_ = RoundFactory(
        name="LDF round 2",
        past=True,
        eoi_opens_at=days(-200),
        eoi_closes_at=days(-190),
        evaluation_ends_at=days(-180),
        applications_open_at=days(-170),
        applications_close_at=days(-150),
        decisions_by=days(-140),
        kick_off_at=days(-130),
    )
    return FundedProjectFactory(
        bid__round=round_,
        bid__phase=Phase.ALPHA,
        bid__award_amount=90_000,
        bid__title="Shared repairs alpha",
        bid__lead_organisation=project.lead_organisation,
    )


def url(project):
    return f"/manage/projects/{project.slug}/next-phase/award"


@pytest.fixture
def staff(sign_in_verified, moderator):
    return sign_in_verified(moderator)


def test_it_is_for_programme_staff(client, sign_in_verified, project):
    assert continue_with_award.access_rule == "staff"
    assert client.get(url(project)).url.startswith("/staff/sign-in?next=")
    assert sign_in_verified(UserFactory(assessor=True)).post(url(project)).status_code == 403


def test_it_offers_only_awards_that_could_pay_for_the_next_phase(staff, project, later_award):
    FundedProjectFactory(bid__phase=Phase.ALPHA, bid__title="Another council’s alpha")

    page = staff.get(url(project)).content.decode()

    assert "Shared repairs alpha: £90,000 for alpha from LDF round 2" in page
    assert "Another council’s alpha" not in page


def test_staff_move_the_project_on_with_the_award(staff, moderator, project, later_award):
    response = staff.post(url(project), {"grant": later_award.pk})

    assert response.url == f"/manage/projects/{project.slug}"
    project.refresh_from_db()
    assert project.current_phase == PhaseName.ALPHA
    assert [(phase.phase, phase.status) for phase in project.phases.order_by("starts_on")] == [
        ("discovery", PhaseStatus.COMPLETE),
        ("alpha", PhaseStatus.IN_PROGRESS),
    ]
    assert AuditEvent.objects.filter(action="projects.moved_to_next_phase", actor=moderator).exists()
    assert "The project has moved on to the phase the award pays for" in staff.get(response.url).content.decode()


def test_an_award_that_started_an_empty_project_joins_this_one(staff, project, later_award):
    started = services.start_project_for_grant(later_award)

    staff.post(url(project), {"grant": later_award.pk})

    assert not Project.objects.filter(pk=started.pk).exists()
    assert later_award.project_phase.project == project


def test_it_says_when_no_award_could_pay_for_the_next_phase(staff, project):
    page = staff.get(url(project)).content.decode()
    assert "No award can pay for this project’s next phase yet" in page
    assert f'href="/manage/projects/{project.slug}/next-phase/decision"' in page


def test_it_explains_what_to_fix(staff, project, later_award):
    for data, message in [({}, "Select the award"), ({"grant": "999999"}, "Select an award from the list")]:
        page = staff.post(url(project), data).content.decode()
        assert "<title>Error: " in page and message in page
    project.refresh_from_db()
    assert project.current_phase == PhaseName.DISCOVERY
