"""The API's human documentation at /api/v1/docs: a GOV.UK page written from the OpenAPI
document itself, so it can never disagree with it, and with no third-party scripts."""

from django.shortcuts import render
from ninja.openapi.docs import DocsBase

from core.markdown import render_markdown


class GovukDocs(DocsBase):
    def render_page(self, request, api, **kwargs):
        document = api.get_openapi_schema(path_params=kwargs)
        context = {
            "api": document["info"],
            "introduction": render_markdown(document["info"]["description"]),
            "openapi_url": self.get_openapi_url(api, kwargs),
            "sections": _sections(document),
        }
        return render(request, "api/docs.html", context)


def _sections(document: dict) -> list[dict]:
    """Operations grouped by their first tag, in the order the document lists them."""
    sections: dict[str, list[dict]] = {}
    schemas = document.get("components", {}).get("schemas", {})
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            sections.setdefault(operation.get("tags", ["API"])[0], []).append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": operation["operationId"],
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [_parameter(parameter) for parameter in operation.get("parameters", [])],
                    "fields": _fields(operation["responses"][200], schemas),
                }
            )
    return [{"name": name, "operations": operations} for name, operations in sections.items()]


def _parameter(parameter: dict) -> dict:
    schema = parameter.get("schema", {})
    return {
        "name": parameter["name"],
        "where": parameter["in"],
        "required": parameter.get("required", False),
        "type": _type(schema),
        "description": parameter.get("description") or schema.get("description", ""),
    }


def _fields(response: dict, schemas: dict) -> list[dict]:
    """The top-level fields of a successful answer; for a list, those of each result."""
    schema = _resolve(response["content"]["application/json"]["schema"], schemas)
    properties = schema.get("properties", {})
    if "results" in properties:
        schema = _resolve(properties["results"].get("items", {}), schemas)
        properties = schema.get("properties", {})
    return [
        {"name": name, "type": _type(field), "description": field.get("description", "")}
        for name, field in properties.items()
    ]


def _resolve(schema: dict, schemas: dict) -> dict:
    if "$ref" in schema:
        return schemas[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _type(schema: dict) -> str:
    if "$ref" in schema:
        return "object"
    if "anyOf" in schema:
        return " or ".join(_type(option) for option in schema["anyOf"])
    kind = schema.get("type", "object")
    if kind == "array":
        return f"list of {_type(schema.get('items', {}))}"
    if "enum" in schema:
        return "one of " + ", ".join(str(value) for value in schema["enum"])
    return {"null": "null", "integer": "whole number", "boolean": "true or false"}.get(kind, schema.get("format", kind))
