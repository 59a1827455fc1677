"""The Wagtail admin's page forms as a browser would post them.

``querydict_from_html`` reads the inputs in the HTML; a StreamField's inputs are built by JavaScript, so they are
added here with Wagtail's form-data helpers.
"""

from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from courses.models import CoursePage, LessonPage

STREAMFIELDS = {
    CoursePage: {"objectives": streamfield([("objective", "Identificar a los actores del transporte local.")])},
    LessonPage: {
        "body": streamfield(
            [
                ("heading", "Cómo preparar la entrevista"),
                ("paragraph", rich_text("<p>Pregunte por el último viaje, no por opiniones.</p>")),
            ]
        )
    },
}


def page_form(client, url, page_class, **changes):
    """The form at ``url`` (an add or edit view of a ``page_class`` page) with ``changes`` applied."""
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data(STREAMFIELDS.get(page_class, {})))
    data.update(changes)
    return data
