"""The public, read-only JSON API at /api/v1/: everything public on the site, as data.

Each domain's operations live in a module of this app named after it; this module puts them
together and gives every error the same JSON shape. Caching headers, conditional requests and
the rate limit are applied by `api.middleware`, which covers the downloads too.
"""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError

from api import docs, events, fund, guides, organisations, projects, signatories, tender

DESCRIPTION = """
Everything public on Local Digital, as JSON: organisations, signatories of the Local Digital
Declaration with their declaration projects and updates, events, Local Digital Fund rounds and
grants, funded projects and their outputs, the Tender's needs and suppliers, and the community
guides with their revision history.

- **Licence**: Open Government Licence v3.0.
- **Pages**: lists return `count`, `next`, `previous` and `results`; follow `next` until it is null.
- **Times**: ISO 8601 with the UK offset in force at that moment.
- **Caching**: answers carry `ETag` and `Cache-Control`; send `If-None-Match` to get a
  `304 Not Modified` when nothing has changed.
- **Rate limit**: per client address; over it you get `429` with `Retry-After` in seconds.
- **Errors**: JSON with a `message`, and `errors` naming each parameter in error.
"""

api = NinjaAPI(
    title="Local Digital API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=docs.GovukDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/organisations", organisations.router)
api.add_router("/signatories", signatories.router)
api.add_router("/events", events.router)
api.add_router("/fund", fund.router)
api.add_router("/projects", projects.router)
api.add_router("/tender", tender.router)
api.add_router("/guides", guides.router)


@api.exception_handler(ValidationError)
def bad_parameters(request, exc: ValidationError):
    errors = [{"parameter": _parameter_name(error["loc"]), "message": error["msg"]} for error in exc.errors]
    names = ", ".join(dict.fromkeys(error["parameter"] for error in errors))
    return api.create_response(request, {"message": f"Check the parameters: {names}", "errors": errors}, status=422)


def _parameter_name(location: tuple) -> str:
    # ("query", "filters", "type", 0) names the query parameter "type": every parameter is flat,
    # so the last name in the location is the one the client sent.
    return next((part for part in reversed(location) if isinstance(part, str)), "")


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    message = str(exc) if exc.args else "Nothing was found at this address"
    return api.create_response(request, {"message": message, "errors": []}, status=404)
