"""Topics: the catalogue's shared vocabulary for filtering courses.

A snippet rather than free tags, so that "Participación ciudadana" is one topic with one address
(``/cursos/?tema=participacion-ciudadana``) instead of several spellings that split the catalogue.
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Topic(models.Model):
    name = models.CharField(
        _("name"), max_length=80, unique=True, help_text=_("As shown on course cards, e.g. Participación ciudadana.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Used in the catalogue's filter address. Leave empty to make it from the name."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        # Filled in before uniqueness is validated, so a clash is a form error rather than a database error.
        if not self.slug:
            self.slug = slugify(self.name)
