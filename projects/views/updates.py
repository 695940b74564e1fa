"""The team's updates: a member of the lead or a partner organisation posts a weeknote or a
show and tell, which appears on the project's page at once. Anyone else finds no such page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.forms import posted
from core.permissions import signed_in
from core.ratelimits import limit_posts
from core.workflow import TransitionRefused
from projects import queries, services
from projects.forms import UpdateForm


@signed_in
@require_http_methods(["GET", "POST"])
@limit_posts("projects.post", "user", "PROJECT_POST_RATE")
def new_update(request, slug):
    if request.user.is_supplier_account:
        return render(request, "tender/suppliers/public_sector_only.html", status=403)
    project = queries.project_for_team(request.user, slug)
    form = UpdateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.post_update(project, by=request.user, **form.cleaned_data)
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "Your update is published on the project’s page")
            return redirect("projects:detail", slug=slug)
    return render(request, "projects/updates/new.html", {"project": project, "form": form})
