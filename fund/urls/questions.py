from django.urls import path

import fund.urls.rounds  # noqa: F401  (registers <round:...>)
from fund.views import questions

urlpatterns = [
    path("fund/<round:slug>/questions", questions.published, name="questions"),
    path("fund/<round:slug>/questions/ask", questions.ask, name="ask"),
    path("manage/fund/<round:slug>/questions", questions.queue, name="question_queue"),
    path("manage/fund/<round:slug>/questions/<int:pk>", questions.question, name="question"),
    path("manage/fund/<round:slug>/questions/<int:pk>/answer", questions.answer, name="question_answer"),
    path("manage/fund/<round:slug>/questions/<int:pk>/publish", questions.publish, name="question_publish"),
    path("manage/fund/<round:slug>/questions/<int:pk>/unpublish", questions.unpublish, name="question_unpublish"),
]
