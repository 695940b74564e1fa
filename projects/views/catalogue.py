"""The public catalogue of funded projects: the filtered list, the reuse search over projects,
updates, outputs and community guides, the Atom feeds of updates and the charts of awards. Nothing here shows a
person's name: a project's contact is its team's shared address."""

from typing import Any

from django import forms
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.forms import GovukForm
from core.pagination import pagination
from core.permissions import public
from projects import catalogue, charts, search
from projects.feeds import ProjectUpdatesFeed, UpdatesFeed
from projects.models import Licence, OutputType, PhaseName
from projects.workflow import ProjectStatus

QUERY_MAX_LENGTH = 200


class ProjectFilterForm(GovukForm):
    """The filters on the list of projects, sent with GET so that a filtered list has an
    address people can share. Choices offer only what some project has."""

    phase = forms.MultipleChoiceField(
        label="Current phase",
        choices=PhaseName.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select phases from the list"},
    )
    status = forms.MultipleChoiceField(
        choices=ProjectStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select statuses from the list"},
    )
    topic = forms.ChoiceField(required=False, error_messages={"invalid_choice": "Select a topic from the list"})
    organisation = forms.ChoiceField(
        required=False,
        help_text="Leading the project or a partner in it",
        error_messages={"invalid_choice": "Select an organisation from the list"},
    )
    region = forms.ChoiceField(
        required=False,
        help_text="Of the lead organisation or a partner",
        error_messages={"invalid_choice": "Select a region from the list"},
    )
    round = forms.ChoiceField(
        label="Funding round", required=False, error_messages={"invalid_choice": "Select a round from the list"}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "All topics"), *((t.slug, t.name) for t in catalogue.topics())]
        self.fields["organisation"].choices = [
            ("", "All organisations"),
            *((o.slug, o.name) for o in catalogue.organisations()),
        ]
        self.fields["region"].choices = [("", "All regions"), *((r, r) for r in catalogue.regions())]
        self.fields["round"].choices = [("", "All rounds"), *((r.slug, r.name) for r in catalogue.rounds())]
        for name in ("topic", "organisation", "region", "round"):
            self.fields[name].label_size = "s"

    def filters(self) -> dict[str, Any]:
        """The filters with a valid value: a field in error is left out, so the page still
        lists projects while it shows the error."""
        if not self.is_bound:
            return {}
        self.is_valid()
        names = {
            "phase": "phases",
            "status": "statuses",
            "topic": "topic",
            "organisation": "organisation",
            "region": "region",
            "round": "round_slug",
        }
        return {names[name]: value for name, value in self.cleaned_data.items()}


class ReuseSearchForm(GovukForm):
    q = forms.CharField(
        label="Search projects, updates, outputs and guides",
        required=False,
        max_length=QUERY_MAX_LENGTH,
        help_text='For example, housing repairs. Put a phrase in "quotation marks", or a minus '
        "sign before a word to leave it out.",
        error_messages={"max_length": f"Search for {QUERY_MAX_LENGTH} characters or fewer"},
    )
    type = forms.ChoiceField(
        label="Type of output",
        choices=[("", "Any type"), *OutputType.choices],
        required=False,
        error_messages={"invalid_choice": "Select a type of output from the list"},
    )
    licence = forms.ChoiceField(
        choices=[("", "Any licence"), *Licence.choices],
        required=False,
        error_messages={"invalid_choice": "Select a licence from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].label_size = "m"
        self.fields["q"].widget.attrs["type"] = "search"
        self.fields["q"].error_messages["null_characters_not_allowed"] = "Search for words without null characters"
        for name in ("type", "licence"):
            self.fields[name].label_size = "s"

    def search_terms(self) -> dict[str, str] | None:
        """What to search for, or None while there is nothing to search for or an error."""
        if not self.is_bound or not self.is_valid():
            return None
        data = self.cleaned_data
        if not (data["q"] or data["type"] or data["licence"]):
            return None
        return {"q": data["q"], "output_type": data["type"], "licence": data["licence"]}


@public
@require_safe
def project_list(request):
    form = ProjectFilterForm(request.GET or None)
    page = catalogue.project_page(catalogue.funded_projects(**form.filters()), request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "pagination": pagination(page, request.GET),
    }
    return render(request, "projects/catalogue/project_list.html", context)


@public
@require_safe
def reuse(request):
    form = ReuseSearchForm(request.GET or None)
    terms = form.search_terms()
    page = search.search(**terms, page=request.GET.get("page")) if terms is not None else None
    context = {
        "form": form,
        "searched": terms is not None,
        "page": page,
        "pagination": pagination(page, request.GET) if page is not None else None,
    }
    return render(request, "projects/catalogue/reuse.html", context)


@public
@require_safe
def award_charts(request):
    sections = [
        ("phase", "Awards by phase", "phase", catalogue.awards_by_phase()),
        ("round", "Awards by round", "round", catalogue.awards_by_round()),
        ("region", "Awards by region", "the lead organisation’s region", catalogue.awards_by_region()),
    ]
    context = {
        "charts": [
            {
                "id": f"awards-by-{name}",
                "title": title,
                "heading": name.capitalize(),
                "totals": totals,
                "svg": charts.awards_svg(totals, chart_id=f"awards-by-{name}-chart", title=title, subject=subject),
            }
            for name, title, subject, totals in sections
        ],
    }
    return render(request, "projects/catalogue/charts.html", context)


@public
@require_safe
def updates_atom(request):
    return UpdatesFeed()(request)


@public
@require_safe
def project_updates_atom(request, slug):
    return ProjectUpdatesFeed()(request, slug=slug)
