"""The platform as production runs it, on 127.0.0.1, for the load benchmark: PostgreSQL, Redis as broker and cache,
a Celery worker and gunicorn with the production settings. Everything started here is stopped here.

The production settings run unchanged (HTTPS redirect, HSTS, secure cookies): the load client sends what the TLS
proxy in front would (``X-Forwarded-Proto: https``). Database connections are kept open for a minute
(``DATABASE_CONN_MAX_AGE=60``), as a deployment should.
"""

import os
import secrets
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .lighthouse import free_port

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = BASE_DIR / ".venv" / "bin"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cocrea_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def production_env(folder):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",  # production's, plus the ceiling route
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "BASE_URL": "https://127.0.0.1",
        "DATABASE_URL": DATABASE_URL,
        "DATABASE_CONN_MAX_AGE": "60",
        "CELERY_BROKER_URL": REDIS_URL,
        "CACHE_URL": REDIS_URL,
        "MEDIA_ROOT": str(Path(folder) / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",  # nothing leaves the machine
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def reset_services(env):
    """An empty benchmark database and Redis database (both are the benchmark's own)."""
    import psycopg
    import redis

    address = urlsplit(env["DATABASE_URL"])
    name = address.path.lstrip("/")
    with psycopg.connect(address._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(env["CACHE_URL"]).flushdb()


def prepare_site(env):
    """Migrate, load the demo and collect the static files. The demo's PDFs are rendered here (no broker), so the
    Celery worker starts the benchmark with an empty queue."""
    eager = {**env, "CELERY_BROKER_URL": ""}
    for command in (["collectstatic", "--noinput"], ["migrate", "--noinput"], ["load_demo"]):
        manage(eager, command)


def manage(env, command):
    subprocess.run(
        [VENV_BIN / "python", "manage.py", *command, "-v", "0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def set_up(env, reuse):
    """The database (afresh unless ``reuse`` and it answers, else migrated) with the demo; Django set up in this
    process on it."""
    fresh = not reuse
    if reuse:
        import psycopg

        try:
            psycopg.connect(env["DATABASE_URL"]).close()
        except psycopg.OperationalError:
            fresh = True
    if fresh:
        print("Preparing the database (migrate, demo, static files)…", flush=True)
        reset_services(env)
        prepare_site(env)
    else:  # kept from another checkout, maybe an older one: this checkout's tables
        manage({**env, "CELERY_BROKER_URL": ""}, ["migrate", "--noinput"])
    os.environ.update(env)
    import django

    django.setup()


@contextmanager
def celery_worker(env):
    process = subprocess.Popen(
        [VENV_BIN / "celery", "-A", "lms", "worker", "--concurrency", "1", "--loglevel", "WARNING", "--without-gossip"],
        cwd=BASE_DIR,
        env=env,
    )
    try:
        yield process
    finally:
        stop(process)


@dataclass(frozen=True)
class ServerConfig:
    workers: int
    threads: int

    @property
    def label(self):
        return f"{self.workers}×{self.threads}"

    def describe(self):
        return {
            "server": "gunicorn (gthread workers)",
            "workers": self.workers,
            "threads_per_worker": self.threads,
            "settings": "lms.settings.production",
            "database": "PostgreSQL (DATABASE_CONN_MAX_AGE=60)",
            "cache_and_broker": "Redis",
        }


class Server:
    def __init__(self, process, base_url):
        self.process = process
        self.base_url = base_url

    def workers(self):
        """The worker processes' ids (gunicorn's children)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def cpu_seconds(self):
        """User plus system CPU time of every worker so far."""
        total = 0
        for pid in self.workers():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
        return total / CLOCK_TICKS

    def peak_rss_mb(self):
        """Each worker's peak resident memory (VmHWM) so far, in MB."""
        peaks = []
        for pid in self.workers():
            status = Path(f"/proc/{pid}/status").read_text().splitlines()
            peaks.append(next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024)
        return peaks


@contextmanager
def gunicorn(env, config, port=None):
    port = port or free_port()
    bind = f"127.0.0.1:{port}"
    command = [
        VENV_BIN / "gunicorn",
        "lms.wsgi",
        "--bind",
        bind,
        "--workers",
        str(config.workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(config.threads),
        "--keep-alive",
        "5",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env)
    try:
        base_url = f"http://{bind}"
        wait_for(f"{base_url}/bench/techo/")
        yield Server(process, base_url)
    finally:
        stop(process)


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for(url, seconds=60):
    """Until ``url`` answers 200 to a request as the proxy forwards it (the first one warms a worker up)."""
    deadline = time.monotonic() + seconds
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310 (our own server)
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(request, timeout=seconds) as response:  # noqa: S310 (our own server)
                if response.status == 200:
                    return
        except OSError:  # not listening yet
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer 200 within {seconds} s")
