"""Practice records: what an official did in their comuna with methods of the toolkit (learner records, not
content), the evidence that shows it, and — once submitted in a course — the versions reviewed and the reviews.

A practice is shown to the public only when its authors chose to publish it *and* a trainer accepted it
(``PracticeQuerySet.public``); until then its evidence is served only to the people allowed to see it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from accounts.models import Municipality
from certificates.storage import get_private_storage
from courses.models import CourseItem
from home.blocks import RICH_TEXT_FEATURES
from toolkits.choices import Component

from .blocks import RubricBlock

#: Participants by kind: (field name, label). Kept as columns so that sums are plain SQL on any database.
PARTICIPANT_KINDS = (
    ("participants_neighbours", _("neighbours")),
    ("participants_elderly", _("older people")),
    ("participants_students", _("students")),
    ("participants_university", _("university")),
    ("participants_firms", _("firms")),
    ("participants_civil_society", _("civil society")),
    ("participants_public_services", _("other public services")),
)
MAX_PARTICIPANTS = 100_000


class Status(models.TextChoices):
    DRAFT = "borrador", _("Draft")
    SUBMITTED = "enviada", _("Waiting for review")
    CHANGES_REQUESTED = "cambios", _("Changes requested")
    ACCEPTED = "aceptada", _("Accepted")


class PracticeQuerySet(models.QuerySet):
    def of(self, user):
        """The practices a person authored or co-authored."""
        return self.filter(models.Q(author=user) | models.Q(coauthors=user)).distinct()

    def public(self):
        """What anyone may see: published by its authors and accepted by a trainer."""
        return self.filter(published=True, status=Status.ACCEPTED)

    def waiting(self):
        return self.filter(status=Status.SUBMITTED)

    def summary(self):
        """``{"times": n, "municipalities": m}``: what a method's page shows, counts and never names."""
        return self.aggregate(
            times=models.Count("pk", distinct=True), municipalities=models.Count("municipality", distinct=True)
        )


def _count(label):
    return models.PositiveIntegerField(label, default=0, validators=[MaxValueValidator(MAX_PARTICIPANTS)])


class Practice(models.Model):
    """One applied practice. Co-authors are officials of the same comuna (checked by the form and the service);
    they may edit it like its author. ``item`` is the course's "Práctica" it was submitted for, if any."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="practices"
    )
    coauthors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("co-authors"), blank=True, related_name="coauthored_practices"
    )
    title = models.CharField(_("title"), max_length=140)
    methods = models.ManyToManyField(
        "toolkits.MethodPage", verbose_name=_("methods"), blank=True, related_name="practices"
    )
    component = models.CharField(_("programme component"), max_length=20, choices=Component.choices, blank=True)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="practices"
    )
    place = models.CharField(_("where"), max_length=200, blank=True)
    done_on = models.DateField(_("when"))
    learned = models.TextField(_("what was learned"), max_length=4000, blank=True)
    changed = models.TextField(_("what changed"), max_length=4000, blank=True)
    next_steps = models.TextField(_("next steps"), max_length=4000, blank=True)
    participants_neighbours = _count(_("neighbours"))
    participants_elderly = _count(_("older people"))
    participants_students = _count(_("students"))
    participants_university = _count(_("university"))
    participants_firms = _count(_("firms"))
    participants_civil_society = _count(_("civil society"))
    participants_public_services = _count(_("other public services"))
    published = models.BooleanField(
        _("publish on the map of practices"),
        default=False,
        help_text=_("Shown to the public once a trainer has accepted it. You can withdraw it at any time."),
    )
    show_names = models.BooleanField(
        _("show our names"),
        default=False,
        help_text=_("Without this, the public page names only the municipality."),
    )
    item = models.ForeignKey(
        "practices.PracticeItemPage",
        verbose_name=_("course practice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("applied practice")
        verbose_name_plural = _("applied practices")
        ordering = ["-done_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="practice_queue"),
            models.Index(fields=["published", "status", "municipality"], name="practice_public"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="enviada") | models.Q(submitted_at__isnull=False, item__isnull=False),
                name="practice_submitted_has_item_and_date",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def participants(self):
        """``[(label, count)]`` of the kinds with anyone, in the fixed order."""
        return [(label, getattr(self, name)) for name, label in PARTICIPANT_KINDS if getattr(self, name)]

    def participants_counts(self):
        return {name: getattr(self, name) for name, _label in PARTICIPANT_KINDS}

    @property
    def participants_total(self):
        return sum(getattr(self, name) for name, _label in PARTICIPANT_KINDS)

    @property
    def is_public(self):
        return self.published and self.status == Status.ACCEPTED

    def is_author(self, user):
        if not user.is_authenticated:
            return False
        return self.author_id == user.pk or self.coauthors.filter(pk=user.pk).exists()

    @property
    def editable(self):
        """Authors edit a draft or a practice sent back; a submitted or accepted one waits or stays as accepted."""
        return self.status in (Status.DRAFT, Status.CHANGES_REQUESTED)


def evidence_path(instance, filename):
    return f"practicas/{instance.practice_id}/{filename}"


class Evidence(models.Model):
    """A photo or a PDF document showing the practice, kept in private storage and served through views that check
    who may see it. Photos are re-encoded on upload (no metadata, no GPS); PDFs with scripts are refused."""

    class Kind(models.TextChoices):
        PHOTO = "foto", _("Photo")
        DOCUMENT = "documento", _("Document")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), storage=get_private_storage, upload_to=evidence_path, max_length=200)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["pk"]

    def __str__(self):
        return self.caption or self.get_kind_display()

    @property
    def content_type(self):
        return "image/jpeg" if self.kind == self.Kind.PHOTO else "application/pdf"

    @property
    def filename(self):
        return f"practica-{self.practice_id}-{self.pk}.{'jpg' if self.kind == self.Kind.PHOTO else 'pdf'}"


class PracticeItemPage(CourseItem):
    """A course's "Práctica": a task done in the official's comuna, reviewed by the course's trainers with a
    rubric. It counts as done only when a trainer accepts the submission (``services.review``)."""

    task = RichTextField(
        _("task"), features=RICH_TEXT_FEATURES, help_text=_("What the official does in their comuna and brings back.")
    )
    rubric = StreamField(
        RubricBlock(),
        verbose_name=_("rubric"),
        blank=True,
        help_text=_("The criteria the trainers review the practice with, each with its levels."),
    )

    manual_completion = False
    template = "pages/practice_item_page.html"
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    content_panels = [*Page.content_panels, *CourseItem.item_panels, FieldPanel("task"), FieldPanel("rubric")]
    search_fields = [*CourseItem.search_fields, index.SearchField("task")]

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    @property
    def criteria(self):
        """``[(index, name, [level labels])]`` of the rubric, for the review form and the versions."""
        return [
            (position, block.value["name"], [level["label"] for level in block.value["levels"]])
            for position, block in enumerate(self.rubric)
        ]


class PracticeVersion(models.Model):
    """What was submitted, frozen: every submission is kept, and reviews belong to the version they read."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    content = models.JSONField(_("content"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("sent by")
    )
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["practice", "number"]
        constraints = [models.UniqueConstraint(fields=["practice", "number"], name="one_practice_version_number")]

    def __str__(self):
        return f"{self.practice_id} v{self.number}"


class Review(models.Model):
    """A trainer's review of one submitted version: levels per rubric criterion, feedback and the decision."""

    class Decision(models.TextChoices):
        ACCEPT = "aceptar", _("Accept")
        CHANGES = "cambios", _("Ask for changes")

    version = models.OneToOneField(PracticeVersion, on_delete=models.CASCADE, related_name="review")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("reviewer")
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    feedback = models.TextField(_("feedback"), max_length=4000)
    levels = models.JSONField(_("rubric levels"), default=list)
    created_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.version} · {self.get_decision_display()}"
