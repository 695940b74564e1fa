from django.urls import path

from declaration.views import directory

urlpatterns = [
    path("signatories", directory.signatory_list, name="signatories"),
    path("signatories.csv", directory.signatories_csv, name="signatories_csv"),
    path("signatories.atom", directory.signatories_atom, name="signatories_atom"),
    path("declaration/projects", directory.project_list, name="projects"),
]
