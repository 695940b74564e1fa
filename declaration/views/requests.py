"""Moderators decide on leads' requests to add an organisation the service does not list:
the requests waiting, adding one as a new organisation, and declining one. Every decision
is a call to declaration.services."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.pagination import pagination
from core.permissions import staff_required
from core.workflow import TransitionRefused
from declaration import queries, services
from declaration.request_forms import AddOrganisationForm, DeclineRequestForm

ANSWERS = ["name", "organisation_type", "nation", "website"]


@staff_required("moderator")
@require_safe
def request_list(request):
    page = queries.pending_organisation_requests(request.GET.get("page"))
    context = {"page": page, "pagination": pagination(page, request.GET)}
    return render(request, "declaration/requests/list.html", context)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def add_organisation(request, pk):
    organisation_request = queries.organisation_request_for_moderator(pk)
    initial = {name: getattr(organisation_request, name) for name in ANSWERS}
    form = AddOrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.add_requested_organisation(
                organisation_request, by=request.user, **form.cleaned_data
            )
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, f"You added {organisation}. We have emailed the person who asked for it")
            return redirect("declaration:organisation_requests")
    context = {"form": form, "organisation_request": organisation_request}
    return render(request, "declaration/requests/add_organisation.html", context)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def decline(request, pk):
    organisation_request = queries.organisation_request_for_moderator(pk)
    form = DeclineRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decline_organisation_request(
                organisation_request, by=request.user, reason=form.cleaned_data["reason"]
            )
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, f"You declined the request to add {organisation_request.name}")
            return redirect("declaration:organisation_requests")
    context = {"form": form, "organisation_request": organisation_request}
    return render(request, "declaration/requests/decline.html", context)
