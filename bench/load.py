"""The platform under load on the production settings, measured against the machine's ceiling.

    .venv/bin/python -m bench.load                          # what `make bench` runs (about 6 minutes)
    .venv/bin/python -m bench.load --scenarios reading --users 8 --duration 5 --reuse-db --name try

Starts PostgreSQL's benchmark database afresh (``cocrea_bench``; ``BENCH_DATABASE_URL``), Redis as broker and cache
(DB 9; ``BENCH_REDIS_URL``), a Celery worker and gunicorn on 127.0.0.1 (``bench.server``); loads the demo and the
data set of ``bench.dataset``; then, for each server configuration, runs every scenario of ``bench.scenarios`` at
each number of users for a fixed time from a separate process (``bench.client``), and stops everything.

Each row reports requests per second, latency percentiles and errors, throughput as a share of the ceiling
(a constant view through the same middleware, same configuration, same number of users), the workers' CPU time per
request and their peak memory, and the records a scenario expected against those found. The results go to
``bench/results/load.json`` (``bench.results``) and are printed as a table; the exit status is 1 when a target
(``TARGETS``) is missed.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import results, server
from .scenarios import SCENARIOS

MULTI = server.ServerConfig(workers=os.cpu_count() or 2, threads=4)
SINGLE = server.ServerConfig(workers=1, threads=4)
USERS = [1, 8, 32]
SINGLE_USERS = [8]
DURATION = 8
WARM_UP_SECONDS = 2
#: (scenario, label, users, figure, limit, "max" or "min"): the issue's targets on a 2-core machine.
TARGETS = [
    ("reading", "*", 8, "p95_ms", 100, "max"),
    ("reading", "*", 8, "ceiling_ratio", 0.40, "min"),
    ("reading", "*", 32, "errors", 0, "max"),
    ("learning", "complete", 8, "p95_ms", 150, "max"),
    ("learning", "*", 32, "errors", 0, "max"),
    ("learning", "*", 8, "records_lost", 0, "max"),
    ("learning", "*", 32, "records_lost", 0, "max"),
    ("learning", "*", 32, "records_duplicated", 0, "max"),
    ("quiz", "submit", 8, "p95_ms", 150, "max"),
    ("quiz", "*", 32, "errors", 0, "max"),
    ("quiz", "*", 8, "records_lost", 0, "max"),
    ("quiz", "*", 32, "records_lost", 0, "max"),
    ("quiz", "*", 32, "records_duplicated", 0, "max"),
    ("*", "*", None, "peak_rss_mb", 150, "max"),
]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated (default: all)")
    parser.add_argument("--users", default=",".join(map(str, USERS)), help="comma-separated numbers of users")
    parser.add_argument("--duration", type=float, default=DURATION, help="seconds per run")
    parser.add_argument("--no-single", action="store_true", help="skip the single-worker runs")
    parser.add_argument("--reuse-db", action="store_true", help="keep the benchmark database if it is there")
    parser.add_argument("--name", default="load", help="results file: bench/results/<name>.json (default: load)")
    options = parser.parse_args(argv)
    names = [name for name in options.scenarios.split(",") if name]
    unknown = set(names) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}; known: {', '.join(SCENARIOS)}")
    if "ceiling" not in names:
        names.insert(0, "ceiling")
    users = [int(number) for number in options.users.split(",")]
    plans = [(MULTI, users)] + ([] if options.no_single else [(SINGLE, SINGLE_USERS)])

    started = time.time()
    with tempfile.TemporaryDirectory(prefix="cocrea-bench-") as folder:
        env = server.production_env(folder)
        dataset = set_up(env, options.reuse_db)
        rows, skipped = [], {}
        with server.celery_worker(env):
            for config, levels in plans:
                rows += measure(env, config, names, levels, options.duration, folder, skipped)
    add_ceiling_ratios(rows)
    missed = check_targets(rows)
    path = results.write(
        options.name,
        started=started,
        dataset=dataset,
        server={config.label: config.describe() for config, _levels in plans},
        rows=rows,
        notes=[
            f"{options.duration:g} s per run after {WARM_UP_SECONDS} s of warm-up per scenario and configuration; "
            "the load client runs in its own process on the same machine.",
            *(f"{name}: skipped ({reason})" for name, reason in skipped.items()),
            *(f"MISSED: {line}" for line in missed),
        ],
        scenarios={name: SCENARIOS[name].description for name in names},
        targets=[dict(zip(("scenario", "label", "users", "figure", "limit", "kind"), t, strict=True)) for t in TARGETS],
    )
    print_table(rows)
    for name, reason in skipped.items():
        print(f"skipped {name}: {reason}")
    for line in missed:
        print(f"MISSED: {line}")
    print(f"\nwritten to {path.relative_to(results.BASE_DIR)} in {time.time() - started:.0f} s")
    return 1 if missed else 0


def set_up(env, reuse, build=None):
    """The database (afresh unless reused), the demo and the data set (``build()``, by default ``bench.dataset``'s);
    Django set up in this process on it."""
    server.set_up(env, reuse)
    from . import dataset

    print("Building the data set…", flush=True)
    return (build or dataset.build)()


def measure(env, config, names, levels, duration, folder, skipped):
    rows = []
    with server.gunicorn(env, config) as running:
        print(f"\ngunicorn {config.workers} worker(s) × {config.threads} threads at {running.base_url}", flush=True)
        for name in names:
            scenario = SCENARIOS[name]
            tag = f"{name}-{config.workers}w-{int(time.time())}"
            warm_up = scenario.prepare(f"{tag}-warm", max(levels))
            if warm_up is None:
                skipped[name] = "the platform has no such feature yet"
                continue
            drive(running, name, max(levels), WARM_UP_SECONDS, warm_up, folder)
            for users in levels:
                data = scenario.prepare(f"{tag}-{users}", users)
                cpu_before = running.cpu_seconds()
                outcome = drive(running, name, users, duration, data, folder)
                cpu = running.cpu_seconds() - cpu_before
                checks = scenario.verify(data, outcome)
                for row in summarise(name, config, users, outcome, cpu):
                    rows.append({**row, **(checks if row["label"] == "*" else {})})
                print(f"  {name:10} {users:3} users: {rows[-1]['requests']} requests", flush=True)
        peaks = running.peak_rss_mb()
    for row in rows:
        row["peak_rss_mb"] = round(max(peaks), 1)
    return rows


def drive(running, name, users, duration, data, folder):
    """One bounded run of the load client, in a process of its own."""
    plan = Path(folder) / "plan.json"
    plan.write_text(
        json.dumps({"base_url": running.base_url, "scenario": name, "users": users, "duration": duration, "data": data})
    )
    client = subprocess.run(
        [sys.executable, "-m", "bench.client", plan],
        cwd=results.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"},
    )
    return json.loads(client.stdout)


def summarise(name, config, users, outcome, cpu):
    """A row for the whole scenario (label "*") and one per label when it has several."""
    elapsed = outcome["elapsed"]
    latencies = outcome["latencies"]
    labels = {"*": [value for values in latencies.values() for value in values]}
    if len(latencies) > 1:
        labels.update(latencies)
    total_requests = len(labels["*"]) + sum(outcome["errors"].values())
    rows = []
    for label, values in labels.items():
        errors = sum(outcome["errors"].values()) if label == "*" else outcome["errors"].get(label, 0)
        rows.append(
            {
                "scenario": name,
                "label": label,
                "config": config.label,
                "users": users,
                "requests": len(values),
                "errors": errors,
                "rps": len(values) / elapsed,
                **percentiles(values),
                "cpu_ms_per_request": cpu * 1000 / total_requests if label == "*" and total_requests else None,
                "error_examples": outcome["error_examples"] if label == "*" else [],
            }
        )
    return rows


def percentiles(values):
    if len(values) < 2:
        return {"p50_ms": values[0] if values else None, "p95_ms": None, "p99_ms": None}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50_ms": round(cuts[49], 1), "p95_ms": round(cuts[94], 1), "p99_ms": round(cuts[98], 1)}


def add_ceiling_ratios(rows):
    """Each row's requests per second as a share of the ceiling's, same configuration and number of users."""
    ceilings = {(row["config"], row["users"]): row["rps"] for row in rows if row["scenario"] == "ceiling"}
    for row in rows:
        ceiling = ceilings.get((row["config"], row["users"]))
        row["ceiling_ratio"] = round(row["rps"] / ceiling, 3) if ceiling else None


def check_targets(rows):
    missed = []
    for scenario, label, users, figure, limit, kind in TARGETS:
        candidates = rows
        if figure == "peak_rss_mb":  # one figure per server configuration
            candidates = list({row["config"]: row for row in rows}.values())
        for row in candidates:
            matches = (
                scenario in ("*", row["scenario"])
                and label in ("*", row["label"])
                and users in (None, row["users"])
                and (row["config"] == MULTI.label or figure == "peak_rss_mb")
                and figure in row
            )
            if not matches or row[figure] is None:
                continue
            value = row[figure]
            if (kind == "max" and value > limit) or (kind == "min" and value < limit):
                where = f"{row['scenario']}/{row['label']} at {row['users']} users ({row['config']})"
                missed.append(f"{where}: {figure} {value} ({kind} {limit})")
    return missed


COLUMNS = [
    "scenario",
    "label",
    "config",
    "users",
    "requests",
    "errors",
    "rps",
    "ceiling_ratio",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "cpu_ms_per_request",
    "peak_rss_mb",
    "records_expected",
    "records_found",
    "records_lost",
    "records_duplicated",
]


def print_table(rows):
    print()
    print(results.table(rows, COLUMNS))


if __name__ == "__main__":
    sys.exit(main())
