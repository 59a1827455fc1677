"""The rules of a learner's progress in a course, each defined once.

- **Required**: an item counts towards progress and completion when it is published (live, in a live module) and not
  optional. ``REQUIRED`` is the part of that rule an item decides by itself, as a database condition; the
  ``CourseItem`` queryset's ``required()`` applies it in SQL, and ``is_required(item)`` reads the same condition on
  an item in memory (the outline, the course's checklist, completing an item). Whether it is published is decided
  by how it was loaded: ``CourseItem.objects.published()``, or the outline's published structure.
- **Progress percentage**: the share of the required items done, under the site's one rounding rule
  (``core.percentages``: 11 of 12 is 92 %; never 100 before the last item), and 0 when nothing is required.
  ``progress_percent`` in Python, ``progress_percent_expression`` in the database (recounting a whole course at
  once); ``Enrolment.progress_percent`` stores it, and the outline, the demo, the reports' synthetic data and the
  benchmarks' data set use these.
"""

from django.db.models import Q

from core.percentages import percent, percent_expression

#: An item that counts towards progress (besides being published): not optional.
REQUIRED = Q(optional=False)


def is_required(item):
    """Whether ``item`` (a course item, or anything with its fields) meets ``REQUIRED``, read in memory."""
    return all(getattr(item, name) == value for name, value in REQUIRED.children)


def progress_percent(done, required):
    """Progress as people read it: ``done`` of ``required`` items as a whole percentage (0 when none required)."""
    return percent(done, required) or 0


def progress_percent_expression(done, required):
    """``progress_percent`` as a database expression over two integer expressions (0 when none required)."""
    return percent_expression(done, required)
