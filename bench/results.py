"""One format for every benchmark's results: ``bench/results/<name>.json`` and a short table on the console.

Each benchmark (``bench.load``, the certificate and report benchmarks…) writes its figures with ``write()``, which
adds what makes a figure comparable later: the git commit (and whether the tree had uncommitted changes), the date,
the machine (cores, CPU model, load average when the run started) and the Python version. The benchmark states its
own data set and server configuration::

    from bench import results

    path = results.write(
        "certificates",
        dataset={"certificates": 2000},
        server={"workers": 1, "settings": "lms.settings.production"},
        rows=[{"case": "render", "n": 200, "p50_ms": 41.2, "p95_ms": 55.0}],
        notes=["Rendered in the Celery worker's process."],
    )
    print(results.table(rows, ["case", "n", "p50_ms", "p95_ms"]))

``rows`` is a list of flat dictionaries, one per measured case, so any two result files read alike. The file is
written compactly (``dumps``): one line per row and per entry of every other list or mapping, so a new run's diff
shows which cases changed, a line each, instead of a thousand lines of indentation. What a run produces beyond
its figures (Lighthouse's full reports, for instance) goes to ``var/bench/<name>/`` (``detail_dir``), which is not
committed: the committed file is the summary, every figure a note quotes, and the detail stays on the machine.
"""

import json
import os
import platform
import subprocess
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = BASE_DIR / "bench" / "results"
DETAIL_DIR = BASE_DIR / "var" / "bench"


def write(name, *, dataset, server, rows, notes=(), started=None, **extra):
    """Write ``bench/results/<name>.json`` and return its path. ``started`` (``time.time()``) dates the run."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    document = {
        "benchmark": name,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started or time.time())),
        "git": git_state(),
        "machine": machine(),
        "dataset": dataset,
        "server": server,
        "rows": rows,
        "notes": list(notes),
        **extra,
    }
    path.write_text(dumps(document))
    return path


def detail_dir(name):
    """``var/bench/<name>/`` (created), for a run's raw output: kept on the machine, never committed."""
    path = DETAIL_DIR / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def dumps(document):
    """``document`` (a mapping) as JSON with one line per key, and one per item of a list or mapping under it."""

    def one_line(value):
        return json.dumps(value, ensure_ascii=False)

    def block(value, indent):
        inner = " " * (indent + 2)
        if isinstance(value, dict) and value and any(isinstance(v, (dict, list)) for v in value.values()):
            lines = [f"{inner}{one_line(key)}: {one_line(item)}" for key, item in value.items()]
        elif isinstance(value, list) and len(value) > 1:
            lines = [f"{inner}{one_line(item)}" for item in value]
        else:
            return one_line(value)
        opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
        return opening + "\n" + ",\n".join(lines) + "\n" + " " * indent + closing

    lines = [f"  {one_line(key)}: {block(value, 2)}" for key, value in document.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def git_state():
    def git(*args):
        run = subprocess.run(["git", *args], cwd=BASE_DIR, capture_output=True, text=True)
        return run.stdout.strip() if run.returncode == 0 else None

    status = git("status", "--porcelain", "--untracked-files=no")
    return {
        "commit": git("rev-parse", "HEAD"),
        "branch": git("rev-parse", "--abbrev-ref", "HEAD"),
        "dirty": bool(status),
    }


def machine():
    model = None
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        lines = cpuinfo.read_text().splitlines()
        model = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), None)
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def table(rows, columns):
    """``rows`` (dictionaries) as an aligned text table of ``columns``; missing values print as a dash."""

    def cell(value):
        if value is None:
            return "–"
        if isinstance(value, float):
            return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}" if abs(value) < 1000 else f"{value:.0f}"
        return str(value)

    cells = [[cell(row.get(column)) for column in columns] for row in rows]
    widths = [max(len(column), *(len(line[i]) for line in cells)) for i, column in enumerate(columns)]
    lines = ["  ".join(column.ljust(width) for column, width in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * width for width in widths))
    lines += ["  ".join(value.rjust(width) for value, width in zip(line, widths, strict=True)) for line in cells]
    return "\n".join(lines)
