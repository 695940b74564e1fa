"""The grants file against the official 360Giving schemas (fund/data), offline, with format
checks: a date field is "one of" a date pattern and a date-time format, so without checking
formats a plain date would match both and fail."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.test import Client
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from accounts.tests.factories import UserFactory
from fund import decisions
from fund.tests.factories import (
    ApplicationFactory,
    BidPartnerFactory,
    FundedProjectFactory,
    QuestionFactory,
    member_of,
    submitted_application,
)
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data"


def package_validator() -> Draft202012Validator:
    package_schema = json.loads((DATA / "360-giving-package-schema.json").read_text())
    grant_schema = json.loads((DATA / "360-giving-schema.json").read_text())
    # Both name draft 2020-12 by its old http:// address, which jsonschema does not look up.
    for schema in (package_schema, grant_schema):
        assert schema["$schema"].split("://")[1] == Draft202012Validator.META_SCHEMA["$id"].split("://")[1]
    grant = DRAFT202012.create_resource(grant_schema)
    # The package schema names the grant schema of 1.4.2; the copy here is 1.4.3.
    grant_address = package_schema["properties"]["grants"]["items"]["$ref"]
    registry = Registry().with_resources([(grant_address, grant), (grant_schema["$id"], grant)])
    return Draft202012Validator(package_schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors_in(package) -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}" for error in package_validator().iter_errors(package)]


def test_the_validator_checks_formats_and_the_grant_schema():
    # The check would mean nothing if a broken grant passed.
    assert errors_in({"grants": [{"id": "x"}]})
    bad_date = {
        "id": "360G-LDF-1",
        "title": "T",
        "description": "D",
        "currency": "GBP",
        "amountAwarded": 1,
        "awardDate": "2018-13-45",
        "recipientOrganization": [{"id": "GB-LAE-CMD", "name": "Camden"}],
        "fundingOrganization": [{"id": "GB-GOR-D4", "name": "MHCLG"}],
    }
    assert errors_in({"grants": [bad_date]})
    assert errors_in({"grants": [{**bad_date, "awardDate": "2018-12-03"}], "downloadURL": "not a web address"})
    assert not errors_in({"grants": [{**bad_date, "awardDate": "2018-12-03"}]})


def test_the_published_package_is_valid_360giving_data(client):
    FundedProjectFactory(
        bid__lead_organisation__org_id="GB-LAE-HCK", bid__lead_organisation__name="London Borough of Hackney"
    )
    # A recipient no register lists gets the fund's own identifier for it.
    FundedProjectFactory(bid__lead_organisation__org_id="")

    package = client.get("/fund/grants.json").json()

    assert errors_in(package) == []
    assert len(package["grants"]) == 2


def test_a_grant_made_through_the_service_is_valid_360giving_data(client):
    bid = submitted_application(title="Open bin data", amount_requested=40_000, lead_organisation__org_id="GB-LAE-CMD")
    staff = UserFactory(moderator=True)
    decisions.propose_decision(bid, by=staff, fund=True, award_amount=40_000, conditions="Share findings")
    decisions.approve(bid, by=UserFactory(fund_approver=True))

    package = client.get("/fund/grants.json").json()

    assert errors_in(package) == []
    (grant,) = package["grants"]
    assert grant["recipientOrganization"][0]["id"] == "GB-LAE-CMD"


def test_neither_file_carries_personal_data():
    people = [
        member_of(OrganisationFactory(), full_name="Robin Applicant", email="robin.applicant@leadshire.gov.uk"),
        UserFactory(moderator=True, full_name="Rachel Staffer", email="rachel.staffer@localdigital.example"),
        UserFactory(fund_approver=True, full_name="Priya Approver", email="priya.approver@localdigital.example"),
        UserFactory(assessor=True, full_name="Dana Assessor", email="dana.assessor@localdigital.example"),
    ]
    applicant, staff, approver, _ = people
    bid = submitted_application(
        lead_organisation=applicant.memberships.get().organisation, created_by=applicant, amount_requested=40_000
    )
    BidPartnerFactory(bid=bid, confirmed=True, contact_email="pat.partner@district.example.gov.uk")
    QuestionFactory(round=bid.round, asked_by=applicant, published=True)
    decisions.propose_decision(bid, by=staff, fund=True, award_amount=40_000, feedback="Feedback for Robin's team")
    decisions.approve(bid, by=approver)
    ApplicationFactory()  # an application still in progress publishes nothing

    anonymous = Client()
    files = [anonymous.get("/fund/grants.json").content.decode(), anonymous.get("/fund/grants.csv").content.decode()]

    for text in files:
        assert bid.reference.removeprefix("LDF-") in text
        for person in people:
            for detail in (person.full_name, person.email, person.email.split("@")[0]):
                assert detail.lower() not in text.lower()
        for private in ("pat.partner", "@", "Feedback for", "Share findings", "User researcher"):
            assert private not in text
    rows = list(csv.reader(io.StringIO(files[1].lstrip("\ufeff"))))
    assert len(rows) == 2
