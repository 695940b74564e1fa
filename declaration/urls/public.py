from django.urls import path

from declaration.views import public

urlpatterns = [
    path("declaration", public.declaration_text, name="text"),
    path("declaration/approve/<str:token>", public.approve_as_senior, name="approve"),
    path("declaration/signed/<str:reference>", public.signed, name="signed"),
]
