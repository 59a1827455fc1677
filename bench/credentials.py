"""How long it takes to sign one verifiable credential (Data Integrity and VC-JWT) and to serve a status list.

Run after ``make demo`` (which makes the demo's certificates and the issuer's keys):

    .venv/bin/python bench/credentials.py [runs]        # default 200; writes bench/results/credentials.json

- *Data Integrity*: ``issuing.signed_json`` for one certificate: build the ``OpenBadgeCredential``, canonicalize
  the proof options and the document (RDFC-1.0, pyld), hash, sign with Ed25519.
- *VC-JWT*: ``issuing.signed_jwt``: build the same credential, sign it ES256.
- *Status list*: ``GET /certificados/estado/<list>/`` through the whole Django stack (Django's test client, one
  process): read the revoked indexes (one query), build the 131,072-bit list, GZIP it, sign it — first as the demo
  leaves it, then with ``--revoked`` indexes set (default 5,000, made up in memory: how a busy list compresses).

Each figure is the median of ``runs`` calls after a warm-up, with the 95th percentile beside it.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
os.environ["CERTIFICATE_VERIFICATION_LIMIT"] = "100000000"  # the benchmark is one client asking many times

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from bench.results import dumps  # noqa: E402
from certificates.credentials import issuing, keys, status  # noqa: E402
from certificates.models import Certificate  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "credentials.json"
WARM_UP = 5


def measure(call, runs):
    for _warm in range(WARM_UP):
        call()
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"median_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(len(times) * 0.95) - 1], 2)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=int, nargs="?", default=200)
    parser.add_argument("--revoked", type=int, default=5000)
    arguments = parser.parse_args()
    try:
        keyring = keys.load()
    except keys.KeysUnavailable as error:
        sys.exit(f"{error}: run `make demo` first.")
    certificate = (
        Certificate.objects.current()
        .select_related("enrolment__user", "enrolment__course", "credential__status_list")
        .order_by("pk")
        .first()
    )
    if certificate is None:
        sys.exit("No certificates: run `make demo` first.")
    status_list = issuing.record_for(certificate).status_list
    client = Client(HTTP_HOST="127.0.0.1")
    address = f"/certificados/estado/{status_list.pk}/"

    def serve_list():
        response = client.get(address)
        assert response.status_code == 200, response.status_code
        return response

    busy = random.Random(2014).sample(range(status_list.size), arguments.revoked)
    results = {
        "runs": arguments.runs,
        "sign_data_integrity": measure(lambda: issuing.signed_json(certificate, keyring), arguments.runs),
        "sign_jwt": measure(lambda: issuing.signed_jwt(certificate, keyring), arguments.runs),
        "serve_status_list": measure(serve_list, arguments.runs),
        "status_list_bytes": len(serve_list().content),
    }
    with mock.patch.object(status, "revoked_indexes", lambda status_list: busy):
        results[f"serve_status_list_{arguments.revoked}_revoked"] = measure(serve_list, arguments.runs)
        results[f"status_list_bytes_{arguments.revoked}_revoked"] = len(serve_list().content)
    RESULTS.write_text(dumps(results), encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
