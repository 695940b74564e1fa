"""Types every part of the API shares: how times, search text and ids look, an organisation as
other resources refer to it, and the shape of an error."""

import re
import unicodedata
from datetime import date, datetime
from typing import Annotated

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, PlainSerializer, StringConstraints
from pydantic_core import PydanticCustomError

from core.markdown import render_markdown
from organisations.models import Organisation


def _in_london(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat()


# ISO 8601 with the offset in force in the UK at that moment, e.g. 2026-10-25T10:00:00+00:00.
LondonDateTime = Annotated[datetime, PlainSerializer(_in_london, return_type=str)]


def _printable(text: str) -> str:
    # A NUL or other control character matches nothing and PostgreSQL refuses NUL outright.
    if any(unicodedata.category(character) == "Cc" for character in text):
        raise ValueError("Use letters, numbers, spaces and punctuation only")
    return text


# Blank text reads as null, so that "none" looks the same everywhere in the API.
BlankIsNull = Annotated[str | None, BeforeValidator(lambda value: value or None)]
SearchText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=100),
    AfterValidator(_printable),
    # Documents what _printable refuses (Unicode category Cc), so clients know before they ask.
    Field(json_schema_extra={"pattern": r"^[^\x00-\x1f\x7f-\x9f]*$"}),
]
Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=200)]


def _written_as_iso_date(value):
    # Pydantic would also read a number as seconds since 1970; the document promises YYYY-MM-DD.
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise PydanticCustomError("date_format", "Write the day as YYYY-MM-DD, e.g. 2026-03-01")
    return value


# A day in a filter, written as the document says: YYYY-MM-DD.
Day = Annotated[date, BeforeValidator(_written_as_iso_date)]
# Large enough for any row, small enough for every database's integer column.
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]


def markdown_as_html(text: str) -> str:
    """Markdown people wrote, as the sanitised HTML the web pages show."""
    return str(render_markdown(text))


class ParameterProblem(Schema):
    parameter: str = Field(description="The query or path parameter, e.g. page")
    message: str


class Problem(Schema):
    message: str = Field(description="What went wrong, in words")
    errors: list[ParameterProblem] = Field(default=[], description="One entry a parameter in error")


def responses(ok) -> dict:
    """The documented answers of an operation: what it returns and its errors (404 for an
    unknown id or a page past the end, 422 for a bad parameter, 429 over the rate limit)."""
    return {200: ok, 404: Problem, 422: Problem, 429: Problem}


class OrganisationRef(Schema):
    """An organisation where another resource refers to it."""

    id: str = Field(description="Stable id on this service, used in /organisations/{id}")
    name: str
    org_id: BlankIsNull = Field(description="org-id.guide identifier, e.g. GB-LAE-CMD; null where none exists")
    url: str = Field(description="This organisation in the API")

    @staticmethod
    def resolve_id(organisation: Organisation) -> str:
        return organisation.slug

    @staticmethod
    def resolve_url(organisation: Organisation) -> str:
        return api_url("organisation", organisation.slug)


class TopicRef(Schema):
    """A topic, shared by events, projects and needs."""

    slug: str = Field(description="Used in the topic filters")
    name: str


class ProjectRef(Schema):
    """A funded project where another resource refers to it."""

    id: str = Field(description="Stable id of the project, used in /projects/{id}")
    title: str
    url: str = Field(description="This project in the API")

    @staticmethod
    def resolve_id(project) -> str:
        return project.slug

    @staticmethod
    def resolve_url(project) -> str:
        return api_url("project", project.slug)


def api_url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(f"api:{name}", args=args)


def web_url(instance) -> str:
    return settings.SITE_URL + instance.get_absolute_url()
