from django.urls import path

import declaration.urls.converters  # noqa: F401  (registers <reference:...>, which a bid's reference matches too)
from fund.views import application

PREFIX = "fund/bids/<reference:reference>/application"

urlpatterns = [
    path(PREFIX, application.task_list, name="application"),
    path(f"{PREFIX}/team", application.team, name="application_team"),
    path(f"{PREFIX}/plan", application.plan, name="application_plan"),
    path(f"{PREFIX}/budget", application.budget, name="application_budget"),
    path(f"{PREFIX}/budget/<int:pk>/remove", application.remove_budget_line, name="application_budget_remove"),
    path(f"{PREFIX}/user-research", application.user_research, name="application_user_research"),
    path(f"{PREFIX}/openness", application.openness, name="application_openness"),
    path(f"{PREFIX}/check", application.check, name="application_check"),
    path(f"{PREFIX}/submitted", application.submitted, name="application_submitted"),
]
