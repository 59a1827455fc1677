"""The rubric of a course's "Práctica": criteria, each with its levels (from the lowest to the highest)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class LevelBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=60, help_text=_("A short name, e.g. “Logrado”."))
    description = blocks.CharBlock(max_length=300, required=False, help_text=_("What work at this level shows."))

    class Meta:
        icon = "tick"
        label = _("Level")


class CriterionBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120, help_text=_("What is assessed, e.g. “Participación de vecinos”."))
    description = blocks.TextBlock(required=False, max_length=500, help_text=_("What the reviewer looks at."))
    levels = blocks.ListBlock(LevelBlock(), min_num=2, max_num=5, help_text=_("From the lowest level to the highest."))

    class Meta:
        icon = "list-ul"
        label = _("Criterion")
        template = "components/blocks/rubric_criterion.html"
        description = _("A criterion of the rubric with its levels.")
        preview_value = {
            "name": "Participación",
            "description": "Quiénes participaron y cómo.",
            "levels": [{"label": "En desarrollo", "description": ""}, {"label": "Logrado", "description": ""}],
        }


class RubricBlock(blocks.StreamBlock):
    criterion = CriterionBlock()
