from django.urls import path

from declaration import views

app_name = "declaration"

urlpatterns = [
    path("declaration", views.declaration_text, name="text"),
    path("declaration/approve/<str:token>", views.approve_as_senior, name="approve"),
    path("declaration/signed/<str:reference>", views.signed, name="signed"),
]
