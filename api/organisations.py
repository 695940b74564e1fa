"""Organisations: every council and public body the service knows, signed or not."""

from datetime import date

from django.db.models import Exists, Max, OuterRef
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from api.datasets import Dataset
from api.pagination import NumberedPages
from api.schemas import BlankIsNull, OrganisationRef, SearchText, Slug, api_url, responses, web_url
from declaration.models import Signature, SignatureStatus
from organisations.models import Nation, Organisation, OrganisationType
from organisations.queries import matching_organisations

router = Router(tags=["Organisations"])


class OrganisationOut(Schema):
    id: str = Field(description="Stable id on this service")
    name: str
    org_id: BlankIsNull = Field(description="org-id.guide identifier, e.g. GB-LAE-CMD")
    gss_code: BlankIsNull = Field(description="ONS Government Statistical Service code")
    register_code: BlankIsNull = Field(description="Local authority register code (BS 6879)")
    type: OrganisationType
    type_label: str = Field(description="The type in words")
    nation: Nation
    region: BlankIsNull
    website: BlankIsNull
    start_date: date | None
    end_date: date | None = Field(description="The day it ceased to exist; null if it still does")
    replaced_by: list[OrganisationRef] = Field(description="Organisations that took over when it ended")
    signatory: str | None = Field(description="Its signature of the declaration in the API; null if it has none")
    url: str = Field(description="Its page on the website")

    @staticmethod
    def resolve_id(organisation) -> str:
        return organisation.slug

    @staticmethod
    def resolve_type(organisation) -> str:
        return organisation.organisation_type

    @staticmethod
    def resolve_type_label(organisation) -> str:
        return organisation.get_organisation_type_display()

    @staticmethod
    def resolve_replaced_by(organisation) -> list:
        return list(organisation.replaced_by.all())

    @staticmethod
    def resolve_signatory(organisation) -> str | None:
        return api_url("signatory", organisation.slug) if organisation.has_signed else None

    @staticmethod
    def resolve_url(organisation) -> str:
        return web_url(organisation)


class OrganisationFilters(Schema):
    q: SearchText = Field("", description="Part of the name or another name it goes by")
    type: list[OrganisationType] = Field([], description="Types of organisation; repeat for several")
    nation: list[Nation] = Field([], description="Nations; repeat for several")
    region: SearchText = Field("", description="English region, or the nation outside England")
    include_ended: bool = Field(False, description="Include organisations that no longer exist")


def _with_what_lists_show(organisations):
    signed = Signature.objects.filter(organisation=OuterRef("pk"), status=SignatureStatus.SIGNED)
    return organisations.annotate(has_signed=Exists(signed)).prefetch_related("replaced_by")


@router.get("", response=responses(list[OrganisationOut]), url_name="organisations", summary="List organisations")
@paginate(NumberedPages)
def list_organisations(request, filters: Query[OrganisationFilters]):
    """Organisations in name order, with the filters of the organisations page."""
    return _with_what_lists_show(
        matching_organisations(
            q=filters.q,
            types=filters.type,
            nations=filters.nation,
            region=filters.region,
            include_ended=filters.include_ended,
        )
    )


@router.get("/{id}", response=responses(OrganisationOut), url_name="organisation", summary="One organisation")
def get_organisation(request, id: Slug):
    """An organisation by its id on this service or its org-id."""
    organisations = _with_what_lists_show(Organisation.objects.all())
    organisation = organisations.filter(slug=id).first() or organisations.filter(org_id=id).first()
    if organisation is None:
        raise Http404(f"No organisation has the id {id}")
    return organisation


DATASETS = [
    Dataset(
        slug="organisations",
        title="Organisations",
        description="Every council and public body on the service, including those that no longer exist, "
        "with their official identifiers.",
        rows=lambda: _with_what_lists_show(matching_organisations(include_ended=True)),
        schema=OrganisationOut,
        columns={
            "id": lambda organisation: organisation.slug,
            "name": lambda organisation: organisation.name,
            "org_id": lambda organisation: organisation.org_id,
            "gss_code": lambda organisation: organisation.gss_code,
            "register_code": lambda organisation: organisation.register_code,
            "type": lambda organisation: organisation.get_organisation_type_display(),
            "nation": lambda organisation: organisation.get_nation_display(),
            "region": lambda organisation: organisation.region,
            "website": lambda organisation: organisation.website,
            "start_date": lambda organisation: organisation.start_date,
            "end_date": lambda organisation: organisation.end_date,
            "replaced_by": lambda organisation: "; ".join(o.slug for o in organisation.replaced_by.all()),
            "signed_declaration": lambda organisation: organisation.has_signed,
        },
        last_updated=lambda: Organisation.objects.aggregate(latest=Max("updated_at"))["latest"],
    ),
]
