from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.permissions import public


@public
@require_GET
def declaration_text(request):
    return render(request, "declaration/declaration_text.html")
