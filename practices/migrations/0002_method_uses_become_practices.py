"""The toolkit's "Usé este método" records become draft practices (method, comuna, date; the note as what was
learned), so that their authors can complete them. The old records stay as they were."""

from django.db import migrations


def uses_to_practices(apps, schema_editor):
    MethodUse = apps.get_model("toolkits", "MethodUse")
    Practice = apps.get_model("practices", "Practice")
    MethodComponent = apps.get_model("toolkits", "MethodComponent")
    components = {}
    for tag in MethodComponent.objects.order_by("pk"):
        components.setdefault(tag.page_id, tag.value)
    for use in MethodUse.objects.select_related("method").order_by("pk").iterator():
        exists = Practice.objects.filter(author_id=use.user_id, done_on=use.used_on, methods=use.method_id).exists()
        if exists:
            continue
        practice = Practice.objects.create(
            author_id=use.user_id,
            title=use.method.title[:140],
            municipality_id=use.municipality_id,
            done_on=use.used_on,
            component=components.get(use.method_id, ""),
            learned=use.note,
        )
        practice.methods.add(use.method_id)


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_practices"),
        ("toolkits", "0002_outcomes_and_participant_types"),
    ]

    operations = [migrations.RunPython(uses_to_practices, migrations.RunPython.noop)]
