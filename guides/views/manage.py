"""Staff's side of guides: protect a page so only staff edit it, hide a revision or a talk
page message, and block people from editing. Every decision is a call to guides.services or
guides.talk, which record it in the audit trail."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import DecisionForm, posted
from core.pagination import pagination
from core.permissions import staff_required
from core.workflow import TransitionRefused
from guides import services, talk
from guides.forms.manage import BlockForm, HideCommentForm, HideRevisionForm


@staff_required("moderator")
@require_safe
def guide_list(request):
    page = talk.guides_for_staff(request.GET.get("page"))
    context = {"page": page, "pagination": pagination(page, request.GET)}
    return render(request, "guides/manage/guide_list.html", context)


@staff_required("moderator")
@require_safe
def guide_detail(request, slug):
    return _render_guide(request, talk.guide_for_staff(slug), DecisionForm())


@staff_required("moderator")
@require_POST
def protect(request, slug):
    return _decide(request, slug, services.protect, "The guide is protected. Only staff can edit it now")


@staff_required("moderator")
@require_POST
def unprotect(request, slug):
    return _decide(request, slug, services.unprotect, "The guide is no longer protected. Members can edit it again")


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def hide_revision(request, slug, number):
    guide = talk.guide_for_staff(slug)
    revision = talk.revision_for_staff(guide, number)
    form = HideRevisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.hide_revision(revision, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, f"Revision {number} is hidden from the public")
            return redirect("guides:manage_guide", slug=slug)
    context = {"guide": guide, "revision": revision, "form": form}
    return render(request, "guides/manage/hide_revision.html", context)


@staff_required("moderator")
@require_safe
def talk_messages(request, slug):
    guide = talk.guide_for_staff(slug)
    page = talk.messages_for_staff(guide, request.GET.get("page"))
    context = {"guide": guide, "page": page, "pagination": pagination(page, request.GET)}
    return render(request, "guides/manage/talk_messages.html", context)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def hide_comment(request, slug, pk):
    guide = talk.guide_for_staff(slug)
    comment = talk.message_for_staff(guide, pk)
    form = HideCommentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            talk.hide_comment(comment, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "The message is hidden from the talk page")
            return redirect("guides:manage_talk", slug=slug)
    context = {"guide": guide, "comment": comment, "form": form}
    return render(request, "guides/manage/hide_comment.html", context)


@staff_required("moderator")
@require_safe
def blocked_people(request):
    page = talk.blocks_page(request.GET.get("page"))
    context = {"page": page, "pagination": pagination(page, request.GET)}
    return render(request, "guides/manage/blocked_people.html", context)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def block_person(request):
    form = BlockForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.block(form.person, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, f"{form.cleaned_data['email']} cannot edit guides or write on talk pages now")
            return redirect("guides:manage_blocked")
    return render(request, "guides/manage/block_person.html", {"form": form})


@staff_required("moderator")
@require_POST
def unblock_person(request, pk):
    block = talk.block_by_pk(pk)
    try:
        services.unblock(block.user, by=request.user)
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"{block.user.email} can edit guides again")
    return redirect("guides:manage_blocked")


def _decide(request, slug, decision, done: str):
    guide = talk.guide_for_staff(slug)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decision(guide, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, done)
            return redirect("guides:manage_guide", slug=slug)
    # Reloaded: a refusal may mean someone else has changed it since this page was loaded.
    return _render_guide(request, talk.guide_for_staff(slug), form)


def _render_guide(request, guide, form):
    page = talk.revisions_for_staff(guide, request.GET.get("page"))
    context = {"guide": guide, "page": page, "pagination": pagination(page, request.GET), "form": form}
    return render(request, "guides/manage/guide_detail.html", context)
