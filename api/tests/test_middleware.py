"""What every API answer and download shares: caching headers, conditional requests, CORS and
the rate limit per client."""

import pytest
from django.utils.http import http_date

from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def camden():
    return OrganisationFactory(name="London Borough of Camden", slug="camden")


def test_it_lets_a_shared_cache_keep_an_answer(client, camden, settings):
    settings.API_CACHE_SECONDS = 600

    response = client.get("/api/v1/organisations/camden")

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=600"
    assert response["ETag"].startswith('"')
    assert "Cookie" not in response.get("Vary", "")


def test_it_answers_304_while_nothing_has_changed(client, camden):
    etag = client.get("/api/v1/organisations/camden")["ETag"]

    unchanged = client.get("/api/v1/organisations/camden", headers={"if-none-match": etag})
    camden.name = "Camden Council"
    camden.save()
    changed = client.get("/api/v1/organisations/camden", headers={"if-none-match": etag})

    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged["ETag"] == etag
    assert changed.status_code == 200
    assert changed.json()["name"] == "Camden Council"
    assert changed["ETag"] != etag


def test_it_answers_304_to_a_download_not_modified_since(client, camden):
    response = client.get("/data/organisations.csv")
    later = http_date(camden.updated_at.timestamp() + 60)

    assert response["Last-Modified"] == http_date(camden.updated_at.timestamp())
    assert client.get("/data/organisations.csv", headers={"if-modified-since": later}).status_code == 304
    assert client.get("/data/organisations.csv", headers={"if-none-match": response["ETag"]}).status_code == 304


def test_it_never_lets_a_cache_keep_an_error(client):
    response = client.get("/api/v1/organisations/atlantis")

    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]


def test_it_lets_any_website_read_but_not_write(client, camden):
    read = client.get("/api/v1/organisations/camden", headers={"origin": "https://maps.example.org"})
    preflight = client.options(
        "/api/v1/organisations",
        headers={"origin": "https://maps.example.org", "access-control-request-method": "GET"},
    )
    write = client.post("/api/v1/organisations", headers={"origin": "https://maps.example.org"})

    assert read["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in read["Access-Control-Expose-Headers"]
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert write.status_code == 405


def test_it_leaves_the_web_pages_alone(client, camden, settings):
    settings.API_CACHE_SECONDS = 600
    settings.PUBLIC_PAGE_CACHE_SECONDS = 45

    response = client.get("/organisations/camden", headers={"origin": "https://maps.example.org"})

    assert "Access-Control-Allow-Origin" not in response
    # A page's cache time is the pages' own (core.middleware), never the API's.
    assert response["Cache-Control"] == "public, max-age=45"


def test_it_limits_each_client_and_says_when_to_try_again(client, camden, settings):
    settings.RATELIMIT_ENABLE = True
    settings.API_RATE = "3/m"

    answers = [client.get("/api/v1/organisations/camden").status_code for _ in range(3)]
    refused = client.get("/api/v1/organisations/camden")
    download = client.get("/data/organisations.json")
    another_client = client.get("/api/v1/organisations/camden", REMOTE_ADDR="192.0.2.44")

    assert answers == [200, 200, 200]
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["message"] == (
        f"Too many requests from your address: try again in {refused['Retry-After']} seconds"
    )
    assert "no-store" in refused["Cache-Control"]
    assert download.status_code == 429
    assert another_client.status_code == 200
