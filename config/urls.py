from django.contrib import admin
from django.urls import include, path

from api.api import api
from core import views as core_views

urlpatterns = [
    path("", include("core.urls")),
    path("", include("accounts.urls")),
    path("", include("organisations.urls")),
    path("", include("declaration.urls")),
    path("", include("newsletter.urls")),
    path("", include("events.urls")),
    path("", include("fund.urls")),
    path("", include("projects.urls")),
    path("", include("tender.urls")),
    path("", include("guides.urls")),
    path("", include("api.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
