"""A guide's talk page, watching a guide (and stopping from an email in one click), and the
public name a person shows with what they write. Every change is a call to guides.talk or
guides.watching."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import posted
from core.pagination import pagination
from core.permissions import public, signed_in
from core.ratelimits import limit_posts
from core.tokens import LinkRefused
from core.workflow import TransitionRefused
from guides import services, talk, watching
from guides.forms.talk import CommentForm, PublicNameForm


@public
@require_safe
def talk_page(request, slug):
    guide = talk.guide_for_talk(slug)
    return _render_talk(request, guide, CommentForm())


@signed_in
@require_POST
@limit_posts("guides.talk", "user", "GUIDE_EDIT_RATE")
def post_comment(request, slug):
    guide = talk.guide_for_talk(slug)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = talk.post_comment(guide, by=request.user, body=form.cleaned_data["body"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "Your message is on the talk page")
            page = talk.page_number_of(comment)
            return redirect(f"{reverse('guides:talk', args=[slug])}?page={page}#message-{comment.pk}")
    return _render_talk(request, guide, form)


@signed_in
@require_POST
def watch(request, slug):
    guide = talk.guide_for_talk(slug)
    watching.watch(guide, by=request.user)
    messages.success(request, "You are watching this guide. We will email you when someone changes it")
    return redirect(_back_to(request, guide))


@signed_in
@require_POST
def unwatch(request, slug):
    guide = talk.guide_for_talk(slug)
    watching.unwatch(guide, by=request.user)
    messages.success(request, "You are no longer watching this guide")
    return redirect(_back_to(request, guide))


# Exempt from CSRF because mail clients unsubscribe with a bare POST of
# "List-Unsubscribe=One-Click" (RFC 8058) and can send no CSRF token. The signed token in the
# URL is the authority here, and a forged POST could only do what the link itself does: stop
# its holder's emails about one guide.
@public
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        watch = watching.watch_for_link(token)
    except LinkRefused:
        return render(request, "guides/talk/link_refused.html", status=404)
    # GET only shows a button: mail scanners follow links, and must not unsubscribe anyone.
    if request.method == "GET" and watch is not None:
        return render(request, "guides/talk/unsubscribe.html", {"token": token, "guide": watch.guide})
    if request.method == "POST" and watch is not None:
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        watching.stop(watch, reason="One-click unsubscribe from a mail client" if one_click else "")
    # Rendered, not redirected: a mail client's one-click POST expects a plain success, and
    # repeating it does no harm.
    return render(request, "guides/talk/unsubscribed.html")


@signed_in
@require_http_methods(["GET", "POST"])
def your_name(request):
    form = PublicNameForm(posted(request), initial={"name": talk.public_name_of(request.user)})
    if request.method == "POST" and form.is_valid():
        try:
            name = talk.set_public_name(request.user, form.cleaned_data["name"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            shown = f"your public name, {name}, and your organisation" if name else "only your organisation"
            messages.success(request, f"Your edits and messages now show {shown}")
            return redirect("guides:your_name")
    context = {"form": form, "organisations": services.editing_organisations(request.user)}
    return render(request, "guides/talk/your_name.html", context)


def _render_talk(request, guide, form):
    page = talk.messages_page(guide, request.GET.get("page"))
    context = {
        "guide": guide,
        "page": page,
        # Links to the talk page's address: a refused post shows it at another, POST-only one.
        "pagination": _links_to(reverse("guides:talk", args=[guide.slug]), pagination(page, request.GET)),
        "form": form,
        # Why the person may not write here, "" if they may.
        "cannot_post": talk.may_talk(request.user),
        "is_watching": watching.is_watching(request.user, guide),
    }
    return render(request, "guides/talk/talk.html", context)


def _links_to(path: str, links: dict | None) -> dict | None:
    if links is None:
        return None

    def at(href):
        return f"{path}{href}" if href else href

    items = [item and {**item, "href": at(item["href"])} for item in links["items"]]
    return {"previous": at(links["previous"]), "next": at(links["next"]), "items": items}


def _back_to(request, guide) -> str:
    """The page the watch button was on: the talk page or the guide's own."""
    if request.POST.get("from") == "talk":
        return reverse("guides:talk", args=[guide.slug])
    return guide.get_absolute_url()
