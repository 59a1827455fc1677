"""Editions: numbers in the shared cache that change whenever what they cover changes.

A worker process may keep what is costly to load and the same from one request to the next (the published site,
a person's permissions) for as long as the edition it was loaded in is current. Whatever changes it starts a new
edition, so every process reloads on its next request, for one cache read. The change starts one at once (this
process, and tests, see it immediately) and another when its transaction commits, because another process may have
read the old rows in between and kept them under the first new edition.
"""

import time

from django.core.cache import cache
from django.db import transaction


class Edition:
    def __init__(self, key):
        self.key = key

    def current(self, request=None):
        """The current edition, read from the shared cache once per request when given one."""
        if request is not None and self.key in getattr(request, "_cocrea_editions", {}):
            return request._cocrea_editions[self.key]
        current = cache.get(self.key)
        if current is None:  # a new or flushed cache: start an edition nothing was kept under
            cache.add(self.key, time.time_ns(), timeout=None)
            current = cache.get(self.key)
        if request is not None:
            request.__dict__.setdefault("_cocrea_editions", {})[self.key] = current
        return current

    def start_new(self):
        cache.set(self.key, time.time_ns(), timeout=None)

    def changed(self, *args, **kwargs):
        """A signal receiver: what the edition covers changed (now, and again once committed)."""
        self.start_new()
        transaction.on_commit(self.start_new)
