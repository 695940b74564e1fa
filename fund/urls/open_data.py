from django.urls import path

from fund.views import open_data

urlpatterns = [
    path("fund/grants.json", open_data.grants_json, name="grants_json"),
    path("fund/grants.csv", open_data.grants_csv, name="grants_csv"),
]
