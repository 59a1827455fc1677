"""Signals other apps listen to."""

from django.dispatch import Signal

#: Sent once per enrolment, after the transaction that completed the course has committed, with the keyword
#: argument ``enrolment`` (a ``courses.Enrolment`` whose ``completed_at`` is set). Certificates listen here.
course_completed = Signal()

#: Sent inside the transaction whenever enrolments' figures change without saving the model (a conditional or
#: bulk UPDATE: started, completed, progress recounted for a whole course), with ``course_id`` and ``user_id`` (None:
#: every enrolment of the course). Reports keep their summaries current here, in the same transaction.
enrolments_changed = Signal()
