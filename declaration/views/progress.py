"""The members' area: people at an organisation that signed post updates on its declaration
projects, and may ask to withdraw its signature. Another organisation's are not found."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.pagination import pagination
from core.permissions import signed_in
from core.workflow import TransitionRefused
from declaration import progress, queries, services
from declaration.progress_forms import AskToWithdrawForm, ProjectUpdateForm


@signed_in
@require_safe
def your_projects(request):
    page = queries.projects_to_update(request.user, request.GET.get("page"))
    context = {
        "page": page,
        "pagination": pagination(page, request.GET),
        "signatures": queries.signatures_of_member(request.user),
    }
    return render(request, "declaration/progress/your_projects.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def new_update(request, pk):
    project = queries.project_to_update(request.user, pk)
    form = ProjectUpdateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            progress.post_update(project, by=request.user, **form.cleaned_data)
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, f"Your update on ‘{project.title}’ is published")
            return redirect(project.signature.organisation.get_absolute_url() + "#declaration")
    return render(request, "declaration/progress/new_update.html", {"form": form, "project": project})


@signed_in
@require_http_methods(["GET", "POST"])
def ask_to_withdraw(request, reference):
    signature = queries.signature_to_withdraw(request.user, reference)
    form = AskToWithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_withdrawal(signature, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(
                request,
                f"We have asked the Local Digital team to withdraw {signature.organisation}’s signature. "
                "We have emailed the lead and the senior approver",
            )
            return redirect(signature.organisation.get_absolute_url() + "#declaration")
    return render(request, "declaration/progress/ask_to_withdraw.html", {"form": form, "signature": signature})
