"""Sessions move to ``accounts.Session``, which notes the person each one signs in. The sessions that have not
expired come along, so that nobody is signed out by the change."""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import migrations, models
from django.utils import timezone

BATCH = 1000


def person_id(data):
    value = SessionStore().decode(data).get(SESSION_KEY)
    return int(value) if value is not None and str(value).isdigit() else None


def carry_sessions_over(apps, schema_editor):
    Old = apps.get_model("sessions", "Session")
    New = apps.get_model("accounts", "Session")
    live = Old.objects.filter(expire_date__gt=timezone.now()).order_by("pk")
    New.objects.bulk_create(
        (
            New(
                session_key=old.session_key,
                session_data=old.session_data,
                expire_date=old.expire_date,
                person_id=person_id(old.session_data),
            )
            for old in live.iterator(chunk_size=BATCH)
        ),
        batch_size=BATCH,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_permissions_stamp"),
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Session",
            fields=[
                (
                    "session_key",
                    models.CharField(max_length=40, primary_key=True, serialize=False, verbose_name="session key"),
                ),
                ("session_data", models.TextField(verbose_name="session data")),
                ("expire_date", models.DateTimeField(db_index=True, verbose_name="expire date")),
                ("person_id", models.BigIntegerField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "session",
                "verbose_name_plural": "sessions",
                "abstract": False,
            },
        ),
        migrations.RunPython(carry_sessions_over, migrations.RunPython.noop),
    ]
