"""Writing guides: starting one, editing one (and merging, when someone else saved first),
reverting to an earlier revision, and uploading images to show in them. Who may do this is
decided by guides.services.may_edit, which every service checks again."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from core.forms import posted
from core.permissions import public, signed_in
from core.ratelimits import limit_posts
from core.workflow import TransitionRefused
from guides import queries, services
from guides.forms.editing import GuideForm, ImageForm, RevertForm
from guides.markdown import image_markdown
from guides.models import LICENCE_NAME
from guides.uploads import CONTENT_TYPES, SizeLimitedImageUpload

REVERT_CONFLICT = "Someone changed this guide since you opened this page. Check the current version, then revert again"
# An image's address always shows the same file: a new upload gets a new address.
IMAGE_CACHE = "public, max-age=86400"


@signed_in
@require_http_methods(["GET", "POST"])
@limit_posts("guides.edit", "user", "GUIDE_EDIT_RATE")
def new_guide(request):
    refusal = services.may_edit(request.user)
    if refusal:
        return _refused(request, refusal)
    title = request.GET.get("title", "")
    existing = services.guide_titled(title) if title.strip() else None
    if existing is not None and request.method == "GET":
        # A link to a guide not written then: someone has written it since.
        return redirect(existing)
    form = GuideForm(posted(request), title=title, organisations=services.editing_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            guide = services.create_guide(by=request.user, text=form.text())
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "Your guide is published")
            return redirect(guide)
    return _render_form(request, {"form": form})


@signed_in
@require_http_methods(["GET", "POST"])
@limit_posts("guides.edit", "user", "GUIDE_EDIT_RATE")
def edit_guide(request, slug):
    guide = services.guide_to_edit(slug)
    refusal = services.may_edit(request.user, guide)
    if refusal:
        return _refused(request, refusal, guide)
    organisations = services.editing_organisations(request.user)
    form = GuideForm(posted(request), guide=guide, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_revision(guide, by=request.user, text=form.text(), based_on=form.cleaned_data["based_on"])
        except services.EditConflict as conflict:
            return _merge(request, guide, conflict, organisations, form.cleaned_data["based_on"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "Your changes are published")
            return redirect(guide)
    return _render_form(request, {"form": form, "guide": guide})


def _merge(request, guide, conflict, organisations, started_from):
    """The edit page again with nothing saved: their current text beside the editor's, whose
    next save goes on top of the current revision."""
    data = request.POST.copy()
    data["based_on"] = str(conflict.current.pk)
    form = GuideForm(data, guide=guide, organisations=organisations)
    form["body"].label = "Your text"
    form.is_valid()
    since = list(services.revisions_since(guide, started_from))
    for revision in [conflict.current, *since]:
        revision.public_author = queries.public_author(revision)
    context = {"form": form, "guide": services.guide_to_edit(guide.slug), "theirs": conflict.current, "since": since}
    return _render_form(request, context, status=409)


def _render_form(request, context: dict, status: int = 200):
    context |= {"licence": LICENCE_NAME, "public_name": services.public_name(request.user)}
    return render(request, "guides/editing/guide_form.html", context, status=status)


@signed_in
@require_http_methods(["GET", "POST"])
@limit_posts("guides.edit", "user", "GUIDE_EDIT_RATE")
def revert_revision(request, slug, number):
    guide = services.guide_to_edit(slug)
    revision = services.revision_to_revert_to(guide, number)
    refusal = services.may_edit(request.user, guide)
    if refusal:
        return _refused(request, refusal, guide)
    organisations = services.editing_organisations(request.user)
    form = RevertForm(posted(request), organisations=organisations, initial={"based_on": guide.current_revision_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.revert(
                guide,
                number,
                by=request.user,
                based_on=form.cleaned_data["based_on"],
                organisation=form.chosen_organisation(),
            )
        except TransitionRefused as refusal:
            # Asked again about the guide as it is now, so confirming reverts that.
            guide = services.guide_to_edit(slug)
            data = request.POST.copy()
            data["based_on"] = str(guide.current_revision_id)
            form = RevertForm(data, organisations=organisations)
            form.is_valid()
            form.add_error(None, REVERT_CONFLICT if isinstance(refusal, services.EditConflict) else refusal.message)
        else:
            messages.success(request, f"The guide is back to the text of revision {number}")
            return redirect(guide)
    revision.public_author = queries.public_author(revision)
    context = {"form": form, "guide": guide, "revision": revision, "is_current": revision == guide.current_revision}
    return render(request, "guides/editing/revert.html", context)


@signed_in
@csrf_exempt
@require_http_methods(["GET", "POST"])
@limit_posts("guides.edit", "user", "GUIDE_EDIT_RATE")
def new_image(request):
    # The size limit applies while the file arrives, which must be set up before anything
    # reads the form, the CSRF check included: so that check runs inside, in _image_form.
    size_limit = SizeLimitedImageUpload(request)
    request.upload_handlers.insert(0, size_limit)
    return _image_form(request, size_limit)


@csrf_protect
def _image_form(request, size_limit: SizeLimitedImageUpload):
    refusal = services.may_edit(request.user)
    if refusal:
        return _refused(request, refusal)
    files = request.FILES if request.method == "POST" else None
    form = ImageForm(posted(request), files, too_big=bool(size_limit.too_big))
    if request.method == "POST" and form.is_valid():
        try:
            image = services.add_image(
                by=request.user, image=form.checked_image, alt_text=form.cleaned_data["alt_text"]
            )
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            return redirect("guides:image_uploaded", pk=image.pk)
    return render(request, "guides/editing/new_image.html", {"form": form})


@signed_in
@require_safe
def image_uploaded(request, pk):
    image = services.image_uploaded_by(request.user, pk)
    address = reverse("guides:image", args=[image.pk])
    context = {"image": image, "address": address, "markdown": image_markdown(image.alt_text, address)}
    return render(request, "guides/editing/image_uploaded.html", context)


@public
@require_safe
def image(request, pk):
    image = services.image_to_show(pk)
    if image.content_type not in CONTENT_TYPES:
        raise Http404
    try:
        opened = image.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(opened, content_type=image.content_type)
    response["Cache-Control"] = IMAGE_CACHE
    return response


def _refused(request, reason: str, guide=None):
    context = {"reason": reason, "guide": guide, "needs_membership": reason == services.NO_MEMBERSHIP}
    return render(request, "guides/editing/refused.html", context, status=403)
