"""The production stack on loopback, started and stopped by the bench scripts: a throw-away
PostgreSQL cluster, app servers under gunicorn, the shipped nginx configuration in front of
them, the background worker and a stand-in for GOV.UK Notify.

Everything lives under one temporary folder and is stopped when the `Stack` context ends.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import suppress
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SHIPPED_NGINX_CONF = REPO / "deploy" / "nginx" / "localdigital.conf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback only)
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {seconds} s") from None
            time.sleep(0.2)


def _as_postgres(command: list[str]) -> list[str]:
    # initdb and pg_ctl refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Postgres:
    def __init__(self, root: Path):
        bindirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
        if not bindirs:
            raise SystemExit("PostgreSQL server binaries not found: apt-get install postgresql")
        self.bin = bindirs[-1]
        self.data = root / "postgres"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/localdigital"

    def create(self) -> None:
        self.data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres")
        initdb = [str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust"]
        subprocess.run(_as_postgres([*initdb, "--encoding=UTF8", "--locale=C.UTF-8"]), check=True, capture_output=True)
        # As a small production server would be set up, with fsync on: the write floor and the
        # journeys pay the same price for a durable commit.
        settings = {"listen_addresses": "'127.0.0.1'", "max_connections": "200", "shared_buffers": "256MB"}
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())
        self.start()
        subprocess.run(
            [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "localdigital"],
            check=True,
        )

    def _ctl(self, *args: str) -> None:
        command = [str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.data / "server.log"), *args]
        subprocess.run(_as_postgres(command), check=True, capture_output=True)

    def start(self) -> None:
        self._ctl("-w", "-o", f"-p {self.port} -k {self.data}", "start")

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-w", "-m", mode, "stop")

    def psql(self, sql: str) -> str:
        command = [str(self.bin / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        result = subprocess.run([*command, "-At", "-d", "localdigital", "-c", sql], check=True, capture_output=True)
        return result.stdout.decode().strip()


class Process:
    """A long-running child process with its output in a log file."""

    def __init__(self, name: str, command: list[str], env: dict, root: Path):
        self.name, self.command, self.env = name, command, env
        self.log = root / f"{name}.log"
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.popen = subprocess.Popen(  # noqa: S603 (our own commands)
                self.command, env=self.env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def stop(self) -> None:
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()

    def children(self) -> list[int]:
        result = subprocess.run(["pgrep", "-P", str(self.popen.pid)], capture_output=True, text=True)
        return [int(pid) for pid in result.stdout.split()]


class Stack:
    """with Stack(app_servers=2) as stack: ... — the service as in production, on loopback."""

    def __init__(self, *, app_servers: int = 1, workers_per_server: int = 4, redis: bool = True):
        self.root = Path(tempfile.mkdtemp(prefix="localdigital-bench-"))
        # nginx's workers and the postgres user read inside it.
        os.chmod(self.root, 0o755)
        self.postgres = Postgres(self.root)
        self.app_ports = [free_port() for _ in range(app_servers)]
        self.workers_per_server = workers_per_server
        self.nginx_port, self.static_port, self.notify_port = free_port(), free_port(), free_port()
        self.redis_port = free_port() if redis else None
        self.processes: dict[str, Process] = {}
        self.env = self._environment()

    @property
    def site(self) -> str:
        return f"http://127.0.0.1:{self.nginx_port}"

    def app(self, index: int = 0) -> str:
        return f"http://127.0.0.1:{self.app_ports[index]}"

    def _environment(self) -> dict:
        env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="bench.settings",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=self.postgres.url,
            # TLS ends in front of nginx in production; on loopback there is none.
            HTTPS="false",
            SITE_URL=f"http://127.0.0.1:{self.nginx_port}",
            STATIC_ROOT=str(self.root / "static"),
            MEDIA_ROOT=str(self.root / "media"),
            # The shipped nginx configuration passes the client's address in X-Real-IP.
            RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP",
            EMAIL_CHANNEL="notify",
            NOTIFY_API_KEY=f"bench-{uuid.uuid4()}-{uuid.uuid4()}",
            NOTIFY_TEMPLATE_ID=str(uuid.uuid4()),
            NOTIFY_BASE_URL=f"http://127.0.0.1:{self.notify_port}",
            LOG_LEVEL="WARNING",
            # A message a worker was sending when the database went away is sent again (after
            # asking Notify) once it has been "sending" this long: a minute, not the default ten,
            # so bench/faults can wait for it.
            OUTBOX_STUCK_AFTER_SECONDS="60",
        )
        if self.redis_port:
            env["CACHE_URL"] = f"redis://127.0.0.1:{self.redis_port}/0"
        return env

    def manage(self, *args: str, **env: str) -> None:
        command = [str(VENV_BIN / "python"), "manage.py", *args]
        result = subprocess.run(command, env=self.env | env, cwd=REPO, capture_output=True, text=True)
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")

    def python(self, code: str) -> str:
        """Run `code` inside Django (the bench settings) and return what it printed."""
        command = [str(VENV_BIN / "python"), "manage.py", "shell", "--no-imports", "-c", code]
        result = subprocess.run(command, env=self.env, cwd=REPO, check=True, capture_output=True, text=True)
        return result.stdout.strip()

    # Set-up ------------------------------------------------------------------------------

    def __enter__(self) -> "Stack":
        try:
            if self.redis_port:
                self.start_redis()
            self.postgres.create()
            for step in (
                ["migrate", "--no-input"],
                ["createcachetable"],
                ["collectstatic", "--no-input"],
                ["import_organisations"],
                ["record_founding_signatures"],
            ):
                self.manage(*step)
            # The demo dataset refuses to load outside development, to keep it out of production.
            self.manage("load_demo_data", DEBUG="true")
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for process in reversed(list(self.processes.values())):
            process.stop()
        with suppress(Exception):
            self.postgres.stop("immediate")
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(self.root, ignore_errors=True)

    # The parts ---------------------------------------------------------------------------

    def _start(self, process: Process) -> Process:
        self.processes[process.name] = process
        process.start()
        return process

    def start_redis(self) -> Process:
        # Counts and kept pages only: nothing worth writing to disk.
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.redis_port), "--save", ""]
        process = self._start(Process("redis", command, self.env, self.root))
        deadline = time.monotonic() + 10
        while subprocess.run(["redis-cli", "-p", str(self.redis_port), "ping"], capture_output=True).returncode:
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.1)
        return process

    def start_app_servers(self) -> None:
        for index, port in enumerate(self.app_ports):
            command = [str(VENV_BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}"]
            command += ["--workers", str(self.workers_per_server)]
            command += ["--access-logfile", str(self.root / f"access{index}.log")]
            self._start(Process(f"app{index}", command, self.env, self.root))
        for index in range(len(self.app_ports)):
            wait_for(self.app(index) + "/healthcheck")

    def start_worker(self) -> Process:
        command = [str(VENV_BIN / "python"), "manage.py", "run_worker", "--no-reload", "--no-startup-delay"]
        return self._start(Process("worker", command, self.env, self.root))

    def start_notify(self) -> Process:
        command = [str(VENV_BIN / "python"), "-m", "tests.fake_notify", str(self.notify_port)]
        command += [str(self.root / "notify-sent.txt")]
        process = self._start(Process("notify", command, self.env, self.root))
        wait_for(f"http://127.0.0.1:{self.notify_port}/healthcheck")
        return process

    def notify_sent(self) -> list[str]:
        """The references of every message the stand-in for Notify accepted."""
        path = self.root / "notify-sent.txt"
        return path.read_text().split() if path.exists() else []

    def start_nginx(self, static_pages: dict[str, bytes]) -> Process:
        """nginx with the shipped configuration (only addresses and folders changed) and a
        second server on `static_port` that serves each of `static_pages` as a plain file."""
        (self.root / "nginx-cache").mkdir(exist_ok=True)
        (self.root / "static-floor").mkdir(exist_ok=True)
        for name, content in static_pages.items():
            (self.root / "static-floor" / name).write_bytes(content)
        site = SHIPPED_NGINX_CONF.read_text()
        for shipped, here in {
            "listen 8080;": f"listen 127.0.0.1:{self.nginx_port};",
            "server 127.0.0.1:8001;": "\n    ".join(f"server 127.0.0.1:{port};" for port in self.app_ports),
            "server 127.0.0.1:8002;": "",
            "/var/cache/nginx/localdigital": str(self.root / "nginx-cache"),
            "/srv/localdigital/staticfiles": str(self.root / "static"),
            "/srv/localdigital": str(REPO),
        }.items():
            if shipped not in site:
                raise RuntimeError(f"deploy/nginx/localdigital.conf no longer has {shipped!r}")
            site = site.replace(shipped, here)
        (self.root / "site.conf").write_text(site)
        temp = self.root / "nginx-temp"
        temp.mkdir(exist_ok=True)
        (self.root / "nginx.conf").write_text(
            f"""
daemon off;
worker_processes auto;
pid {self.root}/nginx.pid;
error_log {self.root}/nginx-error.log warn;
{"user root root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log {self.root}/nginx-access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {self.root}/site.conf;
    server {{
        listen 127.0.0.1:{self.static_port};
        root {self.root}/static-floor;
    }}
}}
"""
        )
        process = self._start(Process("nginx", ["nginx", "-c", str(self.root / "nginx.conf")], self.env, self.root))
        wait_for(f"http://127.0.0.1:{self.static_port}/{next(iter(static_pages))}")
        return process
