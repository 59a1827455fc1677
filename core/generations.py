"""Generations: numbers in the shared cache that name what cached copies are current.

A cache entry is made under the generation current when it was loaded (``f"…:{generation}:…"``); a change to what
it covers starts a new generation, so every process loads afresh on its next request and the old entries expire
unused. A change starts one at once (this process, and tests, see it immediately) and another when its transaction
commits, because another process may have read the old rows in between and cached them under the first new one.

A request reads every generation once, in one round trip to the shared cache, the first time it needs one
(``request_started`` and ``request_finished`` bound that memo to the request's thread); outside requests (tasks,
commands, tests between requests) each call reads the cache. When the shared cache does not answer there is no
current generation (``None``): callers then cache nothing.
"""

import threading
import time

from django.core.cache import cache
from django.db import transaction

_request = threading.local()


class Generation:
    every = []

    def __init__(self, key):
        self.key = key
        Generation.every.append(self)

    def current(self):
        """The current generation; ``None`` while the shared cache does not answer (django-redis then answers reads
        with nothing and ``add`` with ``None``)."""
        memo = getattr(_request, "generations", None)
        if memo is None:
            return self._read(cache.get(self.key))
        if not memo:  # the request's first: every generation at once
            found = cache.get_many([generation.key for generation in Generation.every])
            memo.update({each.key: each._read(found.get(each.key)) for each in Generation.every})
        return memo[self.key]

    def _read(self, current):
        if current is None:  # a new or flushed cache: start a generation nothing was cached under
            new = time.time_ns()
            added = cache.add(self.key, new, timeout=None)
            if added:
                current = new
            elif added is not None:  # another process started one first
                current = cache.get(self.key)
        return current

    def start_new(self):
        new = time.time_ns()
        cache.set(self.key, new, timeout=None)
        memo = getattr(_request, "generations", None)
        if memo:  # the rest of this request sees the change too
            memo[self.key] = new

    def bump(self, *args, **kwargs):
        """A signal receiver: what the generation covers changed (now, and again once committed)."""
        self.start_new()
        transaction.on_commit(self.start_new)


def request_began(**kwargs):
    _request.generations = {}


def request_ended(**kwargs):
    _request.generations = None
