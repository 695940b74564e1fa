"""The fund's URLs, one module per journey: rounds for the public and staff (rounds),
members writing an expression of interest with their partners (apply), assessors and staff's
moderation of scores (assessment), invited bids' full applications (application), awards
and their approval (decisions), applicants' questions (questions) and the 360Giving data
(open_data)."""

from fund.urls import application, apply, assessment, decisions, open_data, questions, rounds

app_name = "fund"

urlpatterns = [
    *open_data.urlpatterns,
    *rounds.urlpatterns,
    *apply.urlpatterns,
    *assessment.urlpatterns,
    *application.urlpatterns,
    *decisions.urlpatterns,
    *questions.urlpatterns,
]
