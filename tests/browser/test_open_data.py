"""A researcher finds the open data from any page's footer, downloads a dataset, reads the
API's documentation, and a website elsewhere reads the API from its visitors' browsers."""

from __future__ import annotations

import csv
import io
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from playwright.sync_api import expect

from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from organisations.tests.factories import OrganisationFactory
from tests.browser.pages import HomePage, ServicePage


@pytest.fixture
def another_website():
    """A website of someone else's, served on another loopback address (Chromium keeps public
    sites from calling private addresses, so it must be local like the service)."""

    class MapPage(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"<!doctype html><title>Council map</title>")

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), MapPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


class OpenDataPage(ServicePage):
    path = "/data"
    heading = "Open data"

    def download(self, file_format: str, dataset: str) -> str:
        # The link reads "CSV", with the dataset's title for screen readers.
        name = re.compile(rf"^{file_format}\s*:\s*{re.escape(dataset)}$")
        with self.page.expect_download() as download:
            self.page.get_by_role("link", name=name).click()
        return download.value.path().read_text(encoding="utf-8-sig")

    def open_api_documentation(self) -> ApiDocumentationPage:
        self.page.get_by_role("link", name="Local Digital API").click()
        return ApiDocumentationPage(self.page).check()


class ApiDocumentationPage(ServicePage):
    path = "/api/v1/docs"
    heading = "Local Digital API"

    def show_fields(self, operation: str) -> None:
        section = self.page.get_by_role("region", name=operation, exact=True)
        section.get_by_text("Fields in the answer").click()
        expect(section.get_by_role("definition").first).to_be_visible()


def test_a_researcher_downloads_signatories_and_reads_the_api(page, live_server, another_website):
    camden = OrganisationFactory(name="London Borough of Camden", slug="camden", org_id="GB-LAE-CMD")
    signature = SignatureFactory(organisation=camden, signed=True)
    DeclarationProjectFactory(signature=signature, title="Open bin collection data")

    HomePage(page).open().follow_footer_link("Open data and API")
    data = OpenDataPage(page).check()
    expect(page.get_by_role("link", name="Open Government Licence v3.0").first).to_be_visible()

    [row] = list(csv.DictReader(io.StringIO(data.download("CSV", "Signatories of the Local Digital Declaration"))))
    assert (row["id"], row["organisation"], row["org_id"]) == ("camden", "London Borough of Camden", "GB-LAE-CMD")

    docs = data.open_api_documentation()
    docs.show_fields("List signatories")

    # A page on another website asks the API from its visitor's browser: CORS lets it read.
    page.goto(another_website)
    answer = page.evaluate(
        """async (url) => {
            const response = await fetch(url);
            return {status: response.status, etag: response.headers.get("ETag"), body: await response.json()};
        }""",
        f"{live_server.url}/api/v1/signatories",
    )
    assert answer["status"] == 200
    assert answer["etag"]
    assert [record["id"] for record in answer["body"]["results"]] == ["camden"]
