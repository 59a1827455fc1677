"""Certificate templates: how a certificate looks and what its text says, edited by trainers and admins.

The body is text with placeholders in braces (``{nombre}``, ``{curso}``, ``{horas}``, ``{fecha}``, ``{comuna}``),
filled from the certificate's snapshot when it is issued. Each save raises ``version``; a certificate remembers
the version it was issued with and keeps the title and body as they were, so later edits never change what an
issued certificate says (a deliberate re-render, ``manage.py certificates rerender``, applies the new layout).
"""

from string import Formatter

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin

from ..rendering import sample_context

PLACEHOLDERS = {
    "nombre": _("the holder's full name"),
    "curso": _("the course title"),
    "horas": _("the course's hours"),
    "fecha": _("the completion date"),
    "comuna": _("the holder's municipality"),
}
DEFAULT_TITLE = "Certificado de aprobación"
DEFAULT_BODY = (
    "Se certifica que {nombre}, de la Municipalidad de {comuna}, aprobó el curso «{curso}», "
    "con una dedicación de {horas} horas, el {fecha}."
)
DEFAULT_ISSUER = "Programa Cocrea · Ministerio de Transportes y Telecomunicaciones"


def placeholders_in(text):
    return {name for _literal, name, _spec, _conversion in Formatter().parse(text) if name is not None}


def validate_placeholders(text):
    try:
        used = placeholders_in(text)
    except ValueError as error:
        raise ValidationError(_("Braces must come in pairs around a placeholder, like {nombre}.")) from error
    unknown = sorted(used - PLACEHOLDERS.keys())
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(names)s. Use %(known)s."),
            params={"names": ", ".join(f"{{{name}}}" for name in unknown), "known": placeholders_help()},
        )


def placeholders_help():
    return ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", _("Landscape (A4)")
    PORTRAIT = "portrait", _("Portrait (A4)")


class CertificateTemplateQuerySet(models.QuerySet):
    def default(self):
        """The default template, made with the programme's wording the first time it is asked for."""
        template = self.filter(is_default=True).first()
        if template is None:
            template, _created = self.get_or_create(
                is_default=True,
                defaults={"name": "Cocrea (predeterminada)", "title": DEFAULT_TITLE, "body": DEFAULT_BODY},
            )
        return template


class CertificateTemplate(PreviewableMixin, ClusterableModel):
    """How certificates of the courses that choose it look: layout, wording, signatories, logos and colour."""

    name = models.CharField(_("name"), max_length=100, help_text=_("For editors only, e.g. “Cursos del MTT”."))
    is_default = models.BooleanField(
        _("default template"),
        default=False,
        help_text=_("Used by every course that does not choose a template. Only one template can be the default."),
    )
    orientation = models.CharField(
        _("orientation"), max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )
    title = models.CharField(
        _("title"), max_length=120, default=DEFAULT_TITLE, help_text=_("The heading printed on the certificate.")
    )
    body = models.TextField(
        _("body text"),
        max_length=1200,
        default=DEFAULT_BODY,
        validators=[validate_placeholders],
        help_text=_("What is certified. Placeholders: {nombre}, {curso}, {horas}, {fecha}, {comuna}."),
    )
    issuer = models.CharField(
        _("issuer"),
        max_length=200,
        default=DEFAULT_ISSUER,
        help_text=_("Who issues the certificate; shown on it and on the public verification page."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#0B5D5B",
        validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Enter a colour as # and six hexadecimal digits."))],
        help_text=_("Borders and headings, e.g. #0B5D5B. Choose a dark colour: text in it must be readable."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The issuer's logo, top left (PNG or JPEG)."),
    )
    partner_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("partner logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A second logo, top right (optional)."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CertificateTemplateQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("is_default"),
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("body"), FieldPanel("issuer")],
            heading=_("Wording"),
        ),
        MultiFieldPanel(
            [FieldPanel("orientation"), FieldPanel("accent_colour"), FieldPanel("logo"), FieldPanel("partner_logo")],
            heading=_("Appearance"),
        ),
        InlinePanel("signatories", min_num=1, max_num=3, heading=_("Signatories"), label=_("signatory")),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_template",
                violation_error_message=_(
                    "Another template is already the default: untick “default template” there first."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.pk:
            self.version += 1
        super().save(*args, **kwargs)

    def fill(self, values):
        """The body with its placeholders replaced by ``values`` (a dict with every placeholder's name)."""
        return self.body.format_map(values)

    # Live preview in the admin: the certificate with sample data, as HTML (the PDF is made in the background).
    def get_preview_template(self, request, mode_name):
        return "pdf/certificate.html"

    def get_preview_context(self, request, mode_name):
        return sample_context(self)


class Signatory(Orderable):
    """A person who signs the certificates of a template (one to three)."""

    template = ParentalKey(CertificateTemplate, related_name="signatories", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=160, help_text=_("E.g. “Coordinadora del programa Cocrea”."))
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A scan of the signature on a white or transparent background (optional)."),
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("signature")]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return self.name
