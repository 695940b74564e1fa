"""A council officer finds funded work to reuse before building their own: searching, filtering
the projects and looking at the awards. Posting updates and outputs is another journey."""

from __future__ import annotations

from typing import Self

from playwright.sync_api import Locator, expect

from events.models import Topic
from fund.models import Phase
from fund.tests.factories import FundedProjectFactory, RoundFactory
from organisations.tests.factories import OrganisationFactory
from projects.models import Licence, OutputType, PhaseName
from projects.tests.factories import OutputFactory, ProjectFactory, ProjectPhaseFactory, UpdateFactory
from tests.browser.pages import ReusePage, ServicePage


class ProjectListPage(ServicePage):
    path = "/projects"
    heading = "Funded projects"

    def filter_by(self, *, phases: list[str] = (), organisation: str = "All organisations") -> Self:
        self.choose("Current phase", list(phases))
        self.page.get_by_label("Organisation", exact=True).select_option(label=organisation)
        self.click_button("Apply filters")
        return self.check()

    @property
    def count(self) -> Locator:
        return self.page.locator("#project-count")

    def project_titles(self) -> list[str]:
        return self.page.locator("#projects h3").all_inner_texts()

    def open_charts(self) -> AwardChartsPage:
        self.page.get_by_role("link", name="See charts of the awards by phase, round and region").click()
        return AwardChartsPage(self.page).check()

    def open_reuse_search(self) -> ReusePage:
        self.page.get_by_role("link", name="Search projects, updates and outputs you could reuse").click()
        return ReusePage(self.page).check()


class AwardChartsPage(ServicePage):
    path = "/projects/charts"
    heading = "Awards to funded projects"


def test_a_council_finds_work_to_reuse_before_building(page):
    camden = OrganisationFactory(name="Camden Council", region="London")
    repairs = ProjectFactory(
        title="Housing repairs",
        summary="Tenants report repairs online and see when they will be fixed.",
        lead_organisation=camden,
        contact_email="repairs-team@camden.example.gov.uk",
        current_phase=PhaseName.ALPHA,
    )
    repairs.topics.add(Topic.objects.order_by("pk").first())
    grant = FundedProjectFactory(
        bid__round=RoundFactory(past=True, name="Local Digital Fund round 6"),
        bid__phase=Phase.ALPHA,
        bid__award_amount=120_000,
        bid__lead_organisation=camden,
    )
    ProjectPhaseFactory(project=repairs, phase=PhaseName.ALPHA, grant=grant, decision_note="")
    UpdateFactory(project=repairs, title="What tenants told us", body="Tenants want to **book repairs** online.")
    OutputFactory(
        project=repairs,
        title="Repairs booking service",
        description="The code of our repairs booking service.",
        output_type=OutputType.CODE,
        link="https://repairs.camden.example.gov.uk",
        repository_url="https://github.com/camden/repairs",
        licence=Licence.MIT,
    )
    ProjectFactory(
        title="Parking permits", summary="Residents apply for permits online.", problem="Paper forms get lost."
    )

    projects = ProjectListPage(page).open()
    expect(projects.count).to_have_text("2 projects")
    projects.filter_by(phases=["Alpha"], organisation="Camden Council")
    expect(projects.count).to_have_text("1 project")
    assert projects.project_titles() == ["Housing repairs"]

    charts = projects.open_charts()
    expect(charts.page.get_by_role("img", name="Awards by phase")).to_be_visible()
    expect(charts.page.get_by_role("table", name="Awards by round: number and value")).to_contain_text("£120,000")

    reuse = ProjectListPage(page).open().open_reuse_search()
    expect(reuse.page.get_by_role("heading", name="Before you build something")).to_be_visible()
    reuse.search("repairs")
    expect(reuse.count).to_have_text("3 results")
    expect(reuse.results.first).to_contain_text("Housing repairs")
    reuse.search("repairs", output_type="Code repository")
    expect(reuse.count).to_have_text("1 result")
    expect(reuse.results.first).to_contain_text("Code repository")
    expect(reuse.results.first).to_contain_text("Licence: MIT")
    expect(reuse.results.first.get_by_role("link", name="https://github.com/camden/repairs")).to_be_visible()
    expect(reuse.results.first.get_by_role("link", name="repairs-team@camden.example.gov.uk")).to_be_visible()

    reuse.open_project("Housing repairs")
