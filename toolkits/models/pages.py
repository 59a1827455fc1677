"""The library's pages: the toolkit index (with its "Quiero…" entry points) and one page per method."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.pageviews import ServedByView
from core.published import KeptViewRestrictions

from ..blocks import METHOD_TEXT_FEATURES, ExampleBlock, MethodCardBlock, StepBlock, WorksheetBlock
from ..choices import Channel, Component, Difficulty, Phase
from ..formatting import format_duration, format_group
from .taxonomy import Outcome, ParticipantType


class ToolkitIndexPage(ServedByView, KeptViewRestrictions, RoutablePageMixin, Page):
    """The public library at /herramientas/: search, facets, "Quiero…" entry points and the component decks."""

    intro = RichTextField(
        _("introduction"),
        features=METHOD_TEXT_FEATURES,
        blank=True,
        help_text=_("A few sentences above the library: what it holds and how to use it."),
    )

    template = "pages/toolkit_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["toolkits.MethodPage"]
    max_count_per_parent = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("intents", heading=_("“Quiero…” entry points"), label=_("entry point")),
    ]

    class Meta:
        verbose_name = _("toolkit library")
        verbose_name_plural = _("toolkit libraries")

    @path("")
    def library_view(self, request):
        return self.render(request)

    @path("mazo/<slug:component>/", name="deck")
    def deck_pdf(self, request, component):
        return self.page_view.deck(self, request, component)


class ToolkitIntent(Orderable):
    """A "Quiero…" entry point: a sentence in the official's words that opens the library already filtered."""

    page = ParentalKey(ToolkitIndexPage, on_delete=models.CASCADE, related_name="intents")
    title = models.CharField(
        _("title"), max_length=120, help_text=_("Starts with “Quiero…”, e.g. “Quiero entender a los usuarios”.")
    )
    text = models.CharField(_("text"), max_length=300, blank=True, help_text=_("One sentence under the title."))
    filters = models.CharField(
        _("filters"),
        max_length=500,
        help_text=_(
            "Filter the library as you want it, then paste its address here (or only the part after “?”), "
            "e.g. resultado=entender&componente=codiseno."
        ),
    )

    panels = [FieldPanel("title"), FieldPanel("text"), FieldPanel("filters")]

    class Meta(Orderable.Meta):
        verbose_name = _("“Quiero…” entry point")
        verbose_name_plural = _("“Quiero…” entry points")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        from ..library import Library

        query = Library(self.page).parse_address(self.filters or "")
        if query.errors:
            raise ValidationError({"filters": query.errors})
        if not query.is_filtered:
            raise ValidationError({"filters": _("Choose at least one filter or a search.")})
        self.filters = query.urlencode()

    @property
    def url(self):
        return f"{self.page.url}?{self.filters}"


class MethodPageForm(WagtailAdminPageForm):
    """The method editor: components and channels are ticked like the other classifications."""

    component_values = forms.MultipleChoiceField(
        label=_("Programme components"),
        choices=Component.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The parts of the programme this method serves."),
    )
    channel_values = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("How people take part."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["component_values"] = [tag.value for tag in self.instance.components.all()]
            self.initial["channel_values"] = [tag.value for tag in self.instance.channels.all()]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("duration_min"), cleaned.get("duration_max")
        if low is not None and high is not None and low > high:
            self.add_error("duration_max", _("The longest duration cannot be shorter than the shortest."))
        low, high = cleaned.get("group_min"), cleaned.get("group_max")
        if low is not None and high is not None and low > high:
            self.add_error("group_max", _("The largest group cannot be smaller than the smallest."))
        return cleaned

    def save(self, commit=True):
        page = super().save(commit=False)
        page.components = [MethodComponent(value=value) for value in self.cleaned_data["component_values"]]
        page.channels = [MethodChannel(value=value) for value in self.cleaned_data["channel_values"]]
        if commit:
            page.save()
        return page


class MethodPage(ServedByView, KeptViewRestrictions, RoutablePageMixin, Page):
    """One co-creation method: what it is, when it fits, how to run it, and what to watch for in Chile.

    The structure follows 18F Methods (what / why / time / how / considerations for government), Nesta's DIY
    Toolkit ("Quiero…" entry points, printable worksheets) and IDEO.org's Design Kit (time, difficulty,
    materials, participants, phase).
    """

    what = models.CharField(_("what it is"), max_length=255, help_text=_("One line: what the method is."))
    why = RichTextField(_("why use it"), features=METHOD_TEXT_FEATURES, help_text=_("Why a municipality would use it."))
    intent = models.CharField(
        _("“Quiero…”"),
        max_length=200,
        help_text=_("What an official wants when this method is the answer, e.g. “Quiero saber quién puede ayudar”."),
    )
    phase = models.CharField(_("design phase"), max_length=20, choices=Phase.choices)
    outcomes = ParentalManyToManyField(Outcome, verbose_name=_("outcomes"), related_name="methods")
    participants = ParentalManyToManyField(
        ParticipantType, verbose_name=_("participants"), related_name="methods", blank=True
    )
    duration_min = models.PositiveIntegerField(
        _("shortest duration (minutes)"),
        help_text=_("Working minutes: half a day is 240, a day 480, a week 2,400, a month about 9,600."),
    )
    duration_max = models.PositiveIntegerField(
        _("longest duration (minutes)"), help_text=_("Decides the time band the method is listed under.")
    )
    duration_label = models.CharField(
        _("duration note"),
        max_length=160,
        blank=True,
        help_text=_("When the time is per something, e.g. “por persona entrevistada”."),
    )
    group_min = models.PositiveIntegerField(_("smallest group"))
    group_max = models.PositiveIntegerField(
        _("largest group"), null=True, blank=True, help_text=_("Leave empty when there is no upper limit.")
    )
    difficulty = models.PositiveSmallIntegerField(_("difficulty"), choices=Difficulty.choices)
    facilitation = RichTextField(
        _("facilitation"),
        features=METHOD_TEXT_FEATURES,
        help_text=_("Who should facilitate and which skills it takes."),
    )
    materials = StreamField(
        [("material", blocks.CharBlock(label=_("material"), max_length=200, icon="pick"))],
        verbose_name=_("materials"),
        blank=True,
    )
    steps = StreamField([("step", StepBlock())], verbose_name=_("steps"), help_text=_("In the order they happen."))
    worksheets = StreamField(
        [("template", WorksheetBlock())],
        verbose_name=_("templates"),
        blank=True,
        help_text=_("Worksheets to download (Wagtail documents)."),
    )
    examples = StreamField([("example", ExampleBlock())], verbose_name=_("examples"), blank=True)
    pitfalls = StreamField(
        [("pitfall", blocks.TextBlock(label=_("pitfall"), max_length=400, icon="warning"))],
        verbose_name=_("pitfalls"),
        blank=True,
    )
    legal = RichTextField(
        _("legal considerations"),
        features=METHOD_TEXT_FEATURES,
        blank=True,
        help_text=_("What Chilean law asks: transparency (20.285), personal data (19.628), participation (20.500)."),
    )
    related = StreamField(
        [("method", MethodCardBlock())],
        verbose_name=_("related methods"),
        blank=True,
        help_text=_("Methods that go before, after or instead of this one."),
    )

    template = "pages/method_page.html"
    parent_page_types = ["toolkits.ToolkitIndexPage"]
    subpage_types = []
    base_form_class = MethodPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("what"),
        FieldPanel("intent"),
        FieldPanel("why"),
        MultiFieldPanel(
            [
                FieldPanel("component_values"),
                FieldPanel("phase"),
                FieldPanel("outcomes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("participants", widget=forms.CheckboxSelectMultiple),
                FieldPanel("channel_values"),
                FieldPanel("difficulty"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("duration_min"), FieldPanel("duration_max")]),
                FieldPanel("duration_label"),
                FieldRowPanel([FieldPanel("group_min"), FieldPanel("group_max")]),
            ],
            heading=_("Time and group"),
        ),
        FieldPanel("facilitation"),
        FieldPanel("materials"),
        FieldPanel("steps"),
        FieldPanel("worksheets"),
        FieldPanel("examples"),
        FieldPanel("pitfalls"),
        FieldPanel("legal"),
        FieldPanel("related"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("what", boost=2),
        index.SearchField("intent", boost=2),
        index.SearchField("why"),
        index.SearchField("facilitation"),
        index.SearchField("materials"),
        index.SearchField("steps"),
        index.SearchField("examples"),
        index.SearchField("pitfalls"),
        index.SearchField("legal"),
        index.RelatedFields("outcomes", [index.SearchField("name")]),
        index.RelatedFields("participants", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_min__gte=1, duration_min__lte=models.F("duration_max")),
                name="method_duration_range",
            ),
            models.CheckConstraint(
                condition=models.Q(group_min__gte=1)
                & (models.Q(group_max__isnull=True) | models.Q(group_max__gte=models.F("group_min"))),
                name="method_group_range",
            ),
            models.CheckConstraint(condition=models.Q(difficulty__in=Difficulty.values), name="method_difficulty"),
        ]

    @property
    def duration_display(self):
        return format_duration(self.duration_min, self.duration_max)

    @property
    def group_display(self):
        return format_group(self.group_min, self.group_max)

    @property
    def component_list(self):
        """The method's components in the programme's order (uses a prefetch when there is one)."""
        return sorted(self.components.all(), key=lambda tag: Component.values.index(tag.value))

    @property
    def channel_list(self):
        return sorted(self.channels.all(), key=lambda tag: Channel.values.index(tag.value))

    @path("")
    def method_view(self, request):
        return self.render(request)

    @path("ficha/", name="card")
    def card_pdf(self, request):
        return self.page_view.card(self, request)

    @path("registrar-uso/", name="record_use")
    def record_use_view(self, request):
        return self.page_view.record_use(self, request)


class MethodTag(models.Model):
    """One value of a fixed multi-valued classification, as a row so it filters and counts in SQL on any database."""

    class Meta:
        abstract = True
        constraints = [models.UniqueConstraint(fields=["page", "value"], name="one_%(class)s_per_value")]
        indexes = [models.Index(fields=["value", "page"], name="%(class)s_value")]

    def __str__(self):
        return self.get_value_display()


class MethodComponent(MethodTag):
    page = ParentalKey(MethodPage, on_delete=models.CASCADE, related_name="components")
    value = models.CharField(_("component"), max_length=20, choices=Component.choices)

    class Meta(MethodTag.Meta):
        verbose_name = _("method component")


class MethodChannel(MethodTag):
    page = ParentalKey(MethodPage, on_delete=models.CASCADE, related_name="channels")
    value = models.CharField(_("channel"), max_length=20, choices=Channel.choices)

    class Meta(MethodTag.Meta):
        verbose_name = _("method channel")
