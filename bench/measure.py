"""bench/run: the service against its floors, measured in one run so the ratios hold on a
noisy machine. Prints the table and appends it to bench/RESULTS.md."""

import argparse
import datetime
import os
import platform
import subprocess
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

from bench.load import Journey, Measurement, post_load, wrk
from bench.stack import REPO, Stack

RESULTS = Path(__file__).with_name("RESULTS.md")

SIGN_UP = Journey("sign-up (email sign-in link)", "/sign-in", {"email": "person.{n}@spike.example.gov.uk"})
NEWSLETTER = Journey(
    "newsletter subscription", "/newsletter", {"email": "reader.{n}@spike.example.org", "topics": ["fund", "events"]}
)
WRITE_FLOOR = Journey("floor: one INSERT", "/bench/insert", {"text": "post {n}"})


def booking_journeys(stack: Stack) -> list[Journey]:
    """Bookings of one event (a spike for one webinar: every booking takes a place from the
    same row) and bookings spread over 20 upcoming ones."""
    events = stack.python(
        "from bench.volume import bookable_events; print(*bookable_events().values_list('pk', flat=True))"
    )
    events = tuple(events.split())
    fields = {"name": "Alex {n}", "email": "alex.{n}@spike.example.gov.uk", "organisation": "Leeds City Council"}
    return [
        Journey("event booking, one event", "/events/{choice}/book", fields, choices=events[:1]),
        Journey(f"event booking, {len(events)} events", "/events/{choice}/book", fields, choices=events),
    ]


def fetch(url: str) -> tuple[bytes, dict]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        return response.read(), dict(response.headers)


def machine() -> str:
    cpuinfo, meminfo = Path("/proc/cpuinfo").read_text(), Path("/proc/meminfo").read_text()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), "?")
    memory_kb = int(next(line.split()[1] for line in meminfo.splitlines() if line.startswith("MemTotal")))
    return f"{platform.node()}: {os.cpu_count()} cores ({cpu}), {memory_kb / 1024**2:.0f} GiB, {platform.platform()}"


def commit() -> str:
    result = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


class Report:
    def __init__(self):
        self.rows: list[str] = []

    def ratio(self, what: str, measured: Measurement, floor: Measurement, target: float | None) -> None:
        ratio = measured.per_second / floor.per_second
        verdict = "(for comparison)" if target is None else f"≥ {target} {'met' if ratio >= target else 'NOT MET'}"
        self.rows.append(
            f"| {what} | {measured.per_second:,.0f}/s | {floor.per_second:,.0f}/s | **{ratio:.2f}** "
            f"| {verdict} | {measured.p50_ms:.1f} / {measured.p99_ms:.1f} ms | {measured.failures} |"
        )
        print(self.rows[-1], flush=True)

    def line(self, text: str) -> None:
        self.rows.append(text)
        print(text, flush=True)

    def append_to_results(self) -> None:
        with open(RESULTS, "a") as results:
            results.write("\n".join(self.rows) + "\n")
        print(f"\nAppended to {RESULTS.relative_to(REPO)}")


def measure_pages(stack: Stack, report: Report, seconds: int) -> dict[str, Measurement]:
    report.line("\n1. Public pages from the nginx cache vs nginx serving the same bytes as a file\n")
    report.line("| page | cached | static file | ratio | target | p50 / p99 | failures |")
    report.line("|---|---|---|---|---|---|---|")
    measured = {}
    for path, file in (("/", "home.html"), ("/signatories", "signatories.html")):
        for _ in range(2):  # the first fills the cache
            _, headers = fetch(stack.site + path)
        if headers.get("X-Cache-Status") != "HIT":
            raise SystemExit(f"{path} is not served from nginx's cache: X-Cache-Status {headers.get('X-Cache-Status')}")
        cached = wrk(stack.site + path, seconds=seconds)
        static = wrk(f"http://127.0.0.1:{stack.static_port}/{file}", seconds=seconds)
        report.ratio(f"`{path}`", cached, static, 0.8)
        measured[f"`{path}` from nginx's cache"] = cached

    report.line("\n2. The app server without nginx vs a minimal Django view under the same gunicorn\n")
    report.line("| page | app server | minimal view | ratio | target | p50 / p99 | failures |")
    report.line("|---|---|---|---|---|---|---|")
    floor = wrk(stack.app() + "/bench/minimal", seconds=seconds, address_header="X-Real-IP")
    for path in ("/signatories", "/api/v1/signatories"):
        page = wrk(stack.app() + path, seconds=seconds, address_header="X-Real-IP")
        report.ratio(f"`{path}`, anonymous (the app's page cache)", page, floor, 0.5)
        measured[f"`{path}` from the app server"] = page
    for path in ("/signatories", "/api/v1/signatories"):
        page = wrk(stack.app() + path, seconds=seconds, address_header="X-Real-IP", uncached=True)
        report.ratio(f"`{path}`, rendered every time", page, floor, None)
    return measured


def journeys(stack: Stack) -> list[Journey]:
    # Straight to gunicorn, each post from its own address, as nginx would pass it on.
    return [replace(journey, address_header="X-Real-IP") for journey in (SIGN_UP, *booking_journeys(stack), NEWSLETTER)]


def measure_posts(stack: Stack, report: Report, seconds: int) -> None:
    report.line("\n3. Form posts (with their audit and outbox writes) vs a view that does one INSERT\n")
    report.line("| journey | accepted posts | one-INSERT floor | ratio | target | p50 / p99 | failures |")
    report.line("|---|---|---|---|---|---|---|")
    floor, _ = post_load(stack.app(), WRITE_FLOOR, seconds=seconds)
    for journey in journeys(stack):
        posts, _ = post_load(stack.app(), journey, seconds=seconds)
        report.ratio(journey.name, posts, floor, 0.5)
        verdict = "met" if posts.per_second >= 200 else "NOT MET"
        report.line(f"| ↳ {posts.per_second:,.0f} posts/s | | | | ≥ 200/s {verdict} | | |")


def measure_latency(stack: Stack, report: Report, seconds: int, pages: dict[str, Measurement]) -> None:
    report.line("\n4. Latency at 50 concurrent clients\n")
    report.line("| load | p50 | p99 | target p99 < 100 ms | failures |")
    report.line("|---|---|---|---|---|")
    loads = dict(pages)
    for journey in journeys(stack):
        # The posts measured above came as fast as they were answered, so their latency is
        # 50 clients' worth of queueing; here they come at the target rate instead.
        loads[f"{journey.name}, 200 posts/s"] = post_load(stack.app(), journey, seconds=seconds, rate=200)[0]
    for name, measured in loads.items():
        verdict = "met" if measured.p99_ms < 100 else "NOT MET"
        latency = f"{measured.p50_ms:.1f} ms | {measured.p99_ms:.1f} ms"
        report.line(f"| {name} | {latency} | {verdict} | {measured.failures} |")


def measure_outbox(stack: Stack, report: Report, seconds: int = 90) -> None:
    count = "from core.models import OutboundEmail as E; print(E.objects.filter(status=E.Status.QUEUED).count())"
    queued = int(stack.python(count))
    started = time.monotonic()
    stack.start_worker()
    left = queued
    while left and time.monotonic() - started < seconds:
        time.sleep(2)
        left = int(stack.python(count))
    minutes = (time.monotonic() - started) / 60
    rate = (queued - left) / minutes
    verdict = "met" if rate >= 1000 else "NOT MET"
    sent = stack.notify_sent()
    report.line(
        f"\n5. Email outbox: one worker sent {queued - left:,} of the {queued:,} messages the posts queued to the "
        f"Notify stand-in in {minutes * 60:.0f} s: **{rate:,.0f} a minute** (target ≥ 1,000: {verdict}); "
        f"{len(sent) - len(set(sent))} sent twice."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10, help="length of each load (default 10)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    args = parser.parse_args()

    report = Report()
    started = datetime.datetime.now(datetime.UTC)
    print("Preparing PostgreSQL with the demo data and a national volume (a few minutes)…", flush=True)
    with Stack(app_servers=1, workers_per_server=args.workers) as stack:
        print(stack.python("from bench.volume import prepare; print(prepare())"), flush=True)
        stack.start_notify()
        stack.start_app_servers()
        files = {"home.html": "/", "signatories.html": "/signatories"}
        stack.start_nginx({name: fetch(stack.app() + path)[0] for name, path in files.items()})
        report.line(f"\n### {started:%Y-%m-%d %H:%M} UTC, commit {commit()}\n")
        report.line(
            f"Machine: {machine()}. gunicorn: {args.workers} sync workers; PostgreSQL 15 and Redis on the same "
            f"machine; 50 concurrent clients; {args.seconds} s per load."
        )
        pages = measure_pages(stack, report, args.seconds)
        measure_posts(stack, report, args.seconds)
        measure_latency(stack, report, args.seconds, pages)
        measure_outbox(stack, report)
    report.append_to_results()


if __name__ == "__main__":
    main()
