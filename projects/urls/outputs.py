from django.urls import path

from projects.views import outputs

urlpatterns = [
    path("projects/<slug:slug>/outputs/new", outputs.new_output, name="new_output"),
    path("projects/<slug:slug>/outputs/<int:pk>/download", outputs.download, name="download_output"),
]
