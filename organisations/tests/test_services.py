import csv
import datetime
import json
from urllib.parse import urlsplit

import pytest

from core.models import AuditEvent
from organisations import services
from organisations.models import Nation, Organisation, OrganisationType
from organisations.tests.factories import OrganisationDomainFactory
from organisations.tests.register import imported_register


@pytest.fixture(scope="module")
def first_import(django_db_setup, django_db_blocker):
    with imported_register(django_db_blocker) as report:
        yield report


@pytest.fixture
def register(first_import, db):
    return first_import


def council(code: str) -> Organisation:
    return Organisation.objects.get(register_code=code)


def write_register(path, change: dict[str, dict[str, str]]):
    """A copy of the real register with some values changed: {code: {column: value}}."""
    with services.REGISTER_CSV.open(encoding="utf-8", newline="") as source:
        reader = csv.DictReader(source)
        rows = [{**row, **change.get(row["local-authority-code"], {})} for row in reader]
        columns = reader.fieldnames
    with path.open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_it_imports_every_local_authority(register):
    councils = Organisation.objects.exclude(register_code="")

    assert councils.count() == 470
    assert councils.current().count() == 397
    assert councils.filter(end_date__isnull=False).count() == 73
    assert register.local_authorities.created == 470


def test_it_counts_current_councils_by_nation(register):
    current = Organisation.objects.exclude(register_code="").current()

    assert current.filter(nation=Nation.ENGLAND).count() == 332
    assert current.filter(nation=Nation.SCOTLAND).count() == 32
    assert current.filter(nation=Nation.WALES).count() == 22
    assert current.filter(nation=Nation.NORTHERN_IRELAND).count() == 11


def test_it_imports_all_45_co_publishers_in_the_declarations_order(register):
    co_publishers = Organisation.objects.filter(co_publisher_number__isnull=False).order_by("co_publisher_number")

    assert [org.co_publisher_number for org in co_publishers] == list(range(1, 46))
    assert co_publishers.get(co_publisher_number=1).name == "Adur & Worthing Councils"
    assert co_publishers.get(co_publisher_number=6) == council("CMD")
    assert co_publishers.get(co_publisher_number=11).name == "Digital Dorset"
    assert co_publishers.get(co_publisher_number=25).name == "Local CIO Council"
    assert co_publishers.get(co_publisher_number=45) == council("WOK")
    assert register.co_publishers.created == 18
    assert register.co_publishers.updated == 27


def test_it_records_number_31_as_today_s_ministry(register):
    ministry = Organisation.objects.get(co_publisher_number=31)

    assert ministry.name == "Ministry of Housing, Communities and Local Government"
    assert ministry.co_publisher_name == "DLUHC"
    assert ministry.organisation_type == OrganisationType.CENTRAL_GOVERNMENT
    assert not ministry.domains.exists()


def test_it_keeps_the_declarations_name_only_where_it_differs(register):
    assert council("HRW").co_publisher_name == "Harrow Council"
    assert council("DNC").co_publisher_name == "Doncaster Borough Council"
    assert council("CMD").co_publisher_name == ""


def test_it_keeps_sedgemoor_as_an_ended_co_publisher(register):
    sedgemoor = council("SEG")

    assert sedgemoor.co_publisher_number == 36
    assert sedgemoor.has_ended
    assert list(sedgemoor.replaced_by.values_list("register_code", flat=True)) == ["SMT"]


def test_it_records_ended_councils_with_their_successors(register):
    north_yorkshire = council("NYK")
    cumbria = council("CMA")

    assert north_yorkshire.end_date == datetime.date(2023, 4, 1)
    assert list(north_yorkshire.replaced_by.all()) == [council("NYE")]
    assert set(cumbria.replaced_by.values_list("register_code", flat=True)) == {"CBD", "WAF"}
    assert not Organisation.objects.current().filter(register_code__in=["NYK", "CMA"]).exists()
    assert Organisation.objects.current().filter(register_code="NYE").exists()


@pytest.mark.parametrize(
    "code, org_id",
    [
        ("CMD", "GB-LAE-CMD"),
        ("ABE", "GB-LAS-ABE"),
        ("CRF", "GB-PLA-CRF"),
        ("ABC", "GB-LANI-ABC"),
        ("NIR-A", "GB-LANI-NIR-A"),
        # Created after the registers that org-id.guide lists had closed: no org-id is invented.
        ("NYE", ""),
        ("EMCA", ""),
    ],
)
def test_it_gives_org_ids_by_nation(register, code, org_id):
    assert council(code).org_id == org_id


def test_it_gives_other_co_publishers_no_org_id(register):
    others = Organisation.objects.filter(co_publisher_number__isnull=False, register_code="")

    assert others.count() == 18
    assert set(others.values_list("org_id", flat=True)) == {""}


@pytest.mark.parametrize(
    "code, organisation_type",
    [
        ("ADU", OrganisationType.DISTRICT),
        ("BNS", OrganisationType.METROPOLITAN_DISTRICT),
        ("CMD", OrganisationType.LONDON_BOROUGH),
        ("LND", OrganisationType.LONDON_BOROUGH),
        ("GLA", OrganisationType.COMBINED_AUTHORITY),
        ("GMCA", OrganisationType.COMBINED_AUTHORITY),
        ("ESS", OrganisationType.COUNTY),
        ("ABE", OrganisationType.UNITARY),
        ("CRF", OrganisationType.UNITARY),
        ("BUC", OrganisationType.UNITARY),
        ("ABC", OrganisationType.DISTRICT),
    ],
)
def test_it_maps_local_authority_types(register, code, organisation_type):
    assert council(code).organisation_type == organisation_type


def test_it_gives_an_ended_council_sharing_a_name_a_former_slug(register):
    assert council("NYE").slug == "north-yorkshire"
    assert council("NYK").slug == "north-yorkshire-former"
    assert council("SMT").slug == "somerset"
    assert council("SOM").slug == "somerset-former"
    assert council("CMD").slug == "camden"


def test_it_stores_alternative_names_whole(register):
    names = council("ABC").alternative_names.splitlines()

    assert "Armagh City, Banbridge and Craigavon" in names
    assert "Armagh City" not in names
    assert "camden london boro" in council("CMD").alternative_names.splitlines()


def test_it_records_an_audit_event_for_each_organisation_it_creates_or_changes(register):
    assert AuditEvent.objects.filter(action="organisation.imported").count() == 470 + 18
    assert AuditEvent.objects.filter(action="organisation.updated").count() == 27
    event = AuditEvent.objects.get(action="organisation.updated", object_id=str(council("CMD").pk))
    assert event.changes["co_publisher_number"] == [None, 6]
    assert event.changes["domains"] == [[], ["camden.gov.uk"]]


def test_a_second_import_changes_nothing(register):
    organisations = Organisation.objects.count()
    events = AuditEvent.objects.count()

    report = services.import_organisations()

    assert (report.local_authorities.created, report.local_authorities.updated) == (0, 0)
    assert (report.co_publishers.created, report.co_publishers.updated) == (0, 0)
    assert report.local_authorities.unchanged == 470
    assert report.co_publishers.unchanged == 45
    assert Organisation.objects.count() == organisations
    assert AuditEvent.objects.count() == events


def test_a_second_import_reads_the_database_a_bounded_number_of_times(register, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        services.import_organisations()


def test_it_updates_a_changed_value(register, tmp_path):
    change = {"CMD": {"official-name": "Camden Council", "region": "Elsewhere"}}
    changed = write_register(tmp_path / "register.csv", change)

    report = services.import_organisations(register=changed)

    camden = council("CMD")
    assert (camden.name, camden.region) == ("Camden Council", "Elsewhere")
    assert (report.local_authorities.updated, report.local_authorities.unchanged) == (1, 469)
    event = AuditEvent.objects.get(action="organisation.updated", object_id=str(camden.pk), changes__has_key="name")
    assert event.changes["name"] == ["London Borough of Camden", "Camden Council"]
    assert event.changes["region"] == ["London", "Elsewhere"]
    # The declaration's name for it now differs from its own, so that is kept too.
    assert camden.co_publisher_name == "London Borough of Camden"


def test_it_follows_a_change_of_successors(register, tmp_path):
    changed = write_register(tmp_path / "register.csv", {"CMA": {"replaced-by": "CBD"}})

    services.import_organisations(register=changed)

    assert list(council("CMA").replaced_by.values_list("register_code", flat=True)) == ["CBD"]


def test_it_keeps_a_slug_when_the_name_changes(register, tmp_path):
    changed = write_register(tmp_path / "register.csv", {"CMD": {"nice-name": "Camden Town"}})

    services.import_organisations(register=changed)

    assert council("CMD").slug == "camden"


def test_it_keeps_domains_that_staff_added(register):
    camden = council("CMD")
    OrganisationDomainFactory(organisation=camden, domain="camden.example.org")

    services.import_organisations()

    assert set(camden.domains.values_list("domain", flat=True)) == {"camden.gov.uk", "camden.example.org"}


def test_it_leaves_a_listed_domain_that_staff_moved_to_another_organisation(register):
    camden = council("CMD")
    hackney = council("HCK")
    camden.domains.filter(domain="camden.gov.uk").update(organisation=hackney)

    services.import_organisations()

    assert not camden.domains.exists()
    assert hackney.domains.filter(domain="camden.gov.uk").exists()


def test_it_puts_back_a_listed_domain_that_was_removed(register):
    camden = council("CMD")
    camden.domains.all().delete()

    report = services.import_organisations()

    assert list(camden.domains.values_list("domain", flat=True)) == ["camden.gov.uk"]
    assert report.co_publishers.updated == 1


def test_it_records_no_co_publisher_domain_on_a_gov_uk_page_or_blog(register):
    co_publishers = Organisation.objects.filter(co_publisher_number__isnull=False).prefetch_related("domains")

    for organisation in co_publishers:
        domains = [domain.domain for domain in organisation.domains.all()]
        host = urlsplit(organisation.website).hostname or ""
        if host in ("", "www.gov.uk") or host.endswith(".blog.gov.uk"):
            assert domains == [], organisation
        else:
            assert domains == [host.removeprefix("www.")], organisation
        assert "gov.uk" not in domains


def test_the_co_publisher_list_matches_the_declaration(register):
    entries = json.loads(services.CO_PUBLISHERS_JSON.read_text(encoding="utf-8"))["co_publishers"]

    assert [entry["number"] for entry in entries] == list(range(1, 46))
    assert [entry["number"] for entry in entries if not entry["website"]] == [11, 25]
    for entry in entries:
        for domain in entry["domains"]:
            assert domain == urlsplit(entry["website"]).hostname.removeprefix("www."), entry["name"]


def test_it_refuses_an_unknown_local_authority_type(register, tmp_path):
    changed = write_register(tmp_path / "register.csv", {"CMD": {"local-authority-type": "XYZ"}})

    with pytest.raises(services.ImportRefused, match="CMD"):
        services.import_organisations(register=changed)


def test_it_refuses_a_successor_missing_from_the_register(register, tmp_path):
    changed = write_register(tmp_path / "register.csv", {"NYK": {"replaced-by": "ZZZ"}})

    with pytest.raises(services.ImportRefused, match="ZZZ"):
        services.import_organisations(register=changed)

    assert list(council("NYK").replaced_by.all()) == [council("NYE")]
