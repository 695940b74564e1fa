from django.urls import path

from declaration import views

app_name = "declaration"

urlpatterns = [
    path("declaration", views.declaration_text, name="text"),
]
