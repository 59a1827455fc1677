"""Cocrea side by side with Kolibri, the Django LMS most like it, on the same machine with the same load client.

    .venv/bin/python -m bench.peer                        # what `make bench-peer` runs (about 6 minutes)
    .venv/bin/python -m bench.peer --rounds 3 -n 100 --max-seconds 4

The peer lives outside this repository (``../shared/peers/kolibri/``, or ``BENCH_PEER_DIR``): its ``setup.sh``
installs Kolibri under ``/tmp/peer-kolibri`` with synthetic data, and its ``bench_client.py`` is a standard-library
load client. Its generic part (one keep-alive connection and cookie jar per client, ``run_scenario``, the process
probes) is loaded from there at run time and drives both servers; Kolibri's own scenarios run through that same
file, unchanged, in a process of its own.

Both servers get data of the same size: Kolibri one facility of 4 classes of 25 learners; Cocrea one comuna of 100
officials in 4 positions of 25, each enrolled in the 4 demo courses with some progress, and its coordinator. Each
round starts one server, warms it up, measures every page at 1 and 4 clients, and stops it, then the other (the
order alternates). Cocrea runs as ``bench.server`` runs it (gunicorn, 1 worker × 4 threads, production settings,
PostgreSQL, Redis); Kolibri as one process with 4 server threads on SQLite. The machine is shared and noisy, so the
figures that count are the ratios within a round (Cocrea ÷ Kolibri, requests per second), as medians over rounds,
written to ``bench/results/peer.json``.

Pages and their Kolibri counterpart: the anonymous home page and catalogue against Kolibri's sign-in page; the
learner's dashboard and a lesson against the learner's classes with progress; the coordinator's comuna report (a
page of 50 of 100 officials) against the coach's class summary (25 learners); marking a lesson complete (a new
completion each request) against the progress heartbeat.
"""

import argparse
import importlib.util
import json
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

from . import results, server

PEER_DIR = Path(os.environ.get("BENCH_PEER_DIR", results.BASE_DIR.parent / "shared" / "peers" / "kolibri"))
KOLIBRI = Path("/tmp/peer-kolibri")  # noqa: S108 -- where the peer's setup.sh installs it
#: The comuna whose 100 officials the coordinator's report lists; officials who complete lessons are elsewhere.
COMUNA, ELSEWHERE = "08109", "08111"
POSITIONS = ("Dirección de Obras", "Secplan", "Dirección de Tránsito", "Desarrollo Comunitario")
OFFICIALS = 100
OPEN_COURSE = "ciudad-inteligente-desde-abajo"
LEVELS = (1, 4)
WARM_UP = 20
#: Warm-up requests per client before each measurement (the peer's ``run_scenario``).
CLIENT_WARM_UP = 5
#: Cocrea's page → Kolibri's scenario it is compared with.
PAGES = {
    "home": "a_anon_signin_page",
    "catalogue": "a_anon_signin_page",
    "dashboard": "b_learner_classrooms",
    "lesson": "b_learner_classrooms",
    "report": "c_coach_class_summary",
    "complete": "d_learner_progress_PUT",
}


def load_peer_client():
    """The peer's ``bench_client.py``, loaded from its folder (it is not part of this repository)."""
    path = PEER_DIR / "bench_client.py"
    if not path.exists():
        raise SystemExit(f"the Kolibri peer is not there: {path} (BENCH_PEER_DIR)")
    spec = importlib.util.spec_from_file_location("peer_bench_client", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port():
    """A free port on 127.0.0.1, within ``BENCH_PORTS`` ("8700-8799") when set."""
    if "BENCH_PORTS" not in os.environ:
        return server.free_port()
    import socket

    low, high = map(int, os.environ["BENCH_PORTS"].split("-"))
    for port in range(low, high + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {os.environ['BENCH_PORTS']}")


# ------------------------------------------------------------------------------------------------------- Kolibri
def set_up_kolibri():
    subprocess.run(["bash", PEER_DIR / "setup.sh"], check=True, stdout=subprocess.DEVNULL)
    return json.loads((KOLIBRI / "home" / "peer-bench.json").read_text())


def run_kolibri(options, folder):
    """Start Kolibri (one process, 4 threads), run the peer's own client on scenarios a–d, stop it; its results."""
    port, zip_port = free_port(), None
    with _holding(port):
        zip_port = free_port()
    env = {  # nothing of Cocrea's environment (DJANGO_SETTINGS_MODULE…)
        **{name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ},
        "KOLIBRI_HOME": str(KOLIBRI / "home"),
        "KOLIBRI_LISTEN_ADDRESS": "127.0.0.1",
        "KOLIBRI_HTTP_PORT": str(port),
        "KOLIBRI_ZIP_CONTENT_PORT": str(zip_port),
        "KOLIBRI_ZEROCONF_ENABLED": "False",
        "KOLIBRI_DISABLE_PING": "True",
        "KOLIBRI_RUN_MODE": "peer-bench",
        "KOLIBRI_CHERRYPY_THREAD_POOL": "4",
    }
    python = KOLIBRI / "venv" / "bin" / "python"
    log = open(Path(folder) / "kolibri.log", "ab")  # noqa: SIM115 -- closed with the server
    process = subprocess.Popen(
        [KOLIBRI / "venv" / "bin" / "kolibri", "start", "--foreground", "--skip-update", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/api/public/info/", process)
        out = Path(folder) / "kolibri.json"
        subprocess.run(
            [python, PEER_DIR / "bench_client.py", "--base", base, "--info", KOLIBRI / "home" / "peer-bench.json"]
            + ["--pid", str(process.pid), "-n", str(options.n), "-c", ",".join(map(str, LEVELS))]
            + ["--max-seconds", str(options.max_seconds), "--only", "a,b,c,d", "--out", out],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        document = json.loads(out.read_text())
    finally:
        stop(process)
        log.close()
    rows = {(run["scenario"], run["concurrency"]): run for run in document["runs"]}
    return rows, document["final"]


class _holding:
    """Keeps a port bound while the next one is chosen, so two choices differ."""

    def __init__(self, port):
        import socket

        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", port))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.socket.close()


def stop(process):
    """SIGTERM to the server's own process group, SIGKILL after 20 s."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_for(url, process, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=10):  # noqa: S310 (our own server on 127.0.0.1)
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


# -------------------------------------------------------------------------------------------------------- Cocrea
def build_cocrea():
    """The comuna of 100 officials (4 positions of 25), each enrolled in every demo course with some progress, and
    its coordinator. Idempotent."""
    import random

    from django.db import connection, transaction

    from accounts.models import User
    from courses.models import Completion, Enrolment

    from . import dataset

    if not User.objects.filter(email__startswith="comuna.", email__endswith=f"@{dataset.EMAIL_DOMAIN}").exists():
        rng = random.Random(dataset.SEED)  # noqa: S311 -- synthetic data
        with transaction.atomic():
            officials = dataset.new_officials("comuna", OFFICIALS, rng, [COMUNA], POSITIONS)
            now = time_now()
            enrolments, completions = [], []
            for official in officials:
                for course, items in dataset.demo_courses():
                    enrolled_at = now - timedelta(days=rng.randint(1, 365))
                    done = items[: rng.randint(0, len(items))]
                    record = dataset.history_enrolment(official, course, items, done, enrolled_at, now, rng)
                    enrolments.append(record)
                    completions += dataset.history_completions(official, done, record)
            Enrolment.objects.bulk_create(enrolments)
            Completion.objects.bulk_create(completions)
            dataset.coordinators()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "comuna": COMUNA,
        "officials_in_comuna": User.objects.filter(municipality__code=COMUNA).count(),
        "courses": len(dataset.demo_courses()),
        "enrolments": Enrolment.objects.filter(user__municipality__code=COMUNA).count(),
        "completions": Completion.objects.filter(user__municipality__code=COMUNA).count(),
    }


def time_now():
    from django.utils import timezone

    return timezone.now()


def cocrea_plan(options):
    """Sessions and addresses for one round; completers are fresh officials of another comuna, enough for a new
    completion on every request."""
    from django.urls import reverse

    from accounts.models import User
    from courses.models import LessonPage

    from . import dataset

    officials = list(User.objects.filter(email__startswith="comuna.", email__endswith=f"@{dataset.EMAIL_DOMAIN}"))
    coordinator = User.objects.get(email=f"coordinacion.{COMUNA}@{dataset.EMAIL_DOMAIN}")
    items = next(items for course, items in dataset.demo_courses() if course.slug == OPEN_COURSE)
    lessons = [item for item in items if issubclass(item.specific_class, LessonPage)]
    # The first client makes the page's warm-up, then at each number of clients its own warm-up and, at worst (the
    # others being slow), every measured request: each queue holds that many, so no request finds its queue empty.
    per_client = WARM_UP + len(LEVELS) * (CLIENT_WARM_UP + options.n)
    completers = dataset.learners(
        f"completa-{time.time_ns()}", math.ceil(per_client / len(lessons)) * max(LEVELS), [OPEN_COURSE], [ELSEWHERE]
    )
    emails = [account.email for account in completers]
    people = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    queues = [[] for _ in range(max(LEVELS))]
    for number, account in enumerate(completers):
        queues[number % max(LEVELS)] += [(account.session, lesson.pk) for lesson in lessons]
    return {
        "learners": dataset.sign_in(officials[: max(LEVELS)]),
        "coordinator": dataset.sign_in([coordinator])[0],
        "lessons": [lesson.url for lesson in lessons],
        "report": reverse("reports:municipality", args=[COMUNA]),
        "completions": queues,
        "completers": list(people.values()),
        "pairs": sum(map(len, queues)),
        "complete_url": "/mi-aprendizaje/actividades/{}/completar/",
    }


def run_cocrea(env, options, peer, plan):
    """Start gunicorn (1 worker × 4 threads), measure each page at 1 and 4 clients, stop it; the rows and memory."""
    headers = {"X-Forwarded-Proto": "https", "Accept-Language": "es-CL,es;q=0.9", "Accept": "text/html"}
    config = server.ServerConfig(workers=1, threads=4)
    with server.gunicorn(env, config, port=free_port()) as running:
        base = running.base_url
        origin = "https://" + base.split("://", 1)[1]

        def clients(session=None, count=None):
            made = [peer.Client(base) for _ in range(count or max(LEVELS))]
            for client in made:
                client.cookies["csrftoken"] = "k" * 32
                if session:
                    client.cookies["sessionid"] = session
            return made

        anonymous = clients()
        learners = [clients(session, 1)[0] for session in plan["learners"]]
        coordinators = clients(plan["coordinator"])
        completers = clients()
        positions = [0] * max(LEVELS)

        def get(path):
            return lambda i, c: c.request("GET", path, headers=headers)

        def lesson(i, c):
            positions[i] += 1
            return c.request("GET", plan["lessons"][positions[i] % len(plan["lessons"])], headers=headers)

        def complete(i, c):
            session, item = plan["completions"][i].pop()
            c.cookies["sessionid"] = session
            status, body = c.request(
                "POST",
                plan["complete_url"].format(item),
                headers={**headers, "Origin": origin, "Referer": f"{origin}/"},
                csrf_cookie="csrftoken",
            )
            c.cookies.pop("messages", None)  # "marked as completed" is for the next page, which is not asked for
            return (200 if status == 302 else status), body  # the answer is a redirect to the next item

        scenarios = [
            ("home", anonymous, get("/")),
            ("catalogue", anonymous, get("/cursos/")),
            ("dashboard", learners, get("/mi-aprendizaje/")),
            ("lesson", learners, lesson),
            ("report", coordinators, get(plan["report"])),
            ("complete", completers, complete),
        ]
        for _name, pool, request in scenarios:
            for _ in range(WARM_UP):
                request(0, pool[0])
        rows = {}
        database = DatabaseCpu(env)
        for name, pool, request in scenarios:
            for level in LEVELS:
                before = database.seconds()
                pid = running.process.pid
                row = peer.run_scenario(
                    name, pool[:level], request, options.n, options.max_seconds, pid, warmup=CLIENT_WARM_UP
                )
                row["database_cpu_ms_per_req"] = round(database.since(before) * 1000 / row["requests"], 2)
                rows[(name, level)] = row
        memory = {
            "tree": peer.mem_kib(running.process.pid),
            "worker_vmhwm_kib": max(round(peak * 1024) for peak in running.peak_rss_mb()),
        }
        for client in anonymous + learners + coordinators + completers:
            client.close()
    return rows, memory


class DatabaseCpu:
    """CPU time of the PostgreSQL backends serving the benchmark's database (the server's connections)."""

    def __init__(self, env):
        import psycopg

        self.connection = psycopg.connect(env["DATABASE_URL"], autocommit=True)

    def seconds(self):
        """Each backend's CPU seconds so far (a backend that closes takes its time with it: ``since`` skips it)."""
        pids = self.connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
        times = {}
        for (pid,) in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # not on this machine's /proc, or gone
                continue
            times[pid] = (int(fields[11]) + int(fields[12])) / server.CLOCK_TICKS
        return times

    def since(self, before):
        return sum(seconds - before.get(pid, 0) for pid, seconds in self.seconds().items())


def completions_lost(plan):
    """Completions asked for (warm-up included) that are not in the database."""
    from courses.models import Completion

    asked = plan["pairs"] - sum(map(len, plan["completions"]))
    return asked - Completion.objects.filter(user_id__in=plan["completers"]).count()


# -------------------------------------------------------------------------------------------------------- report
def ratios(rounds):
    """Per page and number of clients: each round's figures and ratio, and the median ratio."""
    rows = []
    for page, scenario in PAGES.items():
        for level in LEVELS:
            pairs = [(one["cocrea"][(page, level)], one["kolibri"][(scenario, level)]) for one in rounds]
            per_round = [round(cocrea["rps"] / kolibri["rps"], 2) for cocrea, kolibri in pairs if kolibri["rps"]]
            rows.append(
                {
                    "page": page,
                    "kolibri": scenario,
                    "clients": level,
                    "ratio_median": round(statistics.median(per_round), 2) if per_round else None,
                    "ratios": per_round,
                    "cocrea_rps": [cocrea["rps"] for cocrea, _kolibri in pairs],
                    "kolibri_rps": [kolibri["rps"] for _cocrea, kolibri in pairs],
                    "cocrea_cpu_ms": statistics.median(cocrea["server_cpu_ms_per_req"] for cocrea, _k in pairs),
                    "cocrea_db_cpu_ms": statistics.median(cocrea["database_cpu_ms_per_req"] for cocrea, _k in pairs),
                    "kolibri_cpu_ms": statistics.median(kolibri["server_cpu_ms_per_req"] for _c, kolibri in pairs),
                    "cocrea_p95_ms": statistics.median(cocrea["p95_ms"] for cocrea, _kolibri in pairs),
                    "cocrea_bytes": pairs[-1][0]["avg_bytes"],
                    "kolibri_bytes": pairs[-1][1]["avg_bytes"],
                    "errors": sum(cocrea["errors"] for cocrea, _kolibri in pairs),
                }
            )
    mib = 1024
    rows.append(
        {
            "page": "memory (peak RSS, MiB)",
            "cocrea_worker": max(one["cocrea_memory"]["worker_vmhwm_kib"] for one in rounds) / mib,
            "cocrea_tree": max(one["cocrea_memory"]["tree"]["vmhwm_kib"] for one in rounds) / mib,
            "kolibri_process": max(one["kolibri_memory"]["vmhwm_kib"] for one in rounds) / mib,
        }
    )
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("-n", type=int, default=100, help="measured requests per page and number of clients")
    parser.add_argument("--max-seconds", type=float, default=4.0, help="at most this long per page and clients")
    parser.add_argument("--reuse-db", action="store_true", help="keep the benchmark database if it is there")
    parser.add_argument("--name", default="peer", help="results file: bench/results/<name>.json (default: peer)")
    options = parser.parse_args(argv)
    peer = load_peer_client()
    started = time.time()
    print("Setting up Kolibri (the peer's setup.sh)…", flush=True)
    kolibri_info = set_up_kolibri()
    from .load import set_up

    with tempfile.TemporaryDirectory(prefix="cocrea-peer-") as folder:
        env = server.production_env(folder)
        dataset = set_up(env, options.reuse_db, build=build_cocrea)
        rounds, lost = [], 0
        for number in range(options.rounds):
            plan = cocrea_plan(options)
            one = {}
            for side in ("kolibri", "cocrea") if number % 2 == 0 else ("cocrea", "kolibri"):
                if side == "kolibri":
                    one["kolibri"], one["kolibri_memory"] = run_kolibri(options, folder)
                else:
                    one["cocrea"], one["cocrea_memory"] = run_cocrea(env, options, peer, plan)
            lost += completions_lost(plan)
            rounds.append(one)
            print(f"round {number + 1}/{options.rounds} done", flush=True)
    rows = ratios(rounds)
    path = results.write(
        options.name,
        started=started,
        dataset={"cocrea": dataset, "kolibri": {"learners": len(kolibri_info["learners"]), "classes": 4}},
        server={
            "cocrea": server.ServerConfig(workers=1, threads=4).describe(),
            "kolibri": "kolibri 0.19.5 start --foreground, 4 cheroot threads, SQLite",
        },
        rows=rows,
        notes=[
            f"{options.rounds} interleaved rounds; per page and number of clients at most {options.n} requests or "
            f"{options.max_seconds:g} s after {WARM_UP} warm-up requests per page and {CLIENT_WARM_UP} per client, "
            "with the peer's bench_client.py; ratios are Cocrea ÷ Kolibri requests per second within a round, "
            "medians over rounds.",
            "CPU ms per request: Cocrea's gunicorn process tree, and separately its PostgreSQL backends; Kolibri's "
            "one process (its SQLite runs inside it).",
            f"completions measured but not found in the database: {lost}",
        ],
    )
    print()
    columns = ["page", "clients", "ratio_median", "ratios", "cocrea_cpu_ms", "cocrea_db_cpu_ms", "kolibri_cpu_ms"]
    print(results.table([row for row in rows if "clients" in row], columns))
    print(json.dumps(rows[-1]))
    print(f"\nwritten to {path.relative_to(results.BASE_DIR)} in {time.time() - started:.0f} s")
    errors = sum(row.get("errors", 0) for row in rows)
    return 1 if errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())
