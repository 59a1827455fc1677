from django.db import migrations
from django.db.models import F


def confirm_existing_members(apps, schema_editor):
    """People who had an account before membership was verified keep counting: their address and their
    membership are taken as confirmed (from when they joined), as the reports have always counted them."""
    User = apps.get_model("accounts", "User")
    User.objects.filter(email_confirmed_at__isnull=True).update(email_confirmed_at=F("date_joined"))
    User.objects.update(membership="confirmed", membership_requested_at=F("date_joined"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_membership_and_email_confirmation")]

    operations = [migrations.RunPython(confirm_existing_members, migrations.RunPython.noop)]
