from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.permissions import public
from organisations.queries import co_publishers


@public
@require_GET
def declaration_text(request):
    return render(request, "declaration/declaration_text.html", {"co_publishers": co_publishers()})
