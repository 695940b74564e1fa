import pytest

pytestmark = pytest.mark.django_db


def test_it_serves_an_openapi_3_document(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Local Digital API"
    assert document["info"]["version"] == "1"


def test_it_is_read_only_and_documents_its_errors(client):
    # The API has no authentication: every operation must be a read that anyone may make.
    document = client.get("/api/v1/openapi.json").json()

    for path, methods in document["paths"].items():
        assert set(methods) == {"get"}, path
        operation = methods["get"]
        assert {"200", "404", "422", "429"} <= set(operation["responses"]), path
        assert operation.get("summary"), path
        assert operation.get("description"), path


def test_every_schema_has_a_name_of_its_own():
    # The document keys schemas by class name: two classes with one name would silently share
    # one description, and one of them would be described wrongly.
    from ninja import Schema

    import api.api  # noqa: F401 (loads every module of the API)

    def subclasses(cls):
        for subclass in cls.__subclasses__():
            yield subclass
            yield from subclasses(subclass)

    ours = [schema for schema in subclasses(Schema) if schema.__module__.startswith("api.")]
    names = [schema.__name__ for schema in ours]
    assert len(names) == len(set(names)), sorted(name for name in names if names.count(name) > 1)
