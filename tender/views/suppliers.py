"""Suppliers on the Tender: the public directory and supplier pages; registering a supplier
(its answers, checking them, the confirmation); its people changing it and adding case
studies; councils confirming or declining the case studies that name them; moderators
suspending a supplier and listing it again. Another supplier's or council's pages are not
found."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.datastructures import MultiValueDict
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import DecisionForm, posted
from core.pagination import pagination
from core.permissions import public, signed_in, staff_required
from core.workflow import TransitionRefused, actions_for
from tender import suppliers
from tender.forms.suppliers import CaseStudyForm, DirectoryFilterForm, SupplierForm, SuspendForm
from tender.workflow import CASE_STUDY_TRANSITIONS, SUPPLIER_TRANSITIONS, CaseStudyStatus, SupplierStatus

# The answers kept between the registration form and checking them.
REGISTRATION_SESSION_KEY = "tender_supplier_registration"


# The directory ----------------------------------------------------------------------------


@public
@require_safe
def supplier_list(request):
    form = DirectoryFilterForm(request.GET or None)
    page = suppliers.directory_page(form.filters(), request.GET.get("page"))
    context = {"form": form, "page": page, "pagination": pagination(page, request.GET)}
    return render(request, "tender/suppliers/list.html", context)


@public
@require_safe
def supplier_detail(request, slug):
    supplier = suppliers.public_supplier(slug)
    context = {"supplier": supplier, "is_member": suppliers.is_member(request.user, supplier)}
    return render(request, "tender/suppliers/detail.html", context)


# Registering ------------------------------------------------------------------------------


@signed_in
@require_http_methods(["GET", "POST"])
def register(request):
    refusal = suppliers.registration_refusal(request.user)
    if refusal:
        return render(request, "tender/suppliers/cannot_register.html", {"refusal": refusal}, status=403)
    stored = request.session.get(REGISTRATION_SESSION_KEY)
    # Coming back to change an answer shows every answer given so far.
    form = SupplierForm(request.POST if request.method == "POST" else (MultiValueDict(stored) if stored else None))
    if request.method == "POST" and form.is_valid():
        request.session[REGISTRATION_SESSION_KEY] = {name: request.POST.getlist(name) for name in form.fields}
        return redirect("tender:register_supplier_check")
    return render(request, "tender/suppliers/register.html", {"form": form})


@signed_in
@require_http_methods(["GET", "POST"])
def register_check(request):
    refusal = suppliers.registration_refusal(request.user)
    if refusal:
        return render(request, "tender/suppliers/cannot_register.html", {"refusal": refusal}, status=403)
    stored = request.session.get(REGISTRATION_SESSION_KEY)
    if not stored:
        return redirect("tender:register_supplier")
    answers = SupplierForm(MultiValueDict(stored))
    if not answers.is_valid():
        # Something changed since they were given (the number was registered meanwhile, say).
        return render(request, "tender/suppliers/register.html", {"form": answers})
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            supplier = suppliers.register(by=request.user, details=answers.details())
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            del request.session[REGISTRATION_SESSION_KEY]
            return redirect("tender:supplier_registered", slug=supplier.slug)
    return render(request, "tender/suppliers/check.html", {"form": form, "answers": answers.answers()})


@signed_in
@require_safe
def registered(request, slug):
    supplier = suppliers.supplier_for_member(request.user, slug)
    return render(request, "tender/suppliers/registered.html", {"supplier": supplier})


# A supplier's people ------------------------------------------------------------------------


@signed_in
@require_safe
def your_suppliers(request):
    context = {
        "suppliers": suppliers.suppliers_of(request.user),
        "can_register": not suppliers.registration_refusal(request.user),
    }
    return render(request, "tender/suppliers/yours.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def edit_supplier(request, slug):
    supplier = suppliers.supplier_for_member(request.user, slug)
    form = SupplierForm(posted(request), supplier=supplier)
    if request.method == "POST" and form.is_valid():
        try:
            suppliers.change(supplier, by=request.user, details=form.details())
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "Your changes are saved")
            return redirect("tender:your_suppliers")
    return render(request, "tender/suppliers/edit.html", {"form": form, "supplier": supplier})


@signed_in
@require_safe
def supplier_case_studies(request, slug):
    supplier = suppliers.supplier_for_member(request.user, slug)
    page = suppliers.case_studies_page(supplier, request.GET.get("page"))
    context = {"supplier": supplier, "page": page, "pagination": pagination(page, request.GET)}
    return render(request, "tender/suppliers/case_studies.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def add_case_study(request, slug):
    supplier = suppliers.supplier_for_member(request.user, slug)
    form = CaseStudyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            suppliers.add_case_study(supplier, by=request.user, organisation=form.organisation, details=form.details())
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, f"Your case study is added. We have asked {form.organisation} to confirm it")
            return redirect("tender:supplier_case_studies", slug=slug)
    context = {"form": form, "supplier": supplier, "organisation_names": suppliers.council_organisation_names()}
    return render(request, "tender/suppliers/case_study_form.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def edit_case_study(request, slug, pk):
    supplier = suppliers.supplier_for_member(request.user, slug)
    case_study = suppliers.case_study_for_member(supplier, pk)
    form = CaseStudyForm(posted(request), case_study=case_study)
    if request.method == "POST" and form.is_valid():
        try:
            changed = suppliers.change_case_study(case_study, by=request.user, details=form.details())
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, _changed_message(case_study, changed))
            return redirect("tender:supplier_case_studies", slug=slug)
    context = {"form": form, "supplier": supplier, "case_study": case_study}
    return render(request, "tender/suppliers/case_study_form.html", context)


def _changed_message(before, after) -> str:
    if before.status != CaseStudyStatus.UNCONFIRMED and after.status == CaseStudyStatus.UNCONFIRMED:
        return f"Your changes are saved. {after.organisation} needs to confirm the case study again"
    return "Your changes are saved"


# Councils -----------------------------------------------------------------------------------


@signed_in
@require_safe
def council_case_studies(request):
    page = suppliers.case_studies_for_council(request.user, request.GET.get("page"))
    context = {"page": page, "pagination": pagination(page, request.GET)}
    return render(request, "tender/suppliers/council_list.html", context)


@signed_in
@require_safe
def council_case_study(request, pk):
    return _render_for_council(request, suppliers.case_study_for_council(request.user, pk), DecisionForm())


@signed_in
@require_POST
def confirm_case_study(request, pk):
    return _decide(request, pk, suppliers.confirm_case_study, "You confirmed the case study")


@signed_in
@require_POST
def decline_case_study(request, pk):
    return _decide(request, pk, suppliers.decline_case_study, "You declined the case study. It is not shown")


def _decide(request, pk: int, decide, done: str):
    case_study = suppliers.case_study_for_council(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decide(case_study, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"{done}: ‘{case_study.title}’ by {case_study.supplier}")
            return redirect("tender:council_case_studies")
    # Reloaded: a refusal means someone else has answered since this page was loaded.
    return _render_for_council(request, suppliers.case_study_for_council(request.user, pk), form)


def _render_for_council(request, case_study, form):
    actions = actions_for(CASE_STUDY_TRANSITIONS, case_study.status, request.user)
    context = {"case_study": case_study, "form": form, "actions": actions}
    return render(request, "tender/suppliers/council_case_study.html", context)


# Moderators ---------------------------------------------------------------------------------


@staff_required("moderator")
@require_safe
def manage_suppliers(request):
    status = request.GET.get("show", SupplierStatus.LISTED)
    if status not in suppliers.STAFF_VIEWS:
        status = SupplierStatus.LISTED
    page = suppliers.suppliers_for_staff(status, request.GET.get("page"))
    counts = suppliers.staff_counts()
    context = {
        "page": page,
        "pagination": pagination(page, request.GET),
        "status": status,
        "views": [(key, label, counts[key]) for key, label in suppliers.STAFF_VIEWS.items()],
    }
    return render(request, "tender/suppliers/manage_list.html", context)


@staff_required("moderator")
@require_safe
def manage_supplier(request, slug):
    return _render_for_staff(request, suppliers.supplier_for_staff(slug), DecisionForm())


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def suspend_supplier(request, slug):
    supplier = suppliers.supplier_for_staff(slug)
    form = SuspendForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            suppliers.suspend(supplier, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            form.add_error("reason" if refusal.field else None, refusal.message)
        else:
            messages.success(request, f"{supplier} is suspended. Its page and directory entry are hidden")
            return redirect("tender:manage_supplier", slug=slug)
    return render(request, "tender/suppliers/suspend.html", {"form": form, "supplier": supplier})


@staff_required("moderator")
@require_POST
def reinstate_supplier(request, slug):
    supplier = suppliers.supplier_for_staff(slug)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            suppliers.reinstate(supplier, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"{supplier} is listed again")
            return redirect("tender:manage_supplier", slug=slug)
    return _render_for_staff(request, suppliers.supplier_for_staff(slug), form)


def _render_for_staff(request, supplier, form):
    actions = actions_for(SUPPLIER_TRANSITIONS, supplier.status, request.user)
    context = {"supplier": supplier, "form": form, "actions": actions}
    return render(request, "tender/suppliers/manage_supplier.html", context)
