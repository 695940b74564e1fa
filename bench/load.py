"""Load from other processes: wrk for pages, and a Python client for form posts (wrk cannot
fetch a form's CSRF token and post it back)."""

import http.client
import os
import random
import re
import statistics
import subprocess
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REQUESTS_SCRIPT = Path(__file__).with_name("requests.lua")


@dataclass
class Measurement:
    per_second: float
    p50_ms: float
    p99_ms: float
    requests: int = 0
    failures: int = 0  # answers other than the expected ones, and connection errors
    statuses: dict = field(default_factory=dict)


# Pages: wrk ----------------------------------------------------------------------------------

WRK_LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(
    url: str, *, connections: int = 50, seconds: int = 10, address_header: str = "", uncached: bool = False
) -> Measurement:
    """Load `url` from `connections` clients for `seconds`. With `address_header`, every
    request claims a different client address in that header, as a spike from many people
    would reach the service's per-address rate limits; with `uncached`, every request asks for
    an address no cache has (an unused query parameter), so each one is rendered."""
    command = ["wrk", "--latency", "-t", "2", "-c", str(connections), "-d", f"{seconds}s"]
    if address_header or uncached:
        # Only when needed: the script costs wrk time on every request.
        command += ["-s", str(REQUESTS_SCRIPT)]
    env = dict(os.environ, ADDRESS_HEADER=address_header, UNIQUE_QUERY="1" if uncached else "")
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True, env=env).stdout
    latency = {int(p): float(value) * UNIT_MS[unit] for p, value, unit in WRK_LATENCY.findall(output)}
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    failures = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, errors.groups())) if errors else 0)
    return Measurement(
        per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=latency[50],
        p99_ms=latency[99],
        requests=requests,
        failures=failures,
    )


# Form posts: a Python client -----------------------------------------------------------------

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_COOKIE = re.compile(r"csrftoken=([^;]+)")


@dataclass(frozen=True)
class Journey:
    """A form a member of the public posts: where it is, what one person enters, and the answer
    that means the service accepted it."""

    name: str
    form_path: str  # may hold {choice}: each client takes one of `choices`
    fields: dict  # values may hold {n}: a number unique to each post
    accepted_status: int = 302
    address_header: str = "X-Forwarded-For"
    choices: tuple = ()

    def data(self, token: str, n: str) -> str:
        values = {key: value.format(n=n) if isinstance(value, str) else value for key, value in self.fields.items()}
        return urlencode({"csrfmiddlewaretoken": token, **values}, doseq=True)


def random_address() -> str:
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


class FormClient:
    """One person's browser: fetches the form once for its CSRF token, then posts it again and
    again, each post as a different person (new details, new address, no session cookie)."""

    def __init__(self, base_url: str, journey: Journey):
        parts = urlsplit(base_url)
        self.host, self.port, self.journey = parts.hostname, parts.port, journey
        self.form_path = journey.form_path.format(choice=random.choice(journey.choices or [""]))
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        self.token = self.cookie = ""

    def request(self, method: str, path: str, body: str = "", headers: dict | None = None):
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body or None, headers=headers or {})
                response = self.connection.getresponse()
                return response, response.read()
            except (http.client.HTTPException, OSError):
                # The server closed a kept-alive connection: open a new one, once.
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
                if attempt == 2 or method == "POST":
                    raise
        raise AssertionError("unreachable")

    def fetch_form(self) -> None:
        response, body = self.request("GET", self.form_path)
        self.token = CSRF_FIELD.search(body.decode()).group(1)
        self.cookie = "csrftoken=" + CSRF_COOKIE.search(response.getheader("Set-Cookie", "")).group(1)

    def post(self, n: str, cookie: str = "") -> tuple[http.client.HTTPResponse, bytes]:
        """Post the form as person `n`; `cookie` adds one (a session) to the CSRF cookie."""
        if not self.token:
            self.fetch_form()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(filter(None, [self.cookie, cookie])),
            "Origin": f"http://{self.host}:{self.port}",
            "Referer": f"http://{self.host}:{self.port}{self.form_path}",
            self.journey.address_header: random_address(),
        }
        return self.request("POST", self.form_path, self.journey.data(self.token, n), headers)


TITLE = re.compile(rb"<title>\s*(.*?)\s*</title>", re.DOTALL)


def page_title(body: bytes) -> str:
    """What a person saw instead of the next page: the page's title, or the start of a body
    that has none (a bare traceback or server message)."""
    title = TITLE.search(body)
    return (title.group(1) if title else body[:120]).decode(errors="replace")


def _client_loop(base_url: str, journey: Journey, until: float, log: list, pages: bool, interval: float) -> None:
    client = FormClient(base_url, journey)
    # Paced clients post every `interval` seconds whenever the answers come, which gives the
    # latency people see while posts arrive at that rate; unpaced ones post as fast as answered.
    next_post = time.monotonic() + random.uniform(0, interval)
    while time.monotonic() < until:
        time.sleep(max(0.0, next_post - time.monotonic()))
        next_post += interval
        started = time.monotonic()
        n = uuid.uuid4().hex[:16]
        try:
            response, body = client.post(n)
            status, page = response.status, page_title(body) if response.status != journey.accepted_status else ""
        except (http.client.HTTPException, OSError) as error:
            status, page = 0, f"no answer: {error!r}"
            client = FormClient(base_url, journey)
        entry = (status, (time.monotonic() - started) * 1000, n)
        # The clock is the system's monotonic one, the same in every process on the machine.
        log.append((*entry, time.monotonic(), page) if pages else entry)


def _process(base_url: str, journey: Journey, clients: int, seconds: float, pages: bool, interval: float) -> list:
    log: list = []
    until = time.monotonic() + seconds
    with ThreadPoolExecutor(clients) as pool:
        for _ in range(clients):
            pool.submit(_client_loop, base_url, journey, until, log, pages, interval)
    return log


def post_load(
    base_url: str,
    journey: Journey,
    *,
    clients: int = 50,
    seconds: float = 10,
    rate: float = 0,
    processes: int = 2,
    pages: bool = False,
):
    """Post `journey` from `clients` concurrent people for `seconds`, as fast as they are
    answered or, with `rate`, that many posts a second in all. Returns the measurement and
    every post's (status, milliseconds, unique number); with `pages`, also when it was
    answered (time.monotonic()) and the title of any page other than the accepted answer."""
    per_process = [clients // processes + (i < clients % processes) for i in range(processes)]
    interval = clients / rate if rate else 0.0
    with ProcessPoolExecutor(processes) as pool:
        arguments = [[base_url] * processes, [journey] * processes, per_process, [seconds] * processes]
        logs = list(pool.map(_process, *arguments, [pages] * processes, [interval] * processes))
    log = [entry for process_log in logs for entry in process_log]
    accepted = [ms for status, ms, *_ in log if status == journey.accepted_status]
    statuses: dict = {}
    for status, *_ in log:
        statuses[status] = statuses.get(status, 0) + 1
    quantiles = statistics.quantiles(accepted, n=100) if len(accepted) > 1 else [0.0] * 99
    measurement = Measurement(
        per_second=len(accepted) / seconds,
        p50_ms=quantiles[49],
        p99_ms=quantiles[98],
        requests=len(log),
        failures=len(log) - len(accepted),
        statuses=statuses,
    )
    return measurement, log
