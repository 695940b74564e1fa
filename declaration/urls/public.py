from django.urls import path

from declaration.views import public

urlpatterns = [
    path("declaration", public.declaration_text, name="text"),
    path("declaration/approve/<str:token>", public.approve_as_senior, name="approve"),
    # Before "signed": its <str:reference> would take the ".pdf" too.
    path("declaration/signed/<str:reference>.pdf", public.signed_pdf, name="signed_pdf"),
    path("declaration/signed/<str:reference>", public.signed, name="signed"),
]
