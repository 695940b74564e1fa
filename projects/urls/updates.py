from django.urls import path

from projects.views import updates

urlpatterns = [
    path("projects/<slug:slug>/updates/new", updates.new_update, name="new_update"),
]
