"""The outcomes and participant types of the programme's design (trainers add more in the admin)."""

from django.db import migrations

OUTCOMES = [
    ("entender", "Entender"),
    ("generar_ideas", "Generar ideas"),
    ("priorizar", "Priorizar"),
    ("consensuar", "Construir consensos"),
    ("validar", "Validar"),
]
PARTICIPANT_TYPES = [
    ("funcionarios", "Funcionarios municipales"),
    ("ciudadania", "Ciudadanía"),
    ("universidades", "Universidades"),
    ("empresas", "Empresas"),
    ("sociedad_civil", "Sociedad civil"),
    ("operadores", "Operadores de transporte"),
]


def create_terms(apps, schema_editor):
    for model_name, terms in (("Outcome", OUTCOMES), ("ParticipantType", PARTICIPANT_TYPES)):
        model = apps.get_model("toolkits", model_name)
        for position, (slug, name) in enumerate(terms):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": position})


class Migration(migrations.Migration):
    dependencies = [("toolkits", "0001_initial")]

    operations = [migrations.RunPython(create_terms, migrations.RunPython.noop)]
