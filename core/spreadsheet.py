"""CSV files people open in spreadsheet software: UTF-8 with a byte order mark (so Excel reads
the accents), ISO 8601 dates and times, and no cell a spreadsheet would run as a formula."""

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value) -> str | int | float:
    """A value as a cell: times in the UK's time with their offset, yes/no for true/false, and
    text that would start a formula prefixed with an apostrophe (shown, never run)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, headings: Sequence[str], rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV download of `rows` under `headings`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(headings)
    writer.writerows([spreadsheet_cell(value) for value in row] for row in rows)
    return response
