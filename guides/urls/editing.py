from django.urls import path

from guides.views import editing

urlpatterns = [
    # Before the reading pages: "new" and "images" are never a guide's address (see
    # guides.services.RESERVED_SLUGS).
    path("guides/new", editing.new_guide, name="new"),
    path("guides/images/new", editing.new_image, name="new_image"),
    path("guides/images/<int:pk>", editing.image, name="image"),
    path("guides/images/<int:pk>/uploaded", editing.image_uploaded, name="image_uploaded"),
    path("guides/<slug:slug>/edit", editing.edit_guide, name="edit"),
    path("guides/<slug:slug>/revisions/<int:number>/revert", editing.revert_revision, name="revert"),
]
