"""The fund's awards as open data in the 360Giving Data Standard: a JSON data package and the
same grants as CSV with the standard's column titles. Only approved awards appear, and
nothing about people: organisations, amounts, dates and what the money is for.

Identifiers: each grant is `360G-LDF-` and the bid's reference without its `LDF-` (the
360Giving prefix followed by the internal identifier, joined by a hyphen, as the standard's
identifier guidance asks). Organisations carry their org-id (org-id.guide); one without one
gets the fund's prefix and its internal number, as the guidance says to do when no register
lists an organisation. The funder's org-id and name are settings.
"""

import re
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from fund.models import FundedProject
from fund.workflow import BidStatus
from organisations.models import Organisation

GRANT_ID_PREFIX = "360G-LDF"
STANDARD_VERSION = "1.4"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
CSV_COLUMNS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Applied For",
    "Amount Awarded",
    "Award Date",
    "Planned Dates:Start Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Code",
    "Grant Programme:Title",
    "Grant Programme:URL",
    "From An Open Call?",
    "Last Modified",
]


def grant_identifier(reference: str) -> str:
    internal = re.sub(r"[^A-Za-z0-9_-]", "_", reference.removeprefix("LDF-"))
    return f"{GRANT_ID_PREFIX}-{internal}"


def organisation_identifier(organisation: Organisation) -> str:
    return organisation.org_id or f"{GRANT_ID_PREFIX}-ORG-{organisation.pk}"


def awarded_grants() -> QuerySet[FundedProject]:
    """Every approved award, oldest first, with what each grant's record shows joined."""
    return (
        FundedProject.objects.filter(bid__status=BidStatus.AWARDED)
        .select_related("bid__round", "lead_organisation")
        .order_by("awarded_at", "pk")
    )


def grant(project: FundedProject) -> dict[str, Any]:
    """One grant in the 360Giving schema."""
    round_ = project.bid.round
    return {
        "id": project.grant_identifier,
        "title": project.title,
        "description": project.description,
        "currency": "GBP",
        "amountAppliedFor": project.bid.amount_requested,
        "amountAwarded": project.amount_awarded,
        "awardDate": timezone.localdate(project.awarded_at).isoformat(),
        "plannedDates": [{"startDate": timezone.localdate(round_.kick_off_at).isoformat()}],
        "recipientOrganization": [
            {"id": organisation_identifier(project.lead_organisation), "name": project.lead_organisation.name}
        ],
        "fundingOrganization": [_funder()],
        "grantProgramme": [
            {"code": round_.slug, "title": round_.name, "url": settings.SITE_URL + round_.get_absolute_url()}
        ],
        "fromOpenCall": "Yes",
        "dateModified": _iso(project.awarded_at),
    }


def package(grants: QuerySet[FundedProject]) -> dict[str, Any]:
    """A 360Giving data package: the grants and what the package is, who publishes it and
    under which licence."""
    rows = list(grants)
    modified = max((project.awarded_at for project in rows), default=None)
    result: dict[str, Any] = {
        "version": STANDARD_VERSION,
        "title": "Local Digital Fund grants",
        "description": (
            f"Grants the {settings.FUND_FUNDER_NAME} awarded through the Local Digital Fund to councils' "
            "collaborative digital projects"
        ),
        "identifier": f"{GRANT_ID_PREFIX}-grants",
        "issued": timezone.localdate().isoformat(),
        "publisher": {
            "identifier": settings.FUND_FUNDER_ORG_ID,
            "name": settings.FUND_FUNDER_NAME,
            "website": settings.SITE_URL + "/",
        },
        "license": LICENCE_URL,
        "downloadURL": settings.SITE_URL + reverse("fund:grants_json"),
        "grants": [grant(project) for project in rows],
    }
    if modified is not None:
        result["modified"] = _iso(modified)
    return result


def csv_rows(grants: QuerySet[FundedProject]) -> Iterator[list[str | int | None]]:
    """One row per grant under CSV_COLUMNS, the standard's column titles."""
    for project in grants.iterator(chunk_size=500):
        record = grant(project)
        recipient, funder, programme = (
            record["recipientOrganization"][0],
            record["fundingOrganization"][0],
            record["grantProgramme"][0],
        )
        yield [
            record["id"],
            record["title"],
            record["description"],
            record["currency"],
            record["amountAppliedFor"],
            record["amountAwarded"],
            record["awardDate"],
            record["plannedDates"][0]["startDate"],
            recipient["id"],
            recipient["name"],
            funder["id"],
            funder["name"],
            programme["code"],
            programme["title"],
            programme["url"],
            record["fromOpenCall"],
            record["dateModified"],
        ]


def _funder() -> dict[str, str]:
    return {"id": settings.FUND_FUNDER_ORG_ID, "name": settings.FUND_FUNDER_NAME}


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")
