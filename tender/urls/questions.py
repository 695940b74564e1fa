from django.urls import path

from tender.views import alerts, questions

urlpatterns = [
    path("tender/needs/<slug:slug>/questions", questions.ask, name="ask_question"),
    path("tender/questions/<int:pk>/sent", questions.question_sent, name="question_sent"),
    path("tender/your-needs/questions", questions.council_questions, name="council_questions"),
    path("tender/your-needs/questions/<int:pk>", questions.answer, name="answer_question"),
    path("tender/your-needs/questions/<int:pk>/turn-down", questions.council_turn_down, name="council_turn_down"),
    path("manage/tender/questions", questions.held_questions, name="manage_questions"),
    path("manage/tender/questions/<int:pk>/release", questions.release, name="manage_release_question"),
    path("manage/tender/questions/<int:pk>/turn-down", questions.moderator_turn_down, name="manage_turn_down_question"),
    path("tender/alerts", alerts.choose_topics, name="alerts"),
    path("tender/alerts/stop", alerts.stop, name="stop_alerts"),
    path("tender/alerts/unsubscribe/<str:token>", alerts.unsubscribe, name="alert_unsubscribe"),
]
