from django.db import migrations

from accounts.gran_concepcion import GRAN_CONCEPCION, REGION_BIOBIO


def load_comunas(apps, schema_editor):
    Municipality = apps.get_model("accounts", "Municipality")
    for code, name in GRAN_CONCEPCION:
        Municipality.objects.update_or_create(code=code, defaults={"name": name, "region": REGION_BIOBIO})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(load_comunas, migrations.RunPython.noop)]
