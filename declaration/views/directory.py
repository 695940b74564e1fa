"""The public directory: who has signed the declaration, as a page, a CSV file and an Atom
feed, and their declaration projects. Nothing here shows a person's name or email address."""

from typing import Any

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.forms import GovukForm
from core.pagination import pagination
from core.permissions import public
from core.spreadsheet import csv_response
from declaration import charts, queries
from declaration.feeds import SignatoriesFeed
from declaration.models import Principle
from declaration.progress_forms import ProjectStatusFilterField
from organisations.models import Nation, OrganisationType
from organisations.queries import regions

FIRST_YEAR = 2018
SORTS = {"newest": "Date signed (newest first)", "oldest": "Date signed (oldest first)", "name": "Name"}
CSV_HEADINGS = [
    "Organisation",
    "org-id",
    "Type",
    "Nation",
    "Region",
    "Date signed",
    "Co-publisher",
    "Approver job title",
    "Declaration projects",
]


class SignatoryFilterForm(GovukForm):
    """The search and filters on the list of signatories, sent with GET so that a filtered
    list has an address people can share."""

    q = forms.CharField(label="Search by name", required=False, max_length=100)
    type = forms.MultipleChoiceField(
        label="Type of organisation",
        choices=OrganisationType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select types of organisation from the list"},
    )
    nation = forms.MultipleChoiceField(
        choices=Nation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select nations from the list"},
    )
    region = forms.ChoiceField(required=False, error_messages={"invalid_choice": "Select a region from the list"})
    principle = forms.TypedChoiceField(
        label="Principle of their projects",
        choices=[("", "All principles"), *Principle.choices],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Select a principle from the list"},
    )
    year = forms.TypedChoiceField(
        label="Year signed",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Select a year from the list"},
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, regions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("q", "region", "principle", "year"):
            self.fields[name].label_size = "s"
        self.fields["q"].error_messages["max_length"] = "Search for a name of 100 characters or fewer"
        self.fields["region"].choices = [("", "All regions"), *((region, region) for region in regions)]
        years = range(timezone.localdate().year, FIRST_YEAR - 1, -1)
        self.fields["year"].choices = [("", "Any year"), *((year, year) for year in years)]

    def filters(self) -> dict[str, Any]:
        """The filters with a valid value: a field in error is left out, so the page still
        lists signatories while it shows the error. An unknown sort gives the default."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        names = {"q": "q", "type": "types", "nation": "nations", "region": "region", "principle": "principle"}
        found = {names[name]: value for name, value in data.items() if name in names}
        found["year"] = data.get("year")
        found["sort"] = data["sort"] if data.get("sort") in SORTS else "newest"
        return found


class ProjectFilterForm(GovukForm):
    principle = forms.TypedChoiceField(
        label="Principle",
        choices=[("", "All principles"), *Principle.choices],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Select a principle from the list"},
    )
    status = ProjectStatusFilterField()

    def filters(self) -> dict[str, Any]:
        if not self.is_bound or not self.is_valid():
            return {}
        return {"principle": self.cleaned_data["principle"], "status": self.cleaned_data["status"]}


@public
@require_safe
def signatory_list(request):
    form = SignatoryFilterForm(request.GET or None, regions=regions())
    filters = form.filters()
    signatures = queries.signatories(**filters)
    page = queries.signatory_page(signatures, request.GET.get("page"))
    quarters = charts.cumulative_by_quarter(queries.signatures_by_quarter(), until=timezone.localdate())
    context = {
        "form": form,
        "page": page,
        "pagination": pagination(page, request.GET),
        "sort": filters.get("sort", "newest"),
        "sort_links": _sort_links(request.GET),
        "by_type": _labelled(queries.count_by(signatures, "organisation_type"), OrganisationType),
        "by_region": queries.count_by(signatures, "region"),
        "quarters": quarters,
        "chart": charts.signatories_svg(quarters),
        "csv_query": request.GET.urlencode(),
    }
    return render(request, "declaration/directory/signatory_list.html", context)


@public
@require_safe
def signatories_csv(request):
    form = SignatoryFilterForm(request.GET or None, regions=regions())
    signatures = queries.signatories(**form.filters())
    rows = (
        [
            signature.organisation.name,
            signature.organisation.org_id,
            signature.organisation.get_organisation_type_display(),
            signature.organisation.get_nation_display(),
            signature.organisation.region,
            timezone.localtime(signature.signed_at).date(),
            signature.is_founding,
            signature.approver_job_title,
            "; ".join(project.title for project in signature.projects.all()),
        ]
        for signature in signatures.iterator(chunk_size=500)
    )
    return csv_response("signatories.csv", CSV_HEADINGS, rows)


@public
@require_safe
def signatories_atom(request):
    return SignatoriesFeed()(request)


@public
@require_safe
def project_list(request):
    form = ProjectFilterForm(request.GET or None)
    page = queries.project_page(queries.public_projects(**form.filters()), request.GET.get("page"))
    context = {"form": form, "page": page, "pagination": pagination(page, request.GET)}
    return render(request, "declaration/directory/project_list.html", context)


def _sort_links(params) -> list[dict[str, str]]:
    """A link for each order, keeping the search and filters but going back to page 1."""
    links = []
    for value, label in SORTS.items():
        query = params.copy()
        query.pop("page", None)
        query["sort"] = value
        links.append({"value": value, "label": label, "href": f"?{query.urlencode()}"})
    return links


def _labelled(counts: list[tuple[str, int]], choices) -> list[tuple[str, int]]:
    return [(choices(value).label, count) for value, count in counts]
