from django.urls import path

from declaration.views import requests

urlpatterns = [
    path("manage/organisation-requests", requests.request_list, name="organisation_requests"),
    path("manage/organisation-requests/<int:pk>/add", requests.add_organisation, name="organisation_request_add"),
    path("manage/organisation-requests/<int:pk>/decline", requests.decline, name="organisation_request_decline"),
]
