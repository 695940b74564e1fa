from django.urls import path

import declaration.urls.converters  # noqa: F401  (registers <reference:...>)
from declaration.views import public

urlpatterns = [
    path("declaration", public.declaration_text, name="text"),
    path("declaration/approve/<str:token>", public.approve_as_senior, name="approve"),
    # A reference holds no ".", so "signed" below never takes the ".pdf" as well.
    path("declaration/signed/<reference:reference>.pdf", public.signed_pdf, name="signed_pdf"),
    path("declaration/signed/<reference:reference>", public.signed, name="signed"),
]
