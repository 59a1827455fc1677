"""Signals other apps listen to."""

from django.dispatch import Signal

#: Sent once per enrolment, after the transaction that completed the course has committed, with the keyword
#: argument ``enrolment`` (a ``courses.Enrolment`` whose ``completed_at`` is set). Certificates listen here.
course_completed = Signal()
