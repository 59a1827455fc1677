"""Stand-ins for failing services, all on 127.0.0.1: a private Redis that a test can stop, a listener that accepts
connections and never answers (a hung server), an address where nothing listens; and Celery pointed at one."""

import os
import shutil
import socket
import subprocess
import threading
import time
from contextlib import contextmanager

import redis

REDIS_SERVER = shutil.which("redis-server")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def broker_at(url):
    """Send tasks to the broker at ``url`` instead of running them in-process, as the tests otherwise do.

    Celery reads ``CELERY_BROKER_URL`` from the environment before its configuration (CI sets it), so both change.
    """
    from lms.celery import app

    conf = app.conf
    saved = os.environ.get("CELERY_BROKER_URL"), conf.broker_url, conf.task_always_eager
    os.environ["CELERY_BROKER_URL"] = url
    conf.broker_url, conf.task_always_eager = url, False
    app._pool, app.amqp._producer_pool = None, None
    try:
        yield
    finally:
        if saved[0] is None:
            os.environ.pop("CELERY_BROKER_URL")
        else:
            os.environ["CELERY_BROKER_URL"] = saved[0]
        conf.broker_url, conf.task_always_eager = saved[1:]
        app._pool, app.amqp._producer_pool = None, None


def dead_url(scheme="redis"):
    """An address where nothing listens: connections are refused at once."""
    return f"{scheme}://127.0.0.1:{free_port()}/0"


class PrivateRedis:
    """A ``redis-server`` of the test's own, on a free port, keeping nothing on disk."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    @staticmethod
    def available():
        return REDIS_SERVER is not None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise
                time.sleep(0.05)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class SilentListener:
    """Accepts TCP connections on a free port and never sends a byte: a server that hangs."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self.socket.getsockname()[1]
        self.connections = []
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def url(self, scheme, path="/0"):
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    def _accept(self):
        while True:
            try:
                connection, _address = self.socket.accept()
            except OSError:  # closed
                return
            self.connections.append(connection)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.socket.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
        self.socket.close()
        for connection in self.connections:
            connection.close()
        self.thread.join(timeout=5)
