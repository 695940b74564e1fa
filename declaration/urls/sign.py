from django.urls import path

import declaration.urls.converters  # noqa: F401  (registers <reference:...>)
from declaration.views import sign

urlpatterns = [
    path("declaration/sign", sign.start, name="sign"),
    path("declaration/sign/eligibility", sign.eligibility, name="sign_eligibility"),
    path("declaration/sign/who-can-sign", sign.not_eligible, name="sign_not_eligible"),
    path("declaration/sign/organisation", sign.organisation, name="sign_organisation"),
    path("declaration/sign/organisation/choose", sign.choose_organisation, name="sign_choose_organisation"),
    path("declaration/sign/organisation/not-listed", sign.request_organisation, name="sign_request_organisation"),
    path("declaration/sign/organisation/requested", sign.organisation_requested, name="sign_organisation_requested"),
    path("declaration/sign/<reference:reference>/you", sign.you, name="sign_you"),
    path("declaration/sign/<reference:reference>/approver", sign.approver, name="sign_approver"),
    path("declaration/sign/<reference:reference>/project", sign.project, name="sign_project_add"),
    path("declaration/sign/<reference:reference>/project/<int:pk>", sign.project, name="sign_project"),
    path(
        "declaration/sign/<reference:reference>/project/<int:pk>/remove",
        sign.remove_project,
        name="sign_project_remove",
    ),
    path("declaration/sign/<reference:reference>/check", sign.check, name="sign_check"),
    path("declaration/sign/<reference:reference>/submitted", sign.submitted, name="sign_submitted"),
]
