"""Signals other apps listen to."""

from django.dispatch import Signal

#: Sent inside the erasure's transaction, after the person has been anonymised, with ``user`` (the anonymised
#: account, same primary key) and ``erased_by`` (who asked: the person themselves, or an administrator).
#: Receivers update what they hold about the person (e.g. certificates are revoked with "holder removed"); an
#: exception in a receiver rolls the whole erasure back, so nothing is left half done.
personal_data_erased = Signal()
