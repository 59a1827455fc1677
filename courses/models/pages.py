"""Authored content: the catalogue, courses, modules and course items (lessons; quizzes join later).

The tree is strict — catalogue → course → module → item — so a course's items are always two levels below it.
``CourseItem`` is a concrete page type that every kind of item extends (``LessonPage`` here, ``QuizPage`` in the
quizzes app): progress counts "items" in one query whatever their kind, and a learner's completion points at
an item, never at a module or a course.
"""

from http import HTTPMethod

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.blocks import CharBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from accounts.models import User
from accounts.roles import TRAINER
from core.pageviews import ServedByView
from core.published import KeptViewRestrictions, kept
from home.blocks import RICH_TEXT_FEATURES

from ..blocks import LessonStreamBlock
from ..estimates import estimate_minutes
from ..panels import CourseChecklistPanel, CourseOutlinePanel
from ..progress import REQUIRED
from .topics import Topic


class Level(models.TextChoices):
    BASIC = "basico", _("Basic")
    INTERMEDIATE = "intermedio", _("Intermediate")
    ADVANCED = "avanzado", _("Advanced")


# Course pages are read; everything a learner does is a POST to a view of its own (``courses.views``). What a
# request to a page shows is its page view in ``courses.serving`` (``core.pageviews``).
READ_ONLY = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]


class CourseIndexPage(ServedByView, KeptViewRestrictions, Page):
    """The catalogue (``/cursos/``): every published course as a card, with filters and search."""

    intro = models.TextField(
        _("introduction"), max_length=500, blank=True, help_text=_("One or two sentences above the course cards.")
    )

    template = "pages/course_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1
    allowed_http_methods = READ_ONLY

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("course catalogue")
        verbose_name_plural = _("course catalogues")


class CoursePageForm(WagtailAdminPageForm):
    """Trainers are chosen among people with the trainer role; a course cannot be its own prerequisite."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        assigned = self.instance.trainers.all() if self.instance.pk else User.objects.none()
        self.fields["trainers"].queryset = User.objects.filter(
            models.Q(groups__name=TRAINER.group_name) | models.Q(pk__in=[user.pk for user in assigned])
        ).distinct()
        prerequisites = CoursePage.objects.order_by("title")
        if self.instance.pk:
            prerequisites = prerequisites.exclude(pk=self.instance.pk)
        self.fields["prerequisites"].queryset = prerequisites

    def _post_clean(self):
        """ "Enviar a revisión" only for a course that passes its checklist (``courses.checklist``), read once the
        form's values are on the course (a certificate template chosen in the same form counts)."""
        from ..checklist import failed_checks

        super()._post_clean()
        if self.data.get("action-submit") or self.data.get("action-restart-workflow"):
            for check in failed_checks(self.instance):
                self.add_error(None, _("Not ready for review: %(check)s. %(detail)s") % check.as_dict())


class CoverIllustration(models.TextChoices):
    """The covers drawn for Cocrea (``static/img/illustrations.svg``, symbols ``cover-<value>``)."""

    CITY = "ciudad", _("A city street with a bus stop")
    JOURNEY = "viaje", _("A passenger's journey, stop by stop")
    ROADMAP = "hoja-de-ruta", _("A roadmap: milestones on a timeline")
    CHALLENGE = "desafio", _("An open challenge: many ideas, one winner")
    STAKEHOLDERS = "actores", _("A stakeholder map: circles of people around a service")


class CoursePage(ServedByView, KeptViewRestrictions, Page):
    """A course: what it teaches, to whom and in how long, who teaches it, and its modules below it.

    Learners enrol here. ``trainers`` are shown on the page and, once the course is created or published, are
    the members of the course's own editing group (see ``courses.authoring``).
    """

    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown on the catalogue card.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A landscape picture for the catalogue card (decorative: the title says what the course is)."),
    )
    cover_illustration = models.CharField(
        _("cover illustration"),
        max_length=20,
        choices=CoverIllustration.choices,
        default=CoverIllustration.CITY,
        help_text=_("One of Cocrea's drawings, shown on the card when the course has no cover image."),
    )
    introduction = RichTextField(
        _("introduction"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("A few paragraphs that present the course on its page."),
    )
    objectives = StreamField(
        [("objective", CharBlock(label=_("objective"), max_length=250))],
        verbose_name=_("learning objectives"),
        min_num=1,
        max_num=8,
        help_text=_("What a learner will be able to do, each starting with a verb (e.g. Identificar…)."),
    )
    audience = models.TextField(
        _("audience"), max_length=500, help_text=_("Who the course is for, in a sentence or two.")
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, default=Level.BASIC)
    topics = ParentalManyToManyField(
        Topic,
        verbose_name=_("topics"),
        blank=True,
        related_name="courses",
        help_text=_("Used to filter the catalogue."),
    )
    estimated_hours = models.PositiveSmallIntegerField(
        _("estimated hours"),
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("Hours of study and practice; printed on the certificate."),
    )
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        blank=True,
        related_name="courses_as_trainer",
        help_text=_("People with the trainer role who write this course. Only they (and reviewers) can edit it."),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisite courses"),
        symmetrical=False,
        blank=True,
        related_name="required_for",
        help_text=_("Courses a learner must complete before enrolling in this one."),
    )
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("certificate template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
        help_text=_("How this course's certificates look. Empty: the default template."),
    )
    modules_in_order = models.BooleanField(
        _("modules in order"),
        default=False,
        help_text=_("If checked, a module opens only when the required items of the previous one are complete."),
    )

    template = "pages/course_page.html"
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    base_form_class = CoursePageForm
    allowed_http_methods = READ_ONLY
    # The explorer lists modules in the order learners see them; trainers change it by reordering there.
    admin_default_ordering = "ord"

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("cover_illustration"),
        FieldPanel("introduction"),
        FieldPanel("objectives"),
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldPanel("estimated_hours"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
                FieldPanel("modules_in_order"),
                FieldPanel("certificate_template"),
            ],
            heading=_("How the course is taken"),
        ),
        FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
            ObjectList([CourseChecklistPanel(), CourseOutlinePanel()], heading=_("Outline and checklist")),
        ],
        base_form_class=CoursePageForm,
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("introduction"),
        index.SearchField("objectives"),
        index.SearchField("audience"),
        index.FilterField("level"),
    ]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def catalogue(self):
        """The catalogue listing this course (its parent, for the breadcrumbs), cached with the published site."""
        return kept(("page", self.path[: -self.steplen]), self.get_parent)


class ModulePage(ServedByView, KeptViewRestrictions, Page):
    """A group of items within a course; in a sequenced course it opens when the previous one is complete."""

    summary = models.TextField(_("summary"), max_length=300, blank=True, help_text=_("One or two sentences."))

    template = "pages/module_page.html"
    parent_page_types = ["courses.CoursePage"]
    # Item page types allowed in a module.
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage", "practices.PracticeItemPage"]
    allowed_http_methods = READ_ONLY
    admin_default_ordering = "ord"  # items in the order learners take them

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def get_course(self, request=None):
        return course_above(self, 1, request)


def course_above(page, levels, request=None):
    """The course page ``levels`` above ``page`` in the tree, kept between publications (``core.published``)."""
    path = page.path[: -levels * Page.steplen]
    return kept(("course", path), lambda: CoursePage.objects.get(path=path))


def parent_is_live():
    """A condition on pages: their parent page is live (an item in an unpublished module is not published)."""
    steplen = Page.steplen
    return Exists(
        Page.objects.filter(
            live=True,
            depth=OuterRef("depth") - 1,
            path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * steplen),
        )
    )


class CourseItemQuerySet(PageQuerySet):
    def published(self):
        """Live items in live modules: what learners can open and what progress counts."""
        return self.live().filter(parent_is_live())

    def in_course(self, course):
        return self.descendant_of(course).filter(depth=course.depth + 2)

    def required(self):
        """The items a course's progress and completion are measured against (``courses.progress``)."""
        return self.published().filter(REQUIRED)


class CourseItem(ServedByView, KeptViewRestrictions, Page):
    """Something a learner completes inside a module: a lesson, or (quizzes app) a quiz.

    Subclasses set ``template`` and add their content. ``manual_completion`` says whether the learner completes
    it by pressing "Marcar como completada" (lessons) or whether the item's own logic calls
    ``courses.services.complete_item`` (a passed quiz). Access (signed in, enrolled, module open) is checked by
    its page view (``courses.serving.CourseItemView``) for every kind of item; subclasses render only when the
    learner may see them.
    """

    summary = models.TextField(
        _("summary"), max_length=300, blank=True, help_text=_("One sentence, shown in outlines and search results.")
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"),
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Reading plus activity time."),
    )
    optional = models.BooleanField(
        _("optional"),
        default=False,
        help_text=_("Optional items do not count towards course progress or completion."),
    )

    manual_completion = False
    allowed_http_methods = READ_ONLY
    is_creatable = False
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []
    objects = PageManager.from_queryset(CourseItemQuerySet)()

    item_panels = [FieldPanel("summary"), FieldPanel("estimated_minutes"), FieldPanel("optional")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = _("course item")
        verbose_name_plural = _("course items")

    def get_course(self, request=None):
        return course_above(self, 2, request)


class LessonPageForm(WagtailAdminPageForm):
    """The estimated minutes may be left empty: they are then estimated from the body (``courses.estimates``),
    and the editor shows the current estimate next to the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["estimated_minutes"]
        field.required = False
        field.help_text = _(
            "Reading plus activity time. Leave empty to estimate it from the lesson's text and activities."
        )
        if self.instance.pk and self.instance.body:
            field.help_text += " " + _("Estimate for the saved lesson: %(minutes)s min.") % {
                "minutes": estimate_minutes(self.instance.body)
            }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("estimated_minutes") is None and cleaned.get("body") is not None:
            cleaned["estimated_minutes"] = estimate_minutes(cleaned["body"])
        return cleaned


class LessonPage(CourseItem):
    """A lesson: text, images, videos with transcripts, documents and key takeaways."""

    body = StreamField(
        LessonStreamBlock(), verbose_name=_("body"), help_text=_("The lesson, block by block; end with key takeaways.")
    )

    manual_completion = True
    base_form_class = LessonPageForm
    template = "pages/lesson_page.html"
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    content_panels = [*Page.content_panels, *CourseItem.item_panels, FieldPanel("body")]
    search_fields = [*CourseItem.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
