"""Operational tasks."""

import socket

from celery import shared_task
from django.db import connection


@shared_task(ignore_result=False)  # the one task whose result is read
def worker_health():
    """Answer from a worker with its host name and whether it reaches the database (``manage.py check_worker``)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        database_ok = cursor.fetchone() == (1,)
    return {"host": socket.gethostname(), "database": database_ok}
