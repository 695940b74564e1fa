"""Questions about a round: people who work at an organisation ask, programme staff answer
and may publish them reworded, and anyone can read the published ones."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import DecisionForm, posted
from core.pagination import pagination
from core.permissions import public, signed_in, staff_required
from core.ratelimits import limit_posts
from core.workflow import TransitionRefused
from fund import questions
from fund.forms.questions import AnswerForm, AskForm, PublishForm


@public
@require_safe
def published(request, slug):
    round_ = questions.round_open_to_questions(slug)
    page = questions.published(round_, request.GET.get("page"))
    context = {"round": round_, "page": page, "pagination": pagination(page, request.GET)}
    return render(request, "fund/questions/published.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
@limit_posts("fund.question", "user", "FUND_QUESTION_RATE")
def ask(request, slug):
    round_ = questions.round_open_to_questions(slug)
    form = AskForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            questions.ask(round_, by=request.user, text=form.cleaned_data["text"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "Your question has been sent. We will email you the answer")
            return redirect("fund:questions", slug=slug)
    context = {"round": round_, "form": form, "may_ask": questions.may_ask(request.user)}
    return render(request, "fund/questions/ask.html", context)


@staff_required("moderator")
@require_safe
def queue(request, slug):
    round_ = questions.round_for_staff(slug)
    page = questions.queue(round_, request.GET.get("page"))
    context = {"round": round_, "page": page, "pagination": pagination(page, request.GET)}
    return render(request, "fund/questions/queue.html", context)


@staff_required("moderator")
@require_safe
def question(request, slug, pk):
    round_ = questions.round_for_staff(slug)
    return _render_question(request, questions.question_for_staff(round_, pk))


@staff_required("moderator")
@require_POST
def answer(request, slug, pk):
    item = questions.question_for_staff(questions.round_for_staff(slug), pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            questions.answer(item, by=request.user, text=form.cleaned_data["answer"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "Your answer has been sent to the person who asked")
            return redirect("fund:question", slug=slug, pk=pk)
    return _render_question(request, item, answer_form=form)


@staff_required("moderator")
@require_POST
def publish(request, slug, pk):
    item = questions.question_for_staff(questions.round_for_staff(slug), pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            questions.publish(item, by=request.user, wording=form.cleaned_data["published_question"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "The question and its answer are published on the round’s questions page")
            return redirect("fund:question", slug=slug, pk=pk)
    return _render_question(request, item, publish_form=form)


@staff_required("moderator")
@require_POST
def unpublish(request, slug, pk):
    item = questions.question_for_staff(questions.round_for_staff(slug), pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            questions.unpublish(item, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "The question is no longer published")
            return redirect("fund:question", slug=slug, pk=pk)
    return _render_question(request, item, unpublish_form=form)


def _render_question(request, item, *, answer_form=None, publish_form=None, unpublish_form=None):
    answer_form = answer_form or AnswerForm()
    publish_form = publish_form or PublishForm(initial={"published_question": item.published_question})
    unpublish_form = unpublish_form or DecisionForm()
    forms_with_errors = [form for form in (answer_form, publish_form, unpublish_form) if form.errors]
    context = {
        "round": item.round,
        "question": item,
        "answer_form": answer_form,
        "publish_form": publish_form,
        # The page's error summary and title show the form that was just sent.
        "form": forms_with_errors[0] if forms_with_errors else None,
    }
    return render(request, "fund/questions/question.html", context)
