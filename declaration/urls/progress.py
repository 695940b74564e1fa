from django.urls import path

import declaration.urls.converters  # noqa: F401  (registers <reference:...>)
from declaration.views import progress

urlpatterns = [
    path("declaration/progress", progress.your_projects, name="progress"),
    path("declaration/projects/<int:pk>/updates/new", progress.new_update, name="progress_new"),
    path(
        "declaration/signatures/<reference:reference>/ask-to-withdraw",
        progress.ask_to_withdraw,
        name="progress_ask_to_withdraw",
    ),
]
