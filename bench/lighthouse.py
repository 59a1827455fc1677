"""Lighthouse (12.2.3, mobile preset) on pages served as in production: DEBUG off, collected and compressed static
files served by WhiteNoise, gunicorn on 127.0.0.1, the demo data in a throw-away SQLite database.

    .venv/bin/python -m bench.lighthouse            # every page of PAGES
    .venv/bin/python -m bench.lighthouse home       # some of them

Scores (0–1) and the main metrics go to bench/results/lighthouse.json, a line per page, and are printed (Lighthouse's
full reports, one per page, to var/bench/lighthouse/, which is not committed); the exit status is 1 when a
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

from bench import results

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = results.RESULTS_DIR / "lighthouse.json"
PYTHON = BASE_DIR / ".venv" / "bin" / "python"
GUNICORN = BASE_DIR / ".venv" / "bin" / "gunicorn"
LIGHTHOUSE = BASE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)

# Name → (address in the demo data `manage.py load_demo` creates, the demo account to sign in as or None). The
# catalogue and lesson are the pages tests/browser/ holds to a page-weight budget (tests/browser/content.py).
PAGES = {
    "home": ("/", None),
    "catalogue": ("/cursos/", None),
    "lesson": (
        "/cursos/ciudad-inteligente-desde-abajo/el-caso-smart-city-gran-concepcion/tres-principios-del-programa/",
        "funcionaria@cocrea.test",  # enrolled in that course, as lessons are only open to learners enrolled
    ),
    "certificate verification": ("/certificados/verificar/", None),
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
        cookies = {email: session_cookie(env, email) for _path, email in pages.values() if email}
        with serve(env, port) as base_url:
            reports = results.detail_dir("lighthouse")
            audits = {
                name: audit(f"{base_url}{path}", reports / f"{name}.json", cookies.get(email))
                for name, (path, email) in pages.items()
            }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    RESULTS.write_text(
        results.dumps(
            {
                "lighthouse": lighthouse_version(),
                "chromium": subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip(),
                "preset": "mobile (Lighthouse's default: emulated phone, simulated slow 4G and 4x CPU slowdown)",
                "served_by": "gunicorn, lms.settings.production (SECURE_SSL_REDIRECT=0), demo data",
                "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "pages": {**previous.get("pages", {}), **audits},
            }
        )
    )
    below = report(audits)
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
    """Static files are collected first: the demo renders the toolkit's PDFs, whose templates name them."""
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_demo"]):
        subprocess.run(
            [PYTHON, "manage.py", *command, "-v", "0"], cwd=BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL
        )


def session_cookie(env, email):
    """A ``Cookie`` header value that signs the demo account ``email`` in (a session in the bench database)."""
    code = (
        "from django.conf import settings; from django.test import Client; from accounts.models import User; "
        f"client = Client(); client.force_login(User.objects.get(email={email!r})); "
        "print(f'{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}')"
    )
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=BASE_DIR, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout.strip().splitlines()[-1]


def site_behind_the_proxy():
    """What gunicorn serves: the site, with public images answered from MEDIA_URL as the proxy in front of it does
    in production (README, "Media"), so the catalogue's covers and a lesson's images load and count."""
    from django.conf import settings
    from whitenoise import WhiteNoise

    from lms.wsgi import application

    # autorefresh: renditions are made when a page first shows them, after the server started.
    return WhiteNoise(
        application, root=settings.MEDIA_ROOT, prefix=settings.MEDIA_URL, autorefresh=True, max_age=60 * 60 * 24
    )


@contextmanager
def serve(env, port):
    """gunicorn with the production settings on 127.0.0.1, for the duration of a ``with`` block."""
    bind = f"127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            GUNICORN,
            "bench.lighthouse:site_behind_the_proxy()",
            "--bind",
            bind,
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
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


def audit(url, output, cookie=None):
    """One Lighthouse run (signed in when ``cookie`` is given); the scores of every category and the values of the
    main metrics."""
    signed_in = [f"--extra-headers={json.dumps({'Cookie': cookie})}"] if cookie else []
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
            *signed_in,
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    report = json.loads(output.read_text())
    if report["finalDisplayedUrl"] != url:  # e.g. sent to sign in: the scores would be another page's
        raise RuntimeError(f"{url} led to {report['finalDisplayedUrl']}; Lighthouse audited another page")
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
