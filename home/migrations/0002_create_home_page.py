from django.db import migrations


def create_home_page(apps, schema_editor):
    """Replace Wagtail's placeholder root child with the Cocrea home page and make it the default site's root."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    Locale.objects.get_or_create(language_code="en")
    Page.objects.filter(content_type__app_label="wagtailcore", content_type__model="page", depth=2).delete()
    content_type, _created = ContentType.objects.get_or_create(model="homepage", app_label="home")
    home = HomePage.objects.create(
        title="Inicio",
        draft_title="Inicio",
        slug="inicio",
        heading="Aprender a co-crear la movilidad de nuestras comunas",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/inicio/",
        locale=Locale.objects.get(language_code="es"),
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Cocrea")


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_home_page, migrations.RunPython.noop)]
