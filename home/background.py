"""Handing work to Celery from a request or a signal, without ever failing the request over it."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args):
    """Send ``task(*args)`` once the current transaction commits, so it never runs before its data exists.

    A broker that is down, or a task that fails when it runs in-process (no broker configured), is logged and
    does not fail the request: tasks are idempotent and each app's periodic sweep catches up.
    """

    def send():
        try:
            task.apply_async(args=args, retry=False)
        except Exception:  # noqa: BLE001 — see the docstring: the request must not fail over background work.
            logger.exception("Could not run or enqueue %s%r; the periodic sweep will retry.", task.name, args)

    transaction.on_commit(send)
