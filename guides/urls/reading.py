from django.urls import path, register_converter

from guides.models import Category
from guides.views import reading


class CategoryConverter:
    """A category in an address as words joined by hyphens (/guides/category/data-standards);
    any other word is not found."""

    regex = "|".join(value.replace("_", "-") for value in Category.values)

    def to_python(self, value: str) -> Category:
        return Category(value.replace("-", "_"))

    def to_url(self, value: str) -> str:
        return str(value).replace("_", "-")


register_converter(CategoryConverter, "guide_category")

urlpatterns = [
    path("guides", reading.guide_list, name="list"),
    path("guides/recent-changes", reading.recent_changes, name="recent_changes"),
    path("guides/recent-changes.atom", reading.recent_changes_atom, name="recent_changes_atom"),
    path("guides/category/<guide_category:category>", reading.category, name="category"),
    path("guides/<slug:slug>", reading.guide, name="guide"),
    path("guides/<slug:slug>/history", reading.history, name="history"),
    path("guides/<slug:slug>/revisions/<int:number>", reading.revision, name="revision"),
    path("guides/<slug:slug>/compare", reading.compare, name="compare"),
]
