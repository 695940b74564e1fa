"""The fund's awards as 360Giving open data, for anyone to download."""

import csv

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from core.permissions import public
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
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="local-digital-fund-grants.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    response.write("\ufeff")  # so that spreadsheets read the file as UTF-8
    csv.writer(response).writerows(grants.csv_rows(grants.awarded_grants()))
    return response
