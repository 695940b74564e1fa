from django.urls import include, path

app_name = "guides"

# Fixed addresses such as /guides/your-name come before the reading pages' /guides/<slug>.
urlpatterns = [
    path("", include("guides.urls.talk")),
    path("", include("guides.urls.editing")),
    path("", include("guides.urls.reading")),
    path("", include("guides.urls.manage")),
]
