"""Model instances read by one plain statement, for the reads every signed-in request makes (its session with its
person, its enrolment with completions).

The ORM, and even ``Manager.raw``, spent longer building such a query and the instances it answers (compiling it,
matching the answer's columns to the model's fields) than the database spent answering it: about 0.65 ms against
0.39 ms for a person's row. ``select`` names the model's columns itself (its fields are looked up once per model)
and builds each instance with ``Model.from_db``, as the ORM does, with each value converted as the ORM converts it
(SQLite answers dates as text, for example).
"""

import functools

from django.db import connection


def select(model, rest, params, *, alias="t", extra=()):
    """``(instance, extras)`` for each row of ``SELECT <model's columns>, <extra> FROM <model's table> <alias>
    <rest>``: ``rest`` is SQL (joins, ``WHERE``) with ``%s`` for each of ``params``, and may name the table by
    ``alias``; ``extra`` are further columns as ``(SQL, model field)`` pairs, each answered converted as that
    field's values are."""
    own = _fields(model)
    quote = connection.ops.quote_name
    columns = [f"{alias}.{quote(field.column)}" for field in own] + [sql for sql, _field in extra]
    table = quote(model._meta.db_table)
    converting = []
    for index, field in enumerate([*own, *(field for _sql, field in extra)]):
        converters = connection.ops.get_db_converters(field.cached_col) + field.get_db_converters(connection)
        if converters:
            converting.append((index, field.cached_col, converters))
    names = [field.attname for field in own]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} {alias} {rest}", params)  # noqa: S608 -- names
        rows = cursor.fetchall()
    for row in rows:
        row = list(row)
        for index, column, converters in converting:
            for converter in converters:
                row[index] = converter(row[index], column, connection)
        yield model.from_db(connection.alias, names, row[: len(own)]), tuple(row[len(own) :])


def columns(model, alias):
    """``extra`` for ``select``: every column of ``model``, read from a table joined as ``alias``."""
    quote = connection.ops.quote_name
    return [(f"{alias}.{quote(field.column)}", field) for field in _fields(model)]


def instance(model, values):
    """The ``model`` instance that ``columns(model, …)`` answered, or ``None`` where the join found no row."""
    fields = _fields(model)
    if values[fields.index(model._meta.pk)] is None:
        return None
    return model.from_db(connection.alias, [field.attname for field in fields], values)


@functools.cache
def _fields(model):
    return tuple(model._meta.concrete_fields)
