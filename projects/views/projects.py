"""Project pages: the public page of each project, the team's list of their projects and
their edits to its public details, and staff's dashboard of deadlines and moves between
phases. Every change is a call to projects.services."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import DecisionForm, posted
from core.markdown import render_markdown
from core.pagination import pagination
from core.permissions import public, signed_in, staff_required
from core.workflow import TransitionRefused
from projects import queries, services
from projects.forms import ContinueByDecisionForm, ContinueWithAwardForm, ProjectDetailsForm, StopForm
from projects.models import PhaseName
from projects.workflow import ProjectStatus, project_actions_for

# The public and the team --------------------------------------------------------------------


@public
@require_safe
def detail(request, slug):
    project = queries.public_project(slug)
    page = queries.updates_page(project, request.GET.get("page"))
    updates = [(update, render_markdown(update.body)) for update in page.object_list]
    context = {
        "project": project,
        "page": page,
        "updates": updates,
        "pagination": pagination(page, request.GET),
        "output_groups": queries.outputs_by_phase(project),
        "is_team_member": queries.is_team_member(request.user, project),
    }
    return render(request, "projects/projects/detail.html", context)


@signed_in
@require_safe
def your_projects(request):
    page = queries.your_projects_page(request.user, request.GET.get("page"))
    return render(request, "projects/projects/yours.html", {"page": page, "pagination": pagination(page, request.GET)})


@signed_in
@require_http_methods(["GET", "POST"])
def edit_details(request, slug):
    project = queries.project_for_team(request.user, slug)
    form = ProjectDetailsForm(posted(request), project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_details(project, by=request.user, details=form.details())
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "The project’s details are saved")
            return redirect("projects:detail", slug=slug)
    return render(request, "projects/projects/edit.html", {"project": project, "form": form})


# Staff ------------------------------------------------------------------------------------


@staff_required("moderator")
@require_safe
def dashboard(request):
    overdue, overdue_count = queries.overdue_phases()
    due_soon, due_soon_count = queries.phases_due_soon()
    page = queries.all_projects_page(request.GET.get("page"))
    context = {
        "overdue": overdue,
        "overdue_count": overdue_count,
        "due_soon": due_soon,
        "due_soon_count": due_soon_count,
        "page": page,
        "pagination": pagination(page, request.GET),
    }
    return render(request, "projects/manage/dashboard.html", context)


@staff_required("moderator")
@require_safe
def manage_project(request, slug):
    return _render_manage(request, queries.project_for_staff(slug), DecisionForm())


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def continue_with_award(request, slug):
    project = queries.project_for_staff(slug)
    grants = queries.grants_to_continue(project)
    form = ContinueWithAwardForm(posted(request), grants=grants)
    if request.method == "POST" and form.is_valid():
        try:
            services.continue_with_award(project, form.cleaned_data["grant"], by=request.user)
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "The project has moved on to the phase the award pays for")
            return redirect("projects:manage_project", slug=slug)
    context = {"project": project, "form": form, "has_grants": grants.exists()}
    return render(request, "projects/manage/continue_with_award.html", context)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def continue_by_decision(request, slug):
    project = queries.project_for_staff(slug)
    later = queries.phases_after(project.current_phase)
    form = ContinueByDecisionForm(posted(request), next_phase=later[0] if later else "")
    if request.method == "POST" and form.is_valid():
        try:
            services.continue_by_decision(project, by=request.user, **form.cleaned_data)
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "The project has moved on to its next phase")
            return redirect("projects:manage_project", slug=slug)
    context = {"project": project, "form": form, "next_phase": PhaseName(later[0]).label.lower() if later else None}
    return render(request, "projects/manage/continue_by_decision.html", context)


@staff_required("moderator")
@require_POST
def complete(request, slug):
    project = queries.project_for_staff(slug)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.complete_project(project, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "The project is marked completed")
            return redirect("projects:manage_project", slug=slug)
    # Reloaded: a refusal means someone else has changed it since this page was loaded.
    return _render_manage(request, queries.project_for_staff(slug), form)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def stop(request, slug):
    project = queries.project_for_staff(slug)
    form = StopForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.stop_project(project, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "The project is stopped. Its page now says so")
            return redirect("projects:manage_project", slug=slug)
    context = {
        "project": project,
        "form": form,
        "can_stop": "stop" in project_actions_for(project.status, request.user),
    }
    return render(request, "projects/manage/stop.html", context)


def _render_manage(request, project, form):
    context = {
        "project": project,
        "form": form,
        "actions": project_actions_for(project.status, request.user),
        "can_move_on": project.status == ProjectStatus.ACTIVE and bool(queries.phases_after(project.current_phase)),
    }
    return render(request, "projects/manage/project.html", context)
