"""``core.rows``: instances read by a plain statement are those the ORM reads, field by field."""

from accounts.models import User
from core import rows
from courses.models import Completion


def fields_of(instance):
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_a_row_is_read_as_the_orm_reads_it(official):
    (person, extras), *others = rows.select(User, "WHERE t.id = %s", [official.pk])
    assert not others and extras == ()
    assert fields_of(person) == fields_of(User.objects.get(pk=official.pk))
    assert person.date_joined.tzinfo is not None  # converted, on SQLite too (which answers text)
    assert not person._state.adding and person._state.db == "default"


def test_extra_columns_are_converted_as_their_field(official):
    completed_at = Completion._meta.get_field("completed_at")
    [(person, (joined,))] = rows.select(User, "WHERE t.id = %s", [official.pk], extra=[("t.date_joined", completed_at)])
    assert joined == official.date_joined


def test_no_row_reads_nothing(db):
    assert list(rows.select(User, "WHERE t.id = %s", [0])) == []
