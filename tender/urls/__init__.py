from django.urls import include, path

app_name = "tender"

urlpatterns = [
    path("", include("tender.urls.needs")),
    path("", include("tender.urls.questions")),
    path("", include("tender.urls.suppliers")),
    path("", include("tender.urls.manage")),
]
