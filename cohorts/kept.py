"""What "Mi aprendizaje" and a course's page show of cohorts and announcements, cached between changes.

The deadlines of a comuna's cohorts and the newest announcements of a course for a comuna are the same for everyone
of that comuna: they are kept with the published site (``core.published.kept``: they show course titles) under one
more generation, ``COHORTS``, that saving or deleting any cohort or announcement, or changing a cohort's comunas,
starts anew (``receivers``). Who is enrolled where and their time zone are read on every request.
"""

from core.generations import Generation
from core.published import kept

COHORTS = Generation("cocrea:cohorts-generation")


def kept_for_comuna(key, load):
    """``load()`` (the same for everyone of the comuna named in ``key``), cached under the current generations."""
    current = COHORTS.current()
    if current is None:
        return load()
    return kept(("cohorts", current, *key), load)
