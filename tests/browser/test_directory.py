import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from declaration.models import Principle
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from organisations.models import OrganisationType
from organisations.tests.factories import OrganisationFactory
from tests.browser.pages import DeclarationProjectsPage, SignatoriesPage

LONDON = ZoneInfo("Europe/London")


def signatory(name: str, when: datetime.datetime, **organisation):
    return SignatureFactory(
        signed=True,
        signed_at=when,
        approver_job_title="Chief Executive",
        organisation=OrganisationFactory(name=name, **organisation),
    )


def test_a_visitor_finds_signatories_and_their_projects(page):
    leeds = signatory(
        "Leeds City Council",
        datetime.datetime(2018, 7, 4, 12, tzinfo=LONDON),
        organisation_type=OrganisationType.METROPOLITAN_DISTRICT,
        co_publisher=True,
    )
    leeds.is_founding = True
    leeds.save(update_fields=["is_founding"])
    DeclarationProjectFactory(signature=leeds, title="Open waste data", principles=[Principle.OPEN_CULTURE])
    essex = signatory(
        "Essex County Council",
        datetime.datetime(2022, 2, 1, 12, tzinfo=LONDON),
        organisation_type=OrganisationType.COUNTY,
    )
    DeclarationProjectFactory(signature=essex, title="Common planning forms", principles=[Principle.FIX_THE_PLUMBING])
    signatory("Leeds Beckett Partnership", datetime.datetime(2024, 2, 1, 12, tzinfo=LONDON))

    signatories = SignatoriesPage(page).open()
    expect(signatories.count).to_have_text("3 signatories")
    assert signatories.signatory_names() == [
        "Leeds Beckett Partnership",
        "Essex County Council",
        "Leeds City Council",
    ]

    signatories.search("leeds", types=["Metropolitan district"], principle=Principle.OPEN_CULTURE.label)
    expect(signatories.count).to_have_text("1 signatory")
    assert signatories.signatory_names() == ["Leeds City Council"]
    expect(page.get_by_text("Co-publisher", exact=True)).to_be_visible()

    signatories.search("leeds")
    assert signatories.signatory_names() == ["Leeds Beckett Partnership", "Leeds City Council"]
    # The sort links keep the search.
    signatories.sort_by("Date signed (oldest first)")
    assert signatories.signatory_names() == ["Leeds City Council", "Leeds Beckett Partnership"]

    table = signatories.open_chart_table()
    expect(table.get_by_role("row", name="July to September 2018 1 1")).to_be_visible()

    organisation = signatories.open_organisation(leeds.organisation)
    expect(page.get_by_text("Founding signatory (co-publisher)")).to_be_visible()
    expect(page.get_by_role("heading", name="Open waste data")).to_be_visible()

    projects = DeclarationProjectsPage(organisation.page).open()
    projects.filter_by(Principle.FIX_THE_PLUMBING.label)
    expect(page.get_by_role("heading", name="Common planning forms")).to_be_visible()
    expect(page.get_by_role("heading", name="Open waste data")).to_have_count(0)
