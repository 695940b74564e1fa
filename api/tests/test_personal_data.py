"""No personal data leaves through the API or the downloads: every list and every record of
every operation in the OpenAPI document, and every file the open data page links to, searched
for email addresses and for the names of the people around the published data."""

import json
import re

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
DOWNLOAD = re.compile(r'href="(/(?!static/)[^"]+\.(?:csv|json|ics|atom))"')


def assert_no_personal_data(text: str, open_data, where: str):
    assert EMAIL_ADDRESS.search(text) is None, f"an email address in {where}"
    for name in open_data.names:
        assert name not in text, f"{name} in {where}"
        surname = name.split()[-1]
        assert surname not in text, f"{surname} in {where}"


def test_no_api_answer_carries_personal_data(client, open_data):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    lists = [path for path in paths if "{" not in path]
    records_read = {}

    for path in lists:
        answer = client.get(path, {"page_size": 200})
        assert answer.status_code == 200, path
        assert_no_personal_data(answer.content.decode(), open_data, path)
        if f"{path}/{{id}}" in paths:
            records = answer.json()["results"]
            records_read[path] = len(records)
            for record in records:
                detail = client.get(f"{path}/{record['id']}")
                assert detail.status_code == 200, f"{path}/{record['id']}"
                assert_no_personal_data(detail.content.decode(), open_data, f"{path}/{record['id']}")

    # Each kind of record was really read: a sweep of empty lists would prove nothing.
    assert records_read and all(records_read.values()), records_read


def test_no_download_carries_personal_data(client, open_data):
    links = sorted(set(DOWNLOAD.findall(client.get("/data").content.decode())))

    for link in links:
        answer = client.get(link)
        assert answer.status_code == 200, link
        text = answer.content.decode("utf-8")
        assert_no_personal_data(text, open_data, link)
        if link.startswith("/data/") and link.endswith(".json"):
            assert json.loads(text)["results"], f"{link} has no records to search"

    assert len(links) >= 2 * 6 + 3  # each dataset twice, the 360Giving files and the calendar
