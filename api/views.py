"""The open data page and its downloads."""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from api import datasets
from core.permissions import public
from core.spreadsheet import csv_response


@public
@require_safe
def data(request):
    listed = [{"dataset": dataset, "last_updated": dataset.last_updated()} for dataset in datasets.all_datasets()]
    return render(request, "api/data.html", {"datasets": listed, "licence": datasets.LICENCE})


@public
@require_safe
def dataset_csv(request, slug):
    dataset = _dataset(slug)
    response = csv_response(f"{dataset.slug}.csv", list(dataset.columns), dataset.as_csv_rows())
    return _with_last_modified(response, dataset)


@public
@require_safe
def dataset_json(request, slug):
    dataset = _dataset(slug)
    response = JsonResponse(dataset.as_json(), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{dataset.slug}.json"'
    return _with_last_modified(response, dataset)


def _dataset(slug: str) -> datasets.Dataset:
    dataset = datasets.find(slug)
    if dataset is None:
        raise Http404
    return dataset


def _with_last_modified(response, dataset):
    # With the ETag, this lets a client ask "has it changed since?" and get a 304.
    last_updated = dataset.last_updated()
    if last_updated is not None:
        response["Last-Modified"] = http_date(last_updated.timestamp())
    return response
