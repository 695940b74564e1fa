"""The open data page and downloads. The API itself is mounted at /api/v1/ in config/urls.py,
where django-ninja gives it the "api" namespace."""

from django.urls import path

from api import views

app_name = "data"

urlpatterns = [
    path("data", views.data, name="page"),
    path("data/<slug:slug>.csv", views.dataset_csv, name="csv"),
    path("data/<slug:slug>.json", views.dataset_json, name="json"),
]
