from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core.permissions import public
from organisations.models import Organisation


@public
@require_GET
def organisation_list(request):
    return render(request, "organisations/organisation_list.html", {"organisations": Organisation.objects.all()[:50]})


@public
@require_GET
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(request, "organisations/organisation_detail.html", {"organisation": organisation})
