"""The load client: virtual users in threads, each with its own keep-alive connection and cookies, acting out one
scenario against the server for a fixed time. Runs in a process of its own, apart from the server:

    .venv/bin/python -m bench.client plan.json      # writes the outcome as JSON on stdout

``bench.load`` writes the plan (address, scenario, number of users, duration and the scenario's data: accounts,
addresses) and reads the outcome: every request's latency by label, errors, and the records the scenario kept.

Requests look like those the TLS proxy in front of production forwards (``X-Forwarded-Proto: https``, the client's
address in ``X-Forwarded-For``), so the production settings run as deployed: HTTPS redirect, HSTS and secure
cookies on. Only the stdlib: the client must not need more CPU than the server it measures.
"""

import http.client
import json
import sys
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from .scenarios import SCENARIOS


class Recorder:
    """Latencies (ms) and errors by label, and whatever records the scenario keeps, shared by the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {}
        self.errors = {}
        self.examples = []
        self.records = []

    def sample(self, label, milliseconds):
        with self.lock:
            self.latencies.setdefault(label, []).append(round(milliseconds, 3))

    def error(self, label, description):
        with self.lock:
            self.errors[label] = self.errors.get(label, 0) + 1
            if len(self.examples) < 10:
                self.examples.append(f"{label}: {description}")

    def record(self, **values):
        with self.lock:
            self.records.append(values)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def location(self):
        return urlsplit(self.headers.get("location", "")).path


class VirtualUser:
    """One person at one browser: a connection, cookies, and ``get``/``post`` that time and check each request."""

    def __init__(self, base_url, number, recorder, deadline):
        address = urlsplit(base_url)
        self.host, self.port = address.hostname, address.port
        self.origin = f"https://{address.netloc}"
        self.number = number
        self.recorder = recorder
        self.deadline = deadline
        self.cookies = {}
        self.connection = None

    @property
    def running(self):
        return time.monotonic() < self.deadline

    def sign_in_as(self, session):
        self.cookies = {"sessionid": session} if session else {}

    def get(self, label, path, expect=200):
        return self.request(label, "GET", path, expect=expect)

    def post(self, label, path, fields, referer, expect=302):
        body = urlencode(fields).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"{self.origin}{referer}",
            "Origin": self.origin,
        }
        return self.request(label, "POST", path, body, headers, expect=expect)

    def request(self, label, method, path, body=None, extra_headers=None, expect=200):
        headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": f"10.{self.number // 250}.{self.number % 250}.1",
            "Accept-Language": "es-CL,es;q=0.9",
            "User-Agent": "cocrea-bench",
            **(extra_headers or {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        started = time.perf_counter()
        try:
            response = self.send(method, path, body, headers)
        except (OSError, http.client.HTTPException) as problem:
            self.close()
            self.recorder.error(label, f"{method} {path}: {problem!r}")
            return None
        self.recorder.sample(label, (time.perf_counter() - started) * 1000)
        if response.status != expect:
            self.recorder.error(label, f"{method} {path}: {response.status} (expected {expect})")
            return None
        return response

    def send(self, method, path, body, headers):
        for attempt in (1, 2):  # a kept-alive connection the server closed meanwhile is opened again, once
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                raw = self.connection.getresponse()
                response = Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, raw.read())
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt == 2:
                    raise
                continue
            for header, value in raw.getheaders():
                if header.lower() == "set-cookie":
                    for name, morsel in SimpleCookie(value).items():
                        self.cookies[name] = morsel.value
            if raw.will_close:
                self.close()
            return response
        raise AssertionError("unreachable")

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def run(plan):
    scenario = SCENARIOS[plan["scenario"]]
    recorder = Recorder()
    deadline = time.monotonic() + plan["duration"]
    users = [VirtualUser(plan["base_url"], number, recorder, deadline) for number in range(plan["users"])]
    shared = scenario.shared_state(plan["data"])

    def act(user):
        try:
            scenario.act(user, plan["data"], shared)
        except Exception as problem:  # noqa: BLE001 -- a broken page must not stop the measurement silently
            recorder.error("client", repr(problem))
        finally:
            user.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=act, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "elapsed": time.perf_counter() - started,
        "latencies": recorder.latencies,
        "errors": recorder.errors,
        "error_examples": recorder.examples,
        "records": recorder.records,
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as file:
        outcome = run(json.load(file))
    json.dump(outcome, sys.stdout)
