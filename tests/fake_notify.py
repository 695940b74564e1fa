"""A stand-in for GOV.UK Notify's API on loopback, for tests that run the real worker in
another process. It records every email it accepts and answers look-ups by reference, the
two calls the service makes.

The bench scripts run it as a process of its own, which they stop to take the email provider
away: `python -m tests.fake_notify PORT SENT_FILE` appends each accepted email's reference to
SENT_FILE and, started again, remembers what the file holds.
"""

import json
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

# A key in Notify's format (name, service id, secret); the fake checks nothing.
API_KEY = "test-" + "11111111-2222-3333-4444-555555555555" + "-" + "66666666-7777-8888-9999-000000000000"
TEMPLATE_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"


class FakeNotify:
    def __init__(self, port: int = 0, sent_file: str = ""):
        self.accepted: list[dict] = []
        self.lock = threading.Lock()
        self.sent_file = sent_file
        if sent_file:
            try:
                with open(sent_file) as sent:
                    self.accepted = [{"reference": reference} for reference in sent.read().split()]
            except FileNotFoundError:
                pass
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with fake.lock:
                    fake.accepted.append(body)
                    if fake.sent_file:
                        with open(fake.sent_file, "a") as sent:
                            sent.write(f"{body.get('reference')}\n")
                self._answer(201, {"id": str(uuid.uuid4()), "reference": body.get("reference")})

            def do_GET(self):
                if self.path == "/healthcheck":
                    return self._answer(200, {"status": "ok"})
                reference = parse_qs(urlparse(self.path).query).get("reference", [None])[0]
                with fake.lock:
                    matches = [
                        {"reference": body["reference"]} for body in fake.accepted if body.get("reference") == reference
                    ]
                self._answer(200, {"notifications": matches, "links": {}})

            def _answer(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def count(self) -> int:
        with self.lock:
            return len(self.accepted)

    def recipients(self) -> list[str]:
        with self.lock:
            return [body["email_address"] for body in self.accepted]


if __name__ == "__main__":
    FakeNotify(int(sys.argv[1]), sys.argv[2]).server.serve_forever()
