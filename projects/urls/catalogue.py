from django.urls import path

from projects.views import catalogue

urlpatterns = [
    path("projects", catalogue.project_list, name="list"),
    path("projects.atom", catalogue.updates_atom, name="updates_atom"),
    # Before the other projects/<slug> addresses, so that no project's slug can hide it.
    path("projects/charts", catalogue.award_charts, name="charts"),
    path("projects/<slug:slug>/updates.atom", catalogue.project_updates_atom, name="project_updates_atom"),
    path("reuse", catalogue.reuse, name="reuse"),
]
