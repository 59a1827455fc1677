"""Logging filters for failures that every request would report while a dependency is down."""

import logging
import threading
import time


class OncePerMinute(logging.Filter):
    """Lets one record through per minute and process, as a one-line warning, and drops the others.

    django-redis reports each cache error it ignores, which during an outage means several per request; one line a
    minute says the outage is still going on without burying everything else in the log. ``message`` replaces the
    record's own text; the error that caused it follows in parentheses, without its traceback.
    """

    interval = 60.0

    def __init__(self, message=""):
        super().__init__()
        self.message = message
        self._lock = threading.Lock()
        self._last = None

    def filter(self, record):
        now = time.monotonic()
        with self._lock:
            if self._last is not None and now - self._last < self.interval:
                return False
            self._last = now
        error = record.exc_info[1] if record.exc_info else None
        if error is not None:
            error = error.__cause__ or error
        text = self.message or record.getMessage()
        record.msg = f"{text} ({error}); the next report in a minute at the earliest" if error else text
        record.args = None
        record.exc_info = record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
