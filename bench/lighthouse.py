"""Lighthouse (12.2.3, mobile preset) on pages served as in production: DEBUG off, collected and compressed static
files served by WhiteNoise, gunicorn on 127.0.0.1, the demo data in a throw-away SQLite database.

    .venv/bin/python -m bench.lighthouse            # every page of PAGES
    .venv/bin/python -m bench.lighthouse home       # some of them

Scores (0–1) and the main metrics go to bench/results/lighthouse.json and are printed; the exit status is 1 when a
performance or accessibility score is under TARGET. ``make bench`` runs it. Plain HTTP is used locally, so the
production settings run with SECURE_SSL_REDIRECT=0 and no HSTS; everything else is as deployed.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results" / "lighthouse.json"
PYTHON = BASE_DIR / ".venv" / "bin" / "python"
GUNICORN = BASE_DIR / ".venv" / "bin" / "gunicorn"
LIGHTHOUSE = BASE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)

# Name → address, in the demo data `manage.py load_demo` creates. Add the lesson and catalogue pages here.
PAGES = {
    "home": "/",
    "certificate verification": "/certificados/verificar/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {
    "first-contentful-paint": "ms",
    "largest-contentful-paint": "ms",
    "total-blocking-time": "ms",
    "cumulative-layout-shift": "",
    "speed-index": "ms",
    "total-byte-weight": "bytes",
}
TARGET = {"performance": 0.95, "accessibility": 0.95}


def main(names):
    unknown = set(names) - set(PAGES)
    if unknown:
        sys.exit(f"unknown page(s): {', '.join(sorted(unknown))}; known: {', '.join(PAGES)}")
    pages = {name: PAGES[name] for name in names or PAGES}
    with tempfile.TemporaryDirectory(prefix="cocrea-bench-") as folder:
        port = free_port()
        env = production_env(Path(folder), port)
        prepare_site(env)
        with serve(env, port) as base_url:
            results = {name: audit(f"{base_url}{path}", Path(folder) / f"{name}.json") for name, path in pages.items()}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    RESULTS.write_text(
        json.dumps(
            {
                "lighthouse": lighthouse_version(),
                "chromium": subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip(),
                "preset": "mobile (Lighthouse's default: emulated phone, simulated slow 4G and 4x CPU slowdown)",
                "served_by": "gunicorn, lms.settings.production (SECURE_SSL_REDIRECT=0), demo data",
                "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "pages": {**previous.get("pages", {}), **results},
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    below = report(results)
    print(f"\nwritten to {RESULTS.relative_to(BASE_DIR)}")
    return 1 if below else 0


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(folder, port):
    """The production settings, made to work over plain HTTP on 127.0.0.1 with a database of their own."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "BASE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "CELERY_BROKER_URL": "",
        "CACHE_URL": "",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def prepare_site(env):
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [PYTHON, "manage.py", *command, "-v", "0"], cwd=BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL
        )


@contextmanager
def serve(env, port):
    """gunicorn with the production settings on 127.0.0.1, for the duration of a ``with`` block."""
    bind = f"127.0.0.1:{port}"
    process = subprocess.Popen(
        [GUNICORN, "lms.wsgi", "--bind", bind, "--workers", "2", "--log-level", "warning"], cwd=BASE_DIR, env=env
    )
    try:
        base_url = f"http://{bind}"
        wait_for(f"{base_url}/")
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for(url, seconds=60):
    """Until ``url`` answers 200: the first request imports and warms up the whole site."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=seconds) as response:  # noqa: S310 (our own server)
                if response.status == 200:
                    return
        except OSError:  # not listening yet (URLError), or an error page (HTTPError)
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer 200 within {seconds} s")


def audit(url, output):
    """One Lighthouse run; the scores of every category and the values of the main metrics."""
    subprocess.run(
        [
            "node",
            LIGHTHOUSE,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    report = json.loads(output.read_text())
    return {
        "url": url,
        "scores": {category: report["categories"][category]["score"] for category in CATEGORIES},
        "metrics": {
            metric: round(report["audits"][metric]["numericValue"], 3 if metric == "cumulative-layout-shift" else 0)
            for metric in METRICS
        },
        "failed_audits": sorted(
            audit_id
            for category in CATEGORIES
            for audit_id in (ref["id"] for ref in report["categories"][category]["auditRefs"] if ref["weight"])
            if report["audits"][audit_id]["score"] is not None and report["audits"][audit_id]["score"] < 0.9
        ),
    }


def lighthouse_version():
    package = BASE_DIR / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


def report(results):
    """Print the figures; return the scores under TARGET."""
    below = []
    for name, result in results.items():
        scores = "  ".join(f"{category} {score:.2f}" for category, score in result["scores"].items())
        metrics = "  ".join(f"{metric} {value:g}{METRICS[metric]}" for metric, value in result["metrics"].items())
        print(f"{name} ({result['url']})\n  {scores}\n  {metrics}")
        if result["failed_audits"]:
            print(f"  audits under 0.9: {', '.join(result['failed_audits'])}")
        below += [
            f"{name} {category} {result['scores'][category]:.2f} < {target}"
            for category, target in TARGET.items()
            if result["scores"][category] < target
        ]
    for line in below:
        print(f"UNDER TARGET: {line}")
    return below


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
