"""The fund's awards as 360Giving open data, for anyone to download."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from core.permissions import public
from core.spreadsheet import csv_response
from fund import grants


@public
@require_safe
def grants_json(request):
    response = JsonResponse(grants.package(grants.awarded_grants()), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public
@require_safe
def grants_csv(request):
    response = csv_response(
        "local-digital-fund-grants.csv", grants.CSV_COLUMNS, grants.csv_rows(grants.awarded_grants())
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
