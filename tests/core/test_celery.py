"""A real worker answers through the broker (Redis in CI); eager in-process execution is the default without one."""

import pytest
from celery.contrib.testing.worker import start_worker

from core.tasks import worker_health
from lms.celery import app


def test_without_a_broker_tasks_run_in_process(db, settings):
    assert app.conf.task_always_eager
    result = worker_health.delay()
    assert result.get()["database"] is True


@pytest.mark.broker
def test_a_real_worker_runs_a_task_and_returns_its_result(broker, transactional_db):
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10):
            answer = worker_health.delay().get(timeout=20)
    finally:
        app.conf.task_always_eager = True
    assert answer["database"] is True
    assert answer["host"]
