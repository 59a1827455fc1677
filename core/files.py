"""Stored files that follow their records: replaced and deleted only once the change that drops them commits.

A record's file is never deleted before the transaction that stops pointing at it commits: if it rolls back, the
record still points at its old file, which must still be there. Deleting after the commit may leave a file behind
when the process dies in between (a harmless orphan), never a record without its file.
"""

from django.db import transaction


def delete_on_commit(storage, *names):
    """Delete these files from ``storage`` once the current transaction commits (at once outside one)."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


def replace_file(field_file, name, content):
    """Store ``content`` as ``field_file``'s new file under ``name`` (the record is not saved: save it in the same
    transaction) and delete the file it replaces once that transaction commits."""
    previous = field_file.name if field_file else None
    field_file.save(name, content, save=False)
    if previous and previous != field_file.name:
        delete_on_commit(field_file.storage, previous)
