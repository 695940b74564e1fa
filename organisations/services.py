"""Writes to the organisations register.

The register is loaded from reference data kept in `organisations/data/` (see its README):
mySociety's list of UK local authorities, its lookup of alternative names, and the
declaration's co-publishers. `import_organisations` is safe to run again: it compares what is
stored with the files and writes only what differs, so a second run writes nothing.
"""

import csv
import datetime
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.db import transaction
from django.utils.text import slugify

from core import audit
from organisations.models import Nation, Organisation, OrganisationDomain, OrganisationType

DATA_DIR = Path(__file__).resolve().parent / "data"
REGISTER_CSV = DATA_DIR / "uk_local_authorities_current.csv"
NAME_LOOKUP_CSV = DATA_DIR / "uk_local_authorities_name_lookup.csv"
CO_PUBLISHERS_JSON = DATA_DIR / "co_publishers.json"

# mySociety's `local-authority-type` codes.
TYPES = {
    "NMD": OrganisationType.DISTRICT,
    "MD": OrganisationType.METROPOLITAN_DISTRICT,
    "UA": OrganisationType.UNITARY,
    "SCO": OrganisationType.UNITARY,
    "WPA": OrganisationType.UNITARY,
    "LBO": OrganisationType.LONDON_BOROUGH,
    "CTY": OrganisationType.COUNTY,
    "COMB": OrganisationType.COMBINED_AUTHORITY,
    # Northern Ireland has one tier of local government: its councils are district councils.
    "NID": OrganisationType.DISTRICT,
    # The City of London Corporation is the local authority for the City and does what a London
    # borough does; its GSS code is in the London borough series (E09).
    "CC": OrganisationType.LONDON_BOROUGH,
    # The Greater London Authority ("strategic regional authority") is a mayoral authority
    # above the London boroughs, as a combined authority is above its councils; government
    # groups both as strategic authorities.
    "SRA": OrganisationType.COMBINED_AUTHORITY,
}

NATIONS = {
    "England": Nation.ENGLAND,
    "Scotland": Nation.SCOTLAND,
    "Wales": Nation.WALES,
    "Northern Ireland": Nation.NORTHERN_IRELAND,
}

# org-id.guide lists for local authorities. They are the former official registers, so only a
# council the CSV places on one of them (`old-register-and-code`) has an org-id; authorities
# created after the registers closed have none rather than an invented one.
ORG_ID_PREFIXES = {
    Nation.ENGLAND: "GB-LAE",
    Nation.SCOTLAND: "GB-LAS",
    Nation.WALES: "GB-PLA",
    Nation.NORTHERN_IRELAND: "GB-LANI",
}

# The fields the register sets; anything else (website, domains, co-publisher details) is
# left to the co-publisher list and to staff.
REGISTER_FIELDS = [
    "name",
    "organisation_type",
    "nation",
    "region",
    "gss_code",
    "org_id",
    "start_date",
    "end_date",
    "alternative_names",
]
CO_PUBLISHER_FIELDS = ["co_publisher_number", "co_publisher_name", "website"]
OTHER_ORGANISATION_FIELDS = ["name", "organisation_type", "nation", "region", "alternative_names"]

T = TypeVar("T")
Progress = Callable[[Sequence[T], str], Iterable[T]]


class ImportRefused(Exception):
    """The reference data cannot be imported as it stands; the message says why."""


@dataclass
class ImportCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportReport:
    local_authorities: ImportCounts
    co_publishers: ImportCounts


@dataclass
class RegisterRow:
    code: str
    nice_name: str
    values: dict[str, Any]
    successors: list[str]

    @property
    def has_ended(self) -> bool:
        return self.values["end_date"] is not None


@dataclass
class _Plan:
    """What one import will do to one organisation, worked out before anything is written."""

    organisation: Organisation
    is_new: bool
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)


def _quietly(items: Sequence[T], description: str) -> Iterable[T]:
    return items


def import_organisations(
    *,
    register: Path = REGISTER_CSV,
    names: Path | None = NAME_LOOKUP_CSV,
    co_publishers: Path | None = CO_PUBLISHERS_JSON,
    progress: Progress = _quietly,
) -> ImportReport:
    """Create or update every local authority in `register`, then the declaration's
    co-publishers. Nothing is deleted, including domains that staff have added."""
    rows = read_register(register, read_name_lookup(names) if names else {})
    entries = read_co_publishers(co_publishers) if co_publishers else []
    with transaction.atomic():
        authorities = _import_register(rows, progress)
        publishers = _import_co_publishers(entries, progress)
    return ImportReport(local_authorities=authorities, co_publishers=publishers)


# Reading the files ------------------------------------------------------------------------


def read_name_lookup(path: Path) -> dict[str, list[str]]:
    """Alternative names by local-authority-code."""
    names: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            names.setdefault(row["local-authority-code"], []).append(row["la-name"])
    return names


def read_register(path: Path, lookup: dict[str, list[str]]) -> list[RegisterRow]:
    with path.open(encoding="utf-8", newline="") as file:
        return [_register_row(row, lookup.get(row["local-authority-code"], [])) for row in csv.DictReader(file)]


def _register_row(row: dict[str, str], looked_up: list[str]) -> RegisterRow:
    code = row["local-authority-code"].strip()
    try:
        organisation_type = TYPES[row["local-authority-type"]]
        nation = NATIONS[row["nation"]]
    except KeyError as unknown:
        raise ImportRefused(f"{code}: unknown local-authority-type or nation {unknown}") from None
    on_register = bool(row["old-register-and-code"].strip())
    values = {
        "name": row["official-name"].strip(),
        "organisation_type": organisation_type,
        "nation": nation,
        "region": row["region"].strip(),
        "gss_code": row["gss-code"].strip(),
        "org_id": f"{ORG_ID_PREFIXES[nation]}-{code}" if on_register else "",
        "start_date": _date(row["start-date"]),
        "end_date": _date(row["end-date"]),
        # The `alt-names` column is not used: it joins names with commas, and some names
        # contain one ("Armagh City, Banbridge and Craigavon"). The lookup file holds the same
        # names quoted properly.
        "alternative_names": _alternative_names(row["official-name"], [row["nice-name"], *looked_up]),
    }
    successors = [successor.strip() for successor in row["replaced-by"].split(",") if successor.strip()]
    return RegisterRow(code=code, nice_name=row["nice-name"].strip(), values=values, successors=successors)


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text.strip()) if text.strip() else None


def _alternative_names(name: str, candidates: Iterable[str]) -> str:
    """One name a line, without repeats or the official name, whatever their case."""
    seen = {name.strip().casefold()}
    kept = []
    for candidate in (candidate.strip() for candidate in candidates):
        if candidate and candidate.casefold() not in seen:
            seen.add(candidate.casefold())
            kept.append(candidate)
    return "\n".join(sorted(kept, key=str.casefold))


def read_co_publishers(path: Path) -> list[dict[str, Any]]:
    entries = json.loads(path.read_text(encoding="utf-8"))["co_publishers"]
    for entry in entries:
        if ("register_code" in entry) == ("organisation" in entry):
            raise ImportRefused(f"Co-publisher {entry['number']} needs a register_code or an organisation, not both")
        entry["domains"] = [_domain(domain) for domain in entry.get("domains", [])]
    return entries


def _domain(text: str) -> str:
    # The same normalisation as OrganisationDomain.save, which bulk_create does not call.
    return text.strip().lower().removeprefix("www.")


# The local authority register ---------------------------------------------------------------


def _import_register(rows: list[RegisterRow], progress: Progress) -> ImportCounts:
    existing = {org.register_code: org for org in Organisation.objects.filter(register_code__in=[r.code for r in rows])}
    taken_slugs = set(Organisation.objects.values_list("slug", flat=True))
    # Current councils are placed first so that they get the plain slug when an ended council
    # has the same name.
    ordered = sorted(rows, key=lambda row: (row.has_ended, row.code))
    plans = {
        row.code: _plan_register_row(row, existing.get(row.code), taken_slugs) for row in progress(ordered, "Councils")
    }
    Organisation.objects.bulk_create([plan.organisation for plan in plans.values() if plan.is_new])
    _link_successors(rows, plans)
    _save_changes(plans.values(), REGISTER_FIELDS)
    return _record(plans.values())


def _plan_register_row(row: RegisterRow, organisation: Organisation | None, taken_slugs: set[str]) -> _Plan:
    if organisation is None:
        slug = _free_slug(row.nice_name, row.has_ended, taken_slugs)
        organisation = Organisation(register_code=row.code, slug=slug, **row.values)
        return _Plan(organisation, is_new=True, changes=_initial_values(row.values))
    return _Plan(organisation, is_new=False, changes=_apply(organisation, row.values))


def _free_slug(name: str, has_ended: bool, taken: set[str]) -> str:
    base = slugify(name)[:180] or "organisation"
    candidates = [base, f"{base}-former"] if has_ended else [base]
    candidates += [f"{base}-{number}" for number in range(2, 100)]
    slug = next(candidate for candidate in candidates if candidate not in taken)
    taken.add(slug)
    return slug


def _initial_values(values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {name: (None, value) for name, value in values.items() if value not in (None, "")}


def _apply(organisation: Organisation, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set the values that differ and return them as (before, after)."""
    changes = {}
    for name, value in values.items():
        before = getattr(organisation, name)
        if before != value:
            changes[name] = (before, value)
            setattr(organisation, name, value)
    return changes


def _link_successors(rows: list[RegisterRow], plans: dict[str, _Plan]) -> None:
    """Make each council's `replaced_by` exactly the successors the register names."""
    link = Organisation.replaced_by.through
    ids = {plan.organisation.pk: code for code, plan in plans.items()}
    stored: dict[str, set[str]] = {code: set() for code in plans}
    for from_id, to_id in link.objects.filter(from_organisation_id__in=list(ids)).values_list(
        "from_organisation_id", "to_organisation_id"
    ):
        if to_id in ids:
            stored[ids[from_id]].add(ids[to_id])
    added = []
    for row in rows:
        wanted = set(row.successors)
        if unknown := wanted - plans.keys():
            raise ImportRefused(f"{row.code} is replaced by {', '.join(sorted(unknown))}, which the register lacks")
        if wanted == stored[row.code]:
            continue
        plan = plans[row.code]
        plan.changes["replaced_by"] = (sorted(stored[row.code]), sorted(wanted))
        link.objects.filter(
            from_organisation=plan.organisation, to_organisation__register_code__in=stored[row.code] - wanted
        ).delete()
        added += [
            link(from_organisation=plan.organisation, to_organisation=plans[code].organisation)
            for code in wanted - stored[row.code]
        ]
    link.objects.bulk_create(added)


def _save_changes(plans: Iterable[_Plan], fields: list[str]) -> None:
    for plan in plans:
        changed = [name for name in plan.changes if name in fields]
        if not plan.is_new and changed:
            plan.organisation.save(update_fields=[*changed, "updated_at"])


def _record(plans: Iterable[_Plan]) -> ImportCounts:
    """One audit event for each organisation created or changed, none for the rest."""
    counts = ImportCounts()
    for plan in plans:
        if plan.is_new:
            audit.record(plan.organisation, "organisation.imported", changes=plan.changes)
            counts.created += 1
        elif plan.changes:
            audit.record(plan.organisation, "organisation.updated", changes=plan.changes)
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


# The declaration's co-publishers -------------------------------------------------------------


def _import_co_publishers(entries: list[dict[str, Any]], progress: Progress) -> ImportCounts:
    if not entries:
        return ImportCounts()
    codes = [entry["register_code"] for entry in entries if "register_code" in entry]
    councils = {
        org.register_code: org
        for org in Organisation.objects.filter(register_code__in=codes).prefetch_related("domains")
    }
    others = {
        org.co_publisher_number: org
        for org in Organisation.objects.filter(
            co_publisher_number__in=[entry["number"] for entry in entries], register_code=""
        ).prefetch_related("domains")
    }
    taken_slugs = set(Organisation.objects.values_list("slug", flat=True))
    plans = []
    for entry in progress(entries, "Co-publishers"):
        if "register_code" in entry:
            plans.append(_plan_council_co_publisher(entry, councils))
        else:
            plans.append(_plan_other_co_publisher(entry, others.get(entry["number"]), taken_slugs))
    Organisation.objects.bulk_create([plan.organisation for plan in plans if plan.is_new])
    _save_changes(plans, CO_PUBLISHER_FIELDS + OTHER_ORGANISATION_FIELDS)
    _add_domains(entries, plans)
    return _record(plans)


def _co_publisher_values(entry: dict[str, Any], organisation_name: str) -> dict[str, Any]:
    return {
        "co_publisher_number": entry["number"],
        # Kept only where the declaration's name differs from the organisation's own.
        "co_publisher_name": entry["name"] if entry["name"] != organisation_name else "",
        "website": entry["website"],
    }


def _plan_council_co_publisher(entry: dict[str, Any], councils: dict[str, Organisation]) -> _Plan:
    organisation = councils.get(entry["register_code"])
    if organisation is None:
        raise ImportRefused(f"Co-publisher {entry['number']}: no council with code {entry['register_code']}")
    return _Plan(
        organisation, is_new=False, changes=_apply(organisation, _co_publisher_values(entry, organisation.name))
    )


def _plan_other_co_publisher(entry: dict[str, Any], organisation: Organisation | None, taken_slugs: set[str]) -> _Plan:
    record = entry["organisation"]
    values = {
        "name": record["name"],
        "organisation_type": OrganisationType(record["organisation_type"]),
        "nation": Nation(record["nation"]),
        "region": record.get("region", ""),
        "alternative_names": _alternative_names(record["name"], record.get("alternative_names", [])),
        **_co_publisher_values(entry, record["name"]),
    }
    if organisation is None:
        organisation = Organisation(slug=_free_slug(record["slug"], False, taken_slugs), **values)
        return _Plan(organisation, is_new=True, changes=_initial_values(values))
    return _Plan(organisation, is_new=False, changes=_apply(organisation, values))


def _add_domains(entries: list[dict[str, Any]], plans: list[_Plan]) -> None:
    """Add the listed domains an organisation lacks. A domain already held by another
    organisation is left where staff put it, and no domain is ever removed."""
    wanted = [domain for entry in entries for domain in entry["domains"]]
    held = set(OrganisationDomain.objects.filter(domain__in=wanted).values_list("domain", flat=True))
    added = []
    for entry, plan in zip(entries, plans, strict=True):
        new = [domain for domain in entry["domains"] if domain not in held]
        if not new:
            continue
        before = [] if plan.is_new else sorted(domain.domain for domain in plan.organisation.domains.all())
        plan.changes["domains"] = (before, sorted([*before, *new]))
        added += [OrganisationDomain(organisation=plan.organisation, domain=domain) for domain in new]
    OrganisationDomain.objects.bulk_create(added)
