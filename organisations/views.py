from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.pagination import pagination
from core.permissions import public
from declaration.queries import public_signatures_of
from organisations import queries
from organisations.forms import OrganisationFilterForm


@public
@require_safe
def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None, regions=queries.regions())
    page = queries.search_organisations(**form.filters(), page=request.GET.get("page"))
    context = {"form": form, "page": page, "pagination": pagination(page, request.GET)}
    return render(request, "organisations/organisation_list.html", context)


@public
@require_safe
def organisation_detail(request, slug):
    organisation = queries.get_organisation(slug)
    context = {"organisation": organisation, "signatures": public_signatures_of(organisation)}
    return render(request, "organisations/organisation_detail.html", context)
