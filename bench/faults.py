"""bench/faults: break the service under a steady sign-up load and count what survived.

Two app servers behind the shipped nginx configuration share one PostgreSQL, one Redis, the
worker and a stand-in for GOV.UK Notify. The script first checks that a session, a rate limit
and a kept page made on one app server hold on the other, then, each under load, kills a gunicorn
worker, restarts PostgreSQL and stops the email provider. Exits non-zero if an accepted
sign-up was lost or stored twice, anything was half-written, an email was lost or sent twice,
the service did not recover by itself within a minute, or someone saw an error page that was
not the service's own.
"""

import datetime
import os
import signal
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from bench.load import FormClient, Journey, post_load
from bench.measure import Report, commit, machine
from bench.stack import Stack

CLIENTS = 12  # modest: the machine is shared
LOAD_SECONDS = 20
FAULT_AFTER_SECONDS = 7
RECOVERY_LIMIT_SECONDS = 60
# A message that failed once is retried after backoff(1) = 2 minutes, by a job that runs
# every minute; one left "sending" by the restart of PostgreSQL is put back by a job that runs
# every five (after OUTBOX_STUCK_AFTER_SECONDS, a minute here): seven minutes.
OUTBOX_DRAIN_LIMIT_SECONDS = 420

COLUMNS = (
    *("fault", "sent", "accepted", "stored", "duplicates", "lost"),
    *("5xx", "half-written", "recovery", "error pages"),
)
ACCEPTED_LOCATION = "/sign-in/check-your-email"
SERVICE_PROBLEM = "Sorry, there is a problem with the service"


def sign_up(domain: str) -> Journey:
    # One domain per fault, so each fault's rows can be counted apart in the database.
    return Journey("sign-up", "/sign-in", {"email": "person.{n}@" + domain})


# Sessions and rate limits across two app servers --------------------------------------------


def rate_limit_is_shared(stack: Stack) -> bool:
    """Subscribe one address on app server A until it is refused, then once on B: B must
    refuse it too, from the count A left in the shared cache."""
    journey = Journey(
        "newsletter",
        "/newsletter",
        {"email": "shared.{n}@faults.example.org", "topics": ["fund"]},
        address_header="X-Real-IP",
    )
    on_a = FormClient(stack.app(0), journey)
    for _ in range(10):
        if on_a.post("limit")[0].status == 429:
            break
    else:
        return False
    response, body = FormClient(stack.app(1), journey).post("limit")
    return response.status == 429 and b"You have tried too many times" in body


def session_is_shared(stack: Stack) -> bool:
    """Ask for a sign-in link on A, then open "check your email" on B with A's session: B
    must show the address A kept in it."""
    journey = Journey("sign-in", "/sign-in", {"email": "session.{n}@faults.example.gov.uk"}, address_header="X-Real-IP")
    response, _ = FormClient(stack.app(0), journey).post("shared")
    cookies = [cookie.split(";")[0] for cookie in response.headers.get_all("Set-Cookie") or []]
    session = next((cookie for cookie in cookies if cookie.startswith("sessionid=")), "")
    if response.status != 302 or not session:
        return False
    on_b = FormClient(stack.app(1), journey)
    response, body = on_b.request("GET", ACCEPTED_LOCATION, headers={"Cookie": session})
    return response.status == 200 and b"session.shared@faults.example.gov.uk" in body


def page_cache_is_shared(stack: Stack) -> bool:
    """A public page kept by A is handed out by B. A kept copy carries the Expires header
    written when it was kept; had B rendered the page a second later, its own would differ."""
    # Both asked for the page under the site's own address, as nginx asks them.
    host = {"Host": stack.site.removeprefix("http://")}

    def expires(server: int) -> str:
        request = urllib.request.Request(stack.app(server) + "/signatories?shared=page-cache", headers=host)  # noqa: S310
        return urllib.request.urlopen(request, timeout=10).headers["Expires"]  # noqa: S310 (loopback)

    kept_by_a = expires(0)
    time.sleep(1.1)
    return bool(kept_by_a) and kept_by_a == expires(1)


# Faults ---------------------------------------------------------------------------------


def kill_app_worker(stack: Stack) -> str:
    master = stack.processes["app0"]
    victim = master.children()[0]
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (
        victim in master.children() or len(master.children()) < stack.workers_per_server
    ):
        time.sleep(0.2)
    replaced = victim not in master.children() and len(master.children()) == stack.workers_per_server
    return f"killed gunicorn worker {victim} of app0; {'replaced' if replaced else 'NOT replaced'} by its master"


def restart_postgres(stack: Stack) -> str:
    stack.postgres.stop("fast")
    time.sleep(3)
    stack.postgres.start()
    return "PostgreSQL stopped (fast) and started 3 s later"


def stop_notify(stack: Stack) -> str:
    stack.processes["notify"].stop()
    time.sleep(10)
    stack.start_notify()
    return "the Notify stand-in stopped for 10 s, then started again"


# Counting -------------------------------------------------------------------------------


@dataclass
class Outcome:
    name: str
    domain: str
    what_happened: str
    sent: int = 0
    accepted: int = 0
    stored: int = 0
    duplicates: int = 0
    lost: int = 0
    server_errors: int = 0
    half_written: int = 0
    recovery_seconds: float | None = None
    recovered: bool = True
    foreign_pages: Counter = field(default_factory=Counter)  # error pages that were not the service's
    statuses: Counter = field(default_factory=Counter)

    @property
    def failed(self) -> bool:
        return bool(self.lost or self.duplicates or self.half_written or self.foreign_pages or not self.recovered)


def run_fault(stack: Stack, name: str, domain: str, fault: Callable[[Stack], str]) -> Outcome:
    with ThreadPoolExecutor(1) as pool:
        load = pool.submit(post_load, stack.site, sign_up(domain), clients=CLIENTS, seconds=LOAD_SECONDS, pages=True)
        time.sleep(FAULT_AFTER_SECONDS)
        fault_at = time.monotonic()
        what_happened = fault(stack)
        _, log = load.result()
    outcome = Outcome(name, domain, what_happened, sent=len(log))
    count_answers(outcome, log, fault_at)
    count_rows(stack, outcome, {n for status, _, n, _, _ in log if status == 302})
    return outcome


def count_answers(outcome: Outcome, log: list, fault_at: float) -> None:
    failures = [(at, status, page) for status, _, _, at, page in log if status != 302]
    outcome.accepted = len(log) - len(failures)
    outcome.statuses = Counter(status for status, *_ in log)
    outcome.server_errors = sum(500 <= status < 600 for _, status, _ in failures)
    # Anything but the service's own problem page (from Django or from nginx) is a failure,
    # a connection nobody answered included.
    outcome.foreign_pages = Counter(f"{status} {page}" for _, status, page in failures if SERVICE_PROBLEM not in page)
    if not failures:
        return
    last_failure = max(at for at, _, _ in failures)
    recovered = [at for status, _, _, at, _ in log if status == 302 and at > last_failure]
    outcome.recovered = bool(recovered) and min(recovered) - fault_at <= RECOVERY_LIMIT_SECONDS
    outcome.recovery_seconds = min(recovered) - fault_at if recovered else None


def count_rows(stack: Stack, outcome: Outcome, accepted: set[str]) -> None:
    pattern = f"%@{outcome.domain}"
    rows = stack.postgres.psql(
        f"SELECT email, count(*) FROM accounts_signinlink WHERE email LIKE '{pattern}' GROUP BY email"  # noqa: S608 (our own domains)
    )
    stored = {
        line.split("|")[0].split("@")[0].removeprefix("person."): int(line.split("|")[1]) for line in rows.splitlines()
    }
    outcome.stored = sum(stored.values())
    outcome.duplicates = sum(count > 1 for count in stored.values())
    outcome.lost = len(accepted - stored.keys())
    # Each link is written with the email that carries it; a link whose email is missing can
    # never be used.
    outcome.half_written = int(
        stack.postgres.psql(
            f"SELECT count(*) FROM accounts_signinlink link WHERE link.email LIKE '{pattern}' AND NOT EXISTS "  # noqa: S608
            "(SELECT 1 FROM core_outboundemail e WHERE e.to = link.email AND e.template = 'sign_in_link')"
        )
    )


# Emails ---------------------------------------------------------------------------------


@dataclass
class Delivery:
    queued: int
    unsettled: Counter  # by status: "queued", or "sending" (a worker took it and never settled it)
    missing: int
    sent_twice: int
    retried: int
    seconds: float
    failed: Counter

    @property
    def ok(self) -> bool:
        return not (self.unsettled or self.missing or self.sent_twice or self.failed)


def outbox(stack: Stack, domains: list[str]) -> dict[str, tuple[str, int]]:
    """Each of these sign-ups' email ids, with its status and how many sends it took."""
    where = " OR ".join(f"\"to\" LIKE '%@{domain}'" for domain in domains)
    sql = f"SELECT id, status, attempts FROM core_outboundemail WHERE {where}"  # noqa: S608 (our own domains)
    rows = [line.split("|") for line in stack.postgres.psql(sql).splitlines()]
    return {pk: (status, int(attempts)) for pk, status, attempts in rows}


def wait_for_delivery(stack: Stack, domains: list[str], since: float) -> Delivery:
    deadline = time.monotonic() + OUTBOX_DRAIN_LIMIT_SECONDS
    while True:
        messages = outbox(stack, domains)
        unsettled = Counter(status for status, _ in messages.values() if status in ("queued", "sending"))
        if not unsettled or time.monotonic() > deadline:
            break
        time.sleep(5)
    arrived = Counter(stack.notify_sent())
    sent = [pk for pk, (status, _) in messages.items() if status == "sent"]
    return Delivery(
        queued=len(messages),
        unsettled=unsettled,
        missing=sum(arrived[pk] == 0 for pk in sent),
        sent_twice=sum(arrived[pk] > 1 for pk in messages),
        retried=sum(attempts > 1 for _, attempts in messages.values()),
        seconds=time.monotonic() - since,
        failed=Counter(status for status, _ in messages.values() if status not in ("sent", "queued", "sending")),
    )


# The run --------------------------------------------------------------------------------


def recovery(outcome: Outcome) -> str:
    if outcome.recovery_seconds is None:
        return "no failure" if outcome.recovered else "NOT recovered"
    return f"{outcome.recovery_seconds:.1f} s" + ("" if outcome.recovered else " (too slow)")


def report_outcome(report: Report, outcome: Outcome) -> None:
    pages = (
        "OTHER PAGES"
        if outcome.foreign_pages
        else "GOV.UK problem page"
        if outcome.statuses.keys() - {302}
        else "none seen"
    )
    report.line(
        f"| {outcome.name} | {outcome.sent} | {outcome.accepted} | {outcome.stored} | {outcome.duplicates} "
        f"| {outcome.lost} | {outcome.server_errors} | {outcome.half_written} | {recovery(outcome)} | {pages} |"
    )
    report.line(f"|   ↳ {outcome.what_happened}; answers {dict(sorted(outcome.statuses.items()))} | | | | | | | | | |")
    for page, count in outcome.foreign_pages.most_common(5):
        report.line(f"|   ↳ {count} × {page[:100]} | | | | | | | | | |")


def worker_alive(stack: Stack) -> bool:
    return stack.processes["worker"].popen.poll() is None


def main() -> int:
    report = Report()
    started = datetime.datetime.now(datetime.UTC)
    print("Starting PostgreSQL, Redis, two app servers, nginx, the worker and Notify…", flush=True)
    with Stack(app_servers=2, workers_per_server=2) as stack:
        stack.start_notify()
        stack.start_app_servers()
        stack.start_nginx({"ok.html": b"ok"})
        stack.start_worker()
        report.line(f"\n### {started:%Y-%m-%d %H:%M} UTC, bench/faults, commit {commit()}\n")
        report.line(f"Machine: {machine()}.\n")
        sessions, limits, pages = session_is_shared(stack), rate_limit_is_shared(stack), page_cache_is_shared(stack)
        yes = {True: "yes", False: "NO"}
        report.line(
            f"Shared across two app servers: sessions {yes[sessions]}, rate limits {yes[limits]}, "
            f"kept pages {yes[pages]}.\n"
        )
        report.line(
            f"{CLIENTS} clients posting sign-ups through nginx for {LOAD_SECONDS} s, "
            f"the fault after {FAULT_AFTER_SECONDS} s:\n"
        )
        report.line(f"| {' | '.join(COLUMNS)} |")
        report.line("|---" * len(COLUMNS) + "|")
        outcomes, worker_lived = [], True
        for name, domain, fault in (
            ("kill -9 a gunicorn worker", "kill.faults.example.gov.uk", kill_app_worker),
            ("restart PostgreSQL", "postgres.faults.example.gov.uk", restart_postgres),
            ("stop the email provider", "notify.faults.example.gov.uk", stop_notify),
        ):
            outcomes.append(run_fault(stack, name, domain, fault))
            report_outcome(report, outcomes[-1])
            if not worker_alive(stack):
                worker_lived = False
                code = stack.processes["worker"].popen.returncode
                report.line(f"|   ↳ the background worker EXITED (code {code}); started again | | | | | | | | | |")
                stack.start_worker()

        since = time.monotonic()
        delivery = wait_for_delivery(stack, [outcome.domain for outcome in outcomes], since)
        report.line(
            f"\nEmails for the sign-ups: {delivery.queued} queued, {delivery.retried} of them sent again after a "
            f"failed first send (2-minute backoff); {delivery.seconds:.0f} s after the last load ended "
            f"{dict(delivery.unsettled) or 'none'} still unsent, {delivery.missing} marked sent but not at Notify, "
            f"{delivery.sent_twice} sent twice, other outcomes {dict(delivery.failed) or 'none'}."
        )
        report.line(f"Background worker survived every fault: {yes[worker_lived]}.")
        passed = sessions and limits and pages and worker_lived and delivery.ok and not any(o.failed for o in outcomes)
        report.line("\n**PASSED**" if passed else "\n**FAILED**")
    report.append_to_results()
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
