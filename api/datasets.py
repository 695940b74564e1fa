"""The datasets on /data: each one is the API's description of a resource, applied to every
public row, as a JSON file, plus a flat CSV of the same rows. Each resource's module in this
app defines its dataset beside its operations; this module lists them and writes the files."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from ninja import Schema

LICENCE = {
    "name": "Open Government Licence v3.0",
    "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    rows: Callable[[], QuerySet]  # every public row, with what the schema and columns read
    schema: type[Schema]  # the API's shape of one row, for the JSON file
    columns: dict[str, Callable[[Any], Any]]  # CSV heading: the value of a row
    last_updated: Callable[[], datetime | None]

    def as_json(self) -> dict:
        return {
            "title": self.title,
            "licence": LICENCE,
            "generated_at": timezone.localtime().isoformat(),
            "results": [self.schema.from_orm(row).model_dump(mode="json") for row in self.rows()],
        }

    def as_csv_rows(self):
        getters = list(self.columns.values())
        for row in self.rows():
            yield [getter(row) for getter in getters]


def all_datasets() -> list[Dataset]:
    """Every dataset, in the order the /data page lists them."""
    # Imported here: each module defines its datasets with this module's Dataset.
    from api import events, fund, guides, organisations, projects, signatories, tender

    return [
        *organisations.DATASETS,
        *signatories.DATASETS,
        *events.DATASETS,
        *fund.DATASETS,
        *projects.DATASETS,
        *tender.DATASETS,
        *guides.DATASETS,
    ]


def find(slug: str) -> Dataset | None:
    return next((dataset for dataset in all_datasets() if dataset.slug == slug), None)
