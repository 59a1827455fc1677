"""Handing work to Celery from a request, a signal or a sweep: the one way the project enqueues a task.

A request never waits for, nor fails over, the broker. The task is sent once the current transaction commits (so it
never runs before its data exists, and not at all if the transaction rolls back), and tried once: a broker that is
down or slow (see the broker's timeouts in the settings) is logged and forgotten, because every task is idempotent
and each app's periodic sweep queues again what was not queued. Work that many changes of one transaction ask for
(a course's progress, when a module and its lessons are unpublished) can be sent once per transaction.

Celery's own ``delay_on_commit`` (5.4+) does the first part only: it lets a broker error escape into the request that
committed, so it does not fit here. Use ``enqueue_on_commit`` for every task; call ``task.delay()`` directly only
where a result is awaited (``manage.py check_worker``).
"""

import logging
import threading

from django.db import transaction

logger = logging.getLogger(__name__)

#: Per thread and database connection, the batch of once-per-transaction sends that the next commit runs.
_batches = threading.local()


class Batch:
    """The once-per-transaction sends one commit runs: the first of each task and arguments is sent, the others not.

    A batch stays open for new sends until its first one runs (the commit), so sends asked for after that commit
    start a new batch. Sends in a rolled-back savepoint or transaction never run, so they never count.
    """

    def __init__(self):
        self.sent = set()

    @classmethod
    def current(cls, alias):
        batches = _batches.__dict__.setdefault("by_alias", {})
        if alias not in batches:
            batches[alias] = cls()
        return batches[alias]

    def close(self, alias):
        batches = _batches.__dict__.setdefault("by_alias", {})
        if batches.get(alias) is self:
            del batches[alias]


class Send:
    """``task(*args)`` to send on commit; with a ``batch``, only if no equal send of that batch went first."""

    def __init__(self, task, args, batch=None, alias=None):
        self.task, self.args = task, args
        self.batch, self.alias = batch, alias

    def __call__(self):
        if self.batch is not None:
            self.batch.close(self.alias)
            key = (self.task.name, self.args)
            if key in self.batch.sent:
                return
            self.batch.sent.add(key)
        try:
            self.task.apply_async(args=self.args, retry=False)
        except Exception as error:  # noqa: BLE001 — see the module: the request must not fail over background work.
            if self.task.app.conf.task_always_eager:  # no broker: the task itself failed, in-process
                logger.exception("%s%r failed; the periodic sweep will retry.", self.task.name, self.args)
            else:
                logger.warning(
                    "Could not enqueue %s%r (%s); the periodic sweep will.", self.task.name, self.args, error
                )


def enqueue_on_commit(task, *args, once_per_transaction=False, using=None):
    """Send ``task(*args)`` once the current transaction commits (at once outside one).

    With ``once_per_transaction``, the commit sends it once however many times it was asked for (a rolled-back
    savepoint takes its own asks with it).
    """
    connection = transaction.get_connection(using)
    batch = None
    if once_per_transaction and connection.in_atomic_block:
        batch = Batch.current(connection.alias)
    transaction.on_commit(Send(task, args, batch, connection.alias), using=using)
