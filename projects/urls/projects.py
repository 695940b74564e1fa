from django.urls import path

from projects.views import projects

urlpatterns = [
    path("projects/yours", projects.your_projects, name="yours"),
    path("projects/<slug:slug>", projects.detail, name="detail"),
    path("projects/<slug:slug>/edit", projects.edit_details, name="edit"),
    path("manage/projects", projects.dashboard, name="dashboard"),
    path("manage/projects/<slug:slug>", projects.manage_project, name="manage_project"),
    path("manage/projects/<slug:slug>/next-phase/award", projects.continue_with_award, name="continue_with_award"),
    path("manage/projects/<slug:slug>/next-phase/decision", projects.continue_by_decision, name="continue_by_decision"),
    path("manage/projects/<slug:slug>/complete", projects.complete, name="complete"),
    path("manage/projects/<slug:slug>/stop", projects.stop, name="stop"),
]
