"""A lead signs the declaration for their organisation: who can sign, finding the
organisation, the two people, the declaration projects, then checking and submitting the
answers for review. Every page after the eligibility question needs the lead signed in, and
each signature's pages are the lead's own: another person's reference is not found."""

import logging
from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import posted
from core.permissions import public, signed_in
from core.ratelimits import limit_posts
from core.workflow import TransitionRefused
from declaration import services, workflow
from declaration.forms import (
    ApproverForm,
    ChooseOrganisationForm,
    EligibilityForm,
    FindOrganisationForm,
    LeadForm,
    OrganisationRequestForm,
    ProjectForm,
    SubmitDeclarationForm,
    matching_organisations,
    organisations_like,
)
from declaration.models import Signature
from declaration.workflow import SignatureStatus
from organisations.models import Organisation

logger = logging.getLogger(__name__)

ELIGIBLE_SESSION_KEY = "declaration_sign_eligible"
PEOPLE = ["lead_name", "lead_job_title", "approver_name", "approver_job_title", "approver_email"]


# Helpers ----------------------------------------------------------------------------------


def _signature_for_lead(request, reference: str) -> Signature:
    """The signed-in lead's own signature; anybody else's is not found."""
    signatures = Signature.objects.select_related("organisation")
    return get_object_or_404(signatures, reference=reference, lead=request.user)


def _can_change(signature: Signature, user) -> bool:
    # The answers can be changed exactly while the declaration can be (re)submitted.
    return "submit" in workflow.actions_for(signature.status, user)


def _next_step(signature: Signature):
    """The first question still unanswered, or the check-your-answers page."""
    if not (signature.lead_name and signature.lead_job_title):
        return redirect("declaration:sign_you", reference=signature.reference)
    if not signature.approver_email:
        return redirect("declaration:sign_approver", reference=signature.reference)
    if not signature.projects.exists():
        return redirect("declaration:sign_project_add", reference=signature.reference)
    return redirect("declaration:sign_check", reference=signature.reference)


def _start(request, form, field: str, organisation: Organisation):
    try:
        signature = services.start(organisation, lead=request.user)
    except TransitionRefused as refusal:
        form.add_error(field, refusal.message)
        return None
    return _next_step(signature)


def _save_people(request, signature: Signature, form):
    answers = {name: getattr(signature, name) for name in PEOPLE} | form.cleaned_data
    try:
        services.save_people(signature, by=request.user, **answers)
    except TransitionRefused as refusal:
        form.add_refusal(refusal)
        return None
    return _next_step(signature)


# Before signing in ------------------------------------------------------------------------


@public
@require_safe
def start(request):
    drafts = []
    if request.user.is_authenticated:
        drafts = Signature.objects.filter(lead=request.user, status__in=services.EDITABLE_STATES).select_related(
            "organisation"
        )
    return render(request, "declaration/sign/start.html", {"drafts": drafts})


@public
@require_http_methods(["GET", "POST"])
def eligibility(request):
    initial = {True: "yes", False: "no"}.get(request.session.get(ELIGIBLE_SESSION_KEY))
    form = EligibilityForm(posted(request), initial={"eligible": initial})
    if request.method == "POST" and form.is_valid():
        request.session[ELIGIBLE_SESSION_KEY] = form.cleaned_data["eligible"] == "yes"
        if form.cleaned_data["eligible"] == "no":
            return redirect("declaration:sign_not_eligible")
        # Signed out, the lead is sent through sign-in, which confirms their work email.
        return redirect("declaration:sign_organisation")
    return render(request, "declaration/sign/eligibility.html", {"form": form})


@public
@require_safe
def not_eligible(request):
    return render(request, "declaration/sign/not_eligible.html")


# Finding the organisation -----------------------------------------------------------------


@signed_in
@require_http_methods(["GET", "POST"])
def organisation(request):
    if request.user.is_supplier_account:
        return render(request, "tender/suppliers/public_sector_only.html", status=403)
    if not request.session.get(ELIGIBLE_SESSION_KEY):
        return redirect("declaration:sign_eligibility")
    form = FindOrganisationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if len(form.exact_matches) == 1:
            response = _start(request, form, "name", form.exact_matches[0])
            if response is not None:
                return response
        else:
            query = urlencode({"name": form.cleaned_data["name"]})
            return redirect(f"{reverse('declaration:sign_choose_organisation')}?{query}")
    names = Organisation.objects.current().values_list("name", flat=True)
    return render(request, "declaration/sign/organisation.html", {"form": form, "organisation_names": names})


@signed_in
@require_http_methods(["GET", "POST"])
def choose_organisation(request):
    name = request.GET.get("name", "")
    organisations = matching_organisations(name) or organisations_like(name)
    if not organisations:
        return redirect("declaration:sign_organisation")
    form = ChooseOrganisationForm(posted(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        response = _start(request, form, "organisation", form.cleaned_data["organisation"])
        if response is not None:
            return response
    return render(request, "declaration/sign/choose_organisation.html", {"form": form, "name": name})


@signed_in
@require_http_methods(["GET", "POST"])
def request_organisation(request):
    form = OrganisationRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.request_organisation(by=request.user, **form.cleaned_data)
        return redirect("declaration:sign_organisation_requested")
    return render(request, "declaration/sign/request_organisation.html", {"form": form})


@signed_in
@require_safe
def organisation_requested(request):
    return render(request, "declaration/sign/organisation_requested.html")


# The people -------------------------------------------------------------------------------


@signed_in
@require_http_methods(["GET", "POST"])
def you(request, reference):
    signature = _signature_for_lead(request, reference)
    if not _can_change(signature, request.user):
        return redirect("declaration:sign_submitted", reference=reference)
    form = LeadForm(posted(request), initial={name: getattr(signature, name) for name in PEOPLE})
    if request.method == "POST" and form.is_valid():
        response = _save_people(request, signature, form)
        if response is not None:
            return response
    return render(request, "declaration/sign/you.html", {"form": form, "signature": signature})


@signed_in
@require_http_methods(["GET", "POST"])
def approver(request, reference):
    signature = _signature_for_lead(request, reference)
    if not _can_change(signature, request.user):
        return redirect("declaration:sign_submitted", reference=reference)
    form = ApproverForm(posted(request), initial={name: getattr(signature, name) for name in PEOPLE})
    if request.method == "POST" and form.is_valid():
        response = _save_people(request, signature, form)
        if response is not None:
            return response
    return render(request, "declaration/sign/approver.html", {"form": form, "signature": signature})


# Declaration projects ---------------------------------------------------------------------


@signed_in
@require_http_methods(["GET", "POST"])
def project(request, reference, pk=None):
    signature = _signature_for_lead(request, reference)
    if not _can_change(signature, request.user):
        return redirect("declaration:sign_submitted", reference=reference)
    existing = get_object_or_404(signature.projects, pk=pk) if pk is not None else None
    initial = {}
    if existing is not None:
        initial = {name: getattr(existing, name) for name in ["title", "description", "expected_completion", "link"]}
        initial["principles"] = [row.principle for row in existing.principles.all()]
    form = ProjectForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_project(signature, by=request.user, project=existing, **form.cleaned_data)
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            return redirect("declaration:sign_check", reference=reference)
    context = {"form": form, "signature": signature, "project": existing}
    return render(request, "declaration/sign/project.html", context)


@signed_in
@require_POST
def remove_project(request, reference, pk):
    signature = _signature_for_lead(request, reference)
    if not _can_change(signature, request.user):
        return redirect("declaration:sign_submitted", reference=reference)
    existing = get_object_or_404(signature.projects, pk=pk)
    try:
        services.remove_project(signature, by=request.user, project=existing)
    except TransitionRefused:
        # Submitted meanwhile, in another tab: the check page says where it stands.
        return redirect("declaration:sign_check", reference=reference)
    return _next_step(signature)


# Checking and submitting ------------------------------------------------------------------


@signed_in
@require_http_methods(["GET", "POST"])
@limit_posts("declaration.submit", "user", "DECLARATION_SUBMIT_RATE")
def check(request, reference):
    signature = _signature_for_lead(request, reference)
    if not _can_change(signature, request.user):
        return redirect("declaration:sign_submitted", reference=reference)
    form = SubmitDeclarationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if form.caught_a_robot:
            # Whatever filled the hidden field sees the usual confirmation, and learns nothing.
            logger.warning("Declaration %s not submitted: the honeypot field was filled in", signature.reference)
            return render(request, "declaration/sign/submitted.html", {"signature": signature})
        try:
            services.submit(signature, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            return redirect("declaration:sign_submitted", reference=reference)
    context = {
        "form": form,
        "signature": signature,
        "projects": signature.projects.prefetch_related("principles"),
        "advice": signature.review_note if signature.status == SignatureStatus.CHANGES_REQUESTED else "",
    }
    return render(request, "declaration/sign/check.html", context)


@signed_in
@require_safe
def submitted(request, reference):
    signature = _signature_for_lead(request, reference)
    if _can_change(signature, request.user):
        return redirect("declaration:sign_check", reference=reference)
    return render(request, "declaration/sign/submitted.html", {"signature": signature})
