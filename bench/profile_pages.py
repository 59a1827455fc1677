"""Where a page's time goes, measured in one process: queries, CPU milliseconds and a profile per request.

    .venv/bin/python -m bench.profile_pages                      # every page of the peer benchmark, 200 requests
    .venv/bin/python -m bench.profile_pages --pages lesson -n 500 --profile 25

Runs on the peer benchmark's database (``make bench-peer`` builds it; ``BENCH_DATABASE_URL``) with the production
settings and the shared cache (``BENCH_REDIS_URL``), through Django's test client (the whole middleware stack,
without gunicorn and the network). Each page is warmed up first, so the figures are those of a process that has
served it before: the queries of one request, the median CPU time per request, and with ``--profile`` the
functions that took most of it (cProfile; ``PROFILE_SORT=tottime`` for time spent in each function itself).
"""

import argparse
import cProfile
import gc
import io
import os
import pstats
import statistics
import tempfile
import time

from . import peer, server


class Queries(list):
    """A database execute wrapper that notes each statement."""

    def __call__(self, execute, sql, *args):
        self.append(sql)
        return execute(sql, *args)


class GarbageCollections:
    """The CPU time the garbage collector takes until ``stop()``: the mean counts it, the median mostly not."""

    def __init__(self):
        self.ms = 0.0
        self.full = 0
        gc.callbacks.append(self)

    def __call__(self, phase, info):
        if phase == "start":
            self.started = time.process_time()
        else:
            self.ms += (time.process_time() - self.started) * 1000
            self.full += info["generation"] == 2

    def stop(self):
        gc.callbacks.remove(self)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="home,catalogue,dashboard,lesson,report,complete")
    parser.add_argument("-n", type=int, default=200, help="measured requests per page")
    parser.add_argument("--profile", type=int, default=0, help="print this many functions of each page's profile")
    parser.add_argument("--queries", action="store_true", help="print each page's queries")
    options = parser.parse_args(argv)

    env = server.production_env(tempfile.mkdtemp(prefix="cocrea-profile-"))
    env["LMS_PROCESS"] = "web"
    server.set_up(env, reuse=True)
    peer.build_cocrea()

    from django.db import connection
    from django.test import Client

    from courses.models import Completion

    class Options:
        n = options.n

    plan = peer.cocrea_plan(Options)
    completions = [pair for queue in plan["completions"] for pair in queue]
    headers = {"HTTP_HOST": "127.0.0.1", "HTTP_ACCEPT_LANGUAGE": "es-CL,es;q=0.9", "HTTP_ACCEPT": "text/html"}

    def client(session=None):
        made = Client(enforce_csrf_checks=False, **headers)
        if session:
            made.cookies["sessionid"] = session
        return made

    anonymous, completer = client(), client()
    learner, coordinator = client(plan["learners"][0]), client(plan["coordinator"])
    lessons = iter(plan["lessons"] * (options.n * 4))

    def complete():
        session, item = completions.pop()
        completer.cookies["sessionid"] = session
        completer.cookies.pop("messages", None)  # as the peer benchmark does: the next page is not asked for
        return completer.post(plan["complete_url"].format(item), secure=True)

    pages = {
        "home": lambda: anonymous.get("/", secure=True),
        "catalogue": lambda: anonymous.get("/cursos/", secure=True),
        "dashboard": lambda: learner.get("/mi-aprendizaje/", secure=True),
        "lesson": lambda: learner.get(next(lessons), secure=True),
        "report": lambda: coordinator.get(plan["report"], secure=True),
        "complete": complete,
    }
    for name in options.pages.split(","):
        request = pages[name]
        for _ in range(10):
            response = request()
            assert response.status_code in (200, 302), (name, response.status_code)
        times = []
        collections = GarbageCollections()
        profile = cProfile.Profile() if options.profile else None
        for _ in range(options.n):
            start = time.process_time()
            if profile:
                profile.enable()
            request()
            if profile:
                profile.disable()
            times.append((time.process_time() - start) * 1000)
        collections.stop()
        queries = Queries()  # after the measurement: what a warm process asks the database for
        with connection.execute_wrapper(queries):
            request()
        print(
            f"{name:10} {len(queries):3} queries  {statistics.median(times):6.2f} ms CPU (median of {options.n}),"
            f" {statistics.mean(times):6.2f} mean, of which {collections.ms / options.n:5.2f} in garbage collection"
            f" ({collections.full} full collections)"
        )
        if options.queries:
            for query in queries:
                print("    ", query[:300])
        if profile:
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out).sort_stats(os.environ.get("PROFILE_SORT", "cumulative"))
            stats.print_stats(options.profile)
            print(out.getvalue())
    print("completions made:", Completion.objects.filter(user_id__in=plan["completers"]).count())


if __name__ == "__main__":
    main()
