"""The team's outputs: a member of the lead or a partner organisation adds one with a link or
a file, and anyone may download its file. Files are only ever sent as attachments with the
type their content showed, so a hostile file is never shown in the browser."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from core.forms import posted
from core.permissions import public, signed_in
from core.ratelimits import limit_posts
from core.workflow import TransitionRefused
from projects import queries, services
from projects.forms import OutputForm
from projects.uploads import KINDS, SizeLimitedUpload


@signed_in
@csrf_exempt
@require_http_methods(["GET", "POST"])
@limit_posts("projects.post", "user", "PROJECT_POST_RATE")
def new_output(request, slug):
    # The size limit applies while the file arrives, which must be set up before anything
    # reads the form, the CSRF check included: so that check runs inside, in _output_form.
    size_limit = SizeLimitedUpload(request)
    request.upload_handlers.insert(0, size_limit)
    return _output_form(request, slug, size_limit)


@csrf_protect
def _output_form(request, slug, size_limit: SizeLimitedUpload):
    project = queries.project_for_team(request.user, slug)
    files = request.FILES if request.method == "POST" else None
    form = OutputForm(posted(request), files, project=project, too_big=bool(size_limit.too_big))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_output(project, by=request.user, details=form.details(), upload=form.checked_upload)
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "Your output is published on the project’s page")
            return redirect("projects:detail", slug=slug)
    return render(request, "projects/outputs/new.html", {"project": project, "form": form})


@public
@require_safe
def download(request, slug, pk):
    output = queries.output_to_download(slug, pk)
    kind = KINDS.get(output.file_type)
    if kind is None:
        raise Http404
    try:
        opened = output.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(opened, as_attachment=True, filename=output.file_name, content_type=kind.content_type)
