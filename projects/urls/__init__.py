"""The funded projects' URLs, one module per journey: project pages and staff's management of
phases (projects), the team's updates (updates) and outputs (outputs), and the public
catalogue, reuse search, feeds and charts (catalogue)."""

from projects.urls import catalogue, outputs, projects, updates

app_name = "projects"

urlpatterns = [
    *catalogue.urlpatterns,
    *projects.urlpatterns,
    *updates.urlpatterns,
    *outputs.urlpatterns,
]
