"""Questions on needs: a supplier's person asks from the need's page; the need's organisation
answers (publishing an anonymised wording) or turns one down; moderators release or turn down
the questions held because they may contain personal data. Every change is a call to
tender.questions."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import DecisionForm, posted
from core.pagination import pagination
from core.permissions import signed_in, staff_required
from core.ratelimits import limit_posts
from core.workflow import TransitionRefused
from tender import needs, questions
from tender.forms.questions import AnswerForm, AskForm, TurnDownForm
from tender.workflow import QuestionStatus

# Suppliers --------------------------------------------------------------------------------


@signed_in
@require_http_methods(["GET", "POST"])
@limit_posts("tender.question", "user", "TENDER_QUESTION_RATE")
def ask(request, slug):
    need = needs.public_need(slug)
    suppliers = needs.suppliers_of(request.user)
    form = AskForm(posted(request), suppliers=suppliers)
    if request.method == "POST" and form.is_valid():
        try:
            question = questions.ask(need, form.supplier(), by=request.user, text=form.cleaned_data["text"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            return redirect("tender:question_sent", pk=question.pk)
    context = {"need": need, "form": form, "may_ask": bool(suppliers), "open": needs.taking_questions(need)}
    return render(request, "tender/questions/ask.html", context)


@signed_in
@require_safe
def question_sent(request, pk):
    question = questions.question_for_asker(request.user, pk)
    return render(request, "tender/questions/sent.html", {"question": question, "need": question.need})


# The need's organisation ---------------------------------------------------------------------


@signed_in
@require_safe
def council_questions(request):
    page = questions.waiting_for_council(request.user, request.GET.get("page"))
    context = {"page": page, "pagination": pagination(page, request.GET)}
    return render(request, "tender/questions/council_questions.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def answer(request, pk):
    question = questions.question_for_council(request.user, pk)
    form = AnswerForm(posted(request), initial={"published_question": question.text})
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            questions.answer(question, by=request.user, wording=data["published_question"], answer=data["answer"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(
                request,
                "Your answer is published on the need’s page. We have emailed it to the suppliers "
                "that asked or registered interest",
            )
            return redirect("tender:council_questions")
    context = {"question": question, "need": question.need, "form": form}
    context["waiting"] = question.status == QuestionStatus.AWAITING_ANSWER
    return render(request, "tender/questions/answer.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def council_turn_down(request, pk):
    question = questions.question_for_council(request.user, pk)
    form = TurnDownForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            questions.turn_down(question, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "The question will not be published. We have emailed your reason to the supplier")
            return redirect("tender:council_questions")
    context = {"question": question, "need": question.need, "form": form, "back": "council"}
    return render(request, "tender/questions/turn_down.html", context)


# Moderators -------------------------------------------------------------------------------


@staff_required("moderator")
@require_safe
def held_questions(request):
    return _render_held(request, DecisionForm())


@staff_required("moderator")
@require_POST
def release(request, pk):
    question = questions.held_question(pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            questions.release(question, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request, f"The question is passed to {question.need.organisation.name}. We have emailed the supplier"
            )
            return redirect("tender:manage_questions")
    # Shown again with the error: a refusal means someone else has decided on it since.
    return _render_held(request, form)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def moderator_turn_down(request, pk):
    question = questions.held_question(pk)
    form = TurnDownForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            questions.turn_down(question, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "The question will not be published. We have emailed your reason to the supplier")
            return redirect("tender:manage_questions")
    context = {"question": question, "need": question.need, "form": form, "back": "manage"}
    return render(request, "tender/questions/turn_down.html", context)


def _render_held(request, form):
    page = questions.held(request.GET.get("page"))
    context = {"page": page, "pagination": pagination(page, request.GET), "form": form}
    return render(request, "tender/questions/held.html", context)
