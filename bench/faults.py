"""The platform on its production settings while its services fail: the cache's Redis, the broker, a Celery worker.

    make bench-faults                          # .venv/bin/python -m bench.faults (about 5 minutes)
    .venv/bin/python -m bench.faults --reuse-db --wait 60 --name try

Everything runs on 127.0.0.1 and is stopped here: PostgreSQL's database ``cocrea_faults`` (made afresh unless
``--reuse-db``; ``BENCH_FAULTS_DATABASE_URL``), two private ``redis-server`` processes on free ports (one the cache,
one the broker, so each can fail alone), gunicorn (2 workers × 4 threads), one Celery worker and Celery beat.
Signed-in officials of ``bench.dataset``, each one lesson short of finishing a course, act through ``bench.client``.

1. Cache outage: the pages an official opens (home, catalogue, course, lesson, Mi aprendizaje, sign-in,
   certificate verification) and a lesson completion, with the cache up and then with its Redis stopped: how many
   answer as they should, and how fast.
2. Broker outage: the broker's Redis stopped, officials complete their course (four at a time) while another reads
   the catalogue: completion and catalogue p95; then Redis started again (empty: what it held is gone) and the time
   until every completed course has its certificate, and certificates expected/found/lost/duplicated.
3. Killed worker: officials complete their course, the whole worker (pool included) is killed with SIGKILL once it
   has issued the first certificate, a new worker starts; the time until every certificate exists, and the counts.

Recovery waits stop after ``--wait`` seconds (default 150): what is still missing then counts as lost. The results
go to ``bench/results/<name>.json`` (default ``faults``) and are printed as a table.
"""

import argparse
import os
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from tests.resilience.services import PrivateRedis

from . import results, server
from .client import Recorder, VirtualUser
from .scenarios import COMPLETE_FORM, CSRF_FIELD

DATABASE_URL = os.environ.get("BENCH_FAULTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cocrea_faults")
WEB = server.ServerConfig(workers=2, threads=4)
COMPLETIONS = 12
PARALLEL = 4
PAGE_ROUNDS = 6
FAR = 10**9  # a deadline the client never reaches: each experiment bounds its own requests


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse-db", action="store_true", help="keep the database if it is there")
    parser.add_argument("--wait", type=float, default=150, help="longest wait for certificates to appear (s)")
    parser.add_argument("--name", default="faults", help="results file: bench/results/<name>.json")
    options = parser.parse_args(argv)
    if not PrivateRedis.available():
        parser.error("needs redis-server (apt-get install redis-server)")

    started = time.time()
    with tempfile.TemporaryDirectory(prefix="cocrea-faults-") as folder, redis() as cache, redis() as broker:
        env = {
            **server.production_env(folder),
            "DATABASE_URL": DATABASE_URL,
            "CACHE_URL": cache.url,
            "CELERY_BROKER_URL": broker.url,
            # A mail server that accepts everything: a refused SMTP connection would make each certificate's
            # task retry for its email, and blur what the experiments measure.
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        }
        server.set_up(env, options.reuse_db)
        course, items, last = short_course()
        print(f"Course: {course.title} ({len(items)} required items; the officials complete {last.title})")
        groups = {
            name: nearly_done(f"fallas-{name}-{int(started)}", COMPLETIONS, course, items, last) for name in NAMES
        }
        beat = celery(env, "beat", "--schedule", f"{folder}/beat-schedule")
        with beat, worker_process(env) as worker, server.gunicorn(env, WEB) as web:
            print(f"gunicorn {WEB.label} at {web.base_url}", flush=True)
            rows = [
                *cache_outage(web.base_url, cache, groups["cache"]),
                broker_outage(web.base_url, broker, groups["broker"], options.wait),
                killed_worker(web.base_url, worker, env, groups["worker"], options.wait),
            ]
    path = results.write(
        options.name,
        dataset={"course": course.slug, "required_items": len(items), "officials_per_experiment": COMPLETIONS},
        server={
            **WEB.describe(),
            "celery": "one worker (prefork, concurrency 1) and beat",
            "cache": "a private redis-server, stopped in experiment 1",
            "broker": "another private redis-server, stopped in experiment 2",
        },
        rows=rows,
        notes=[f"Recovery waits stop after {options.wait:g} s: what is missing then counts as lost."],
        started=started,
    )
    columns = ["experiment", "requests", "answered", "p95_ms", "max_ms", "recovery_s", "expected", "found", "lost"]
    print(results.table(rows, [*columns, "duplicated"]))
    print(f"\n{path.relative_to(results.BASE_DIR)} ({time.time() - started:.0f} s)")


NAMES = ["cache", "broker", "worker"]


@contextmanager
def redis():
    instance = PrivateRedis().start()
    try:
        yield instance
    finally:
        instance.stop()


def short_course():
    """The demo course with the fewest required items, and its last required lesson (whose completion, once every
    other item is done, completes the course)."""
    from courses.models import LessonPage

    from . import dataset

    courses = []
    for course, items in dataset.demo_courses():
        lessons = set(LessonPage.objects.filter(pk__in=[item.pk for item in items]).values_list("pk", flat=True))
        last = next((item for item in reversed(items) if item.pk in lessons), None)
        if last is not None:
            courses.append((course, items, last))
    if not courses:
        raise SystemExit("No demo course with a required lesson: load the demo.")
    return min(courses, key=lambda candidate: len(candidate[1]))


def nearly_done(tag, count, course, items, last):
    """``count`` new officials enrolled in ``course`` with every required item but ``last`` done, signed in."""
    from courses import services
    from courses.models import Enrolment

    from . import dataset

    accounts = dataset.learners(tag, count, [course.slug])
    people = {enrolment.user.email: enrolment for enrolment in Enrolment.objects.filter(user__email__startswith=tag)}
    for account in accounts:
        for item in items:
            if item.pk != last.pk:
                services.complete_item(people[account.email].user, item)
    return [{"session": a.session, "last": last.url, "enrolment": people[a.email].pk} for a in accounts]


def user(base_url, number, recorder, session=None):
    person = VirtualUser(base_url, number, recorder, FAR)
    person.sign_in_as(session)
    return person


def complete_last_lesson(person, account):
    """Open the last lesson and mark it complete (the course then is); ``None`` when a step did not answer."""
    page = person.get("lesson", account["last"])
    form = page and COMPLETE_FORM.search(page.text)
    if not form:
        return None
    token = CSRF_FIELD.search(page.text).group(1)
    return person.post("complete", form.group(1), {"csrfmiddlewaretoken": token}, referer=account["last"])


def cache_outage(base_url, cache, accounts):
    """The same round of pages with the cache up and with its Redis stopped (started again afterwards)."""
    rows = []
    for state, group in (("up", accounts[:PAGE_ROUNDS]), ("down", accounts[PAGE_ROUNDS : 2 * PAGE_ROUNDS])):
        if state == "down":
            cache.stop()
        recorder, answered, requests = Recorder(), 0, 0
        for number, account in enumerate(group):
            person, visitor = user(base_url, number, recorder, account["session"]), user(base_url, 100, recorder)
            steps = [
                lambda p=person: p.get("page", "/"),
                lambda p=person: p.get("page", "/cursos/"),
                lambda p=person: p.get("page", "/mi-aprendizaje/"),
                lambda v=visitor: v.get("page", "/cuenta/ingresar/"),
                lambda v=visitor: v.get("page", "/certificados/verificar/"),
                lambda p=person, a=account: complete_last_lesson(p, a),  # opens the lesson, then completes it
            ]
            for step in steps:
                requests += 1
                answered += step() is not None
            person.close()
            visitor.close()
        rows.append({"experiment": f"cache {state}", "requests": requests, "answered": answered, **spread(recorder)})
        print(rows[-1], flush=True)
    cache.start()
    return rows


def broker_outage(base_url, broker, accounts, wait):
    broker.stop()
    recorder, done = Recorder(), threading.Event()

    def read_catalogue():
        reader = user(base_url, 200, recorder)
        while not done.is_set():
            reader.get("catalogue", "/cursos/")
            time.sleep(0.2)
        reader.close()

    reading = threading.Thread(target=read_catalogue)
    reading.start()
    with ThreadPoolExecutor(PARALLEL) as pool:
        answers = list(pool.map(lambda pair: finish(base_url, recorder, *pair), enumerate(accounts)))
    done.set()
    reading.join()
    broker.start()
    row = {
        "experiment": "broker down: completions",
        "requests": len(accounts),
        "answered": sum(answer is not None for answer in answers),
        **spread(recorder, "complete"),
        "catalogue_p95_ms": spread(recorder, "catalogue").get("p95_ms"),
        **recovery(accounts, wait),
    }
    print(row, flush=True)
    return row


def killed_worker(base_url, worker, env, accounts, wait):
    recorder = Recorder()
    with ThreadPoolExecutor(PARALLEL) as pool:
        answers = list(pool.map(lambda pair: finish(base_url, recorder, *pair), enumerate(accounts)))
    deadline = time.monotonic() + 30
    while certificates(accounts)[0] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(worker.process.pid, signal.SIGKILL)  # the worker and its pool, as a machine that dies
    worker.process.wait()
    worker.replace(start_worker(env))
    row = {
        "experiment": "worker killed",
        "requests": len(accounts),
        "answered": sum(answer is not None for answer in answers),
        **spread(recorder, "complete"),
        **recovery(accounts, wait),
    }
    print(row, flush=True)
    return row


def finish(base_url, recorder, number, account):
    person = user(base_url, number, recorder, account["session"])
    try:
        return complete_last_lesson(person, account)
    finally:
        person.close()


def certificates(accounts):
    """(rendered current certificates, all certificate rows) of the accounts' enrolments."""
    from certificates.models import Certificate

    enrolments = [account["enrolment"] for account in accounts]
    mine = Certificate.objects.filter(enrolment__in=enrolments)
    return mine.current().filter(rendered_at__isnull=False).count(), mine.count()


def recovery(accounts, wait):
    """Seconds from now until every account's certificate is rendered (``None`` past ``wait``), and the counts."""
    start = time.monotonic()
    while (found := certificates(accounts))[0] < len(accounts) and time.monotonic() - start < wait:
        time.sleep(0.5)
    rendered, rows = found
    complete = rendered == len(accounts)
    return {
        "recovery_s": round(time.monotonic() - start, 1) if complete else None,
        "expected": len(accounts),
        "found": rendered,
        "lost": len(accounts) - rendered,
        "duplicated": rows - rendered if complete else max(0, rows - len(accounts)),
    }


def spread(recorder, label=None):
    times = [ms for name, values in recorder.latencies.items() if label in (None, name) for ms in values]
    if not times:
        return {}
    cut = statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]
    return {"p95_ms": round(cut), "max_ms": round(max(times))}


class Worker:
    def __init__(self, process):
        self.process = process

    def replace(self, process):
        self.process = process


def start_worker(env):
    return subprocess.Popen(
        [server.VENV_BIN / "celery", "-A", "lms", "worker", "--concurrency", "1", "--loglevel", "WARNING"],
        cwd=server.BASE_DIR,
        env=env,
        start_new_session=True,  # its own process group: killed whole in experiment 3
    )


@contextmanager
def worker_process(env):
    worker = Worker(start_worker(env))
    try:
        yield worker
    finally:
        server.stop(worker.process)


@contextmanager
def celery(env, *arguments):
    process = subprocess.Popen(
        [server.VENV_BIN / "celery", "-A", "lms", *arguments, "--loglevel", "WARNING"], cwd=server.BASE_DIR, env=env
    )
    try:
        yield process
    finally:
        server.stop(process)


if __name__ == "__main__":
    main()
