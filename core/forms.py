from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Renders every front-end field inside the site's field wrapper (label, help, errors, input)."""

    field_template_name = "components/form_field.html"
