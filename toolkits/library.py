"""Finding methods: faceted filters with counts, Spanish full-text search, sorting and pages, all from GET.

Within a facet the chosen values are alternatives (co-design *or* roadmap); across facets they add up (co-design
*and* under an hour). Each facet's counts apply every other facet's choice but not its own, so a count says how many
methods ticking that box would show. The work is a fixed number of queries whatever the number of methods: one for
the search, one per facet, one for the ordered ids, one for the page of methods (plus its prefetch).

Addresses are Spanish and shareable: ``/herramientas/?q=paradero&componente=codiseno&duracion=lt1h&orden=titulo``.
"""

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.search import search_terms

from .choices import DURATION_BANDS, GROUP_BANDS, Channel, Component, Difficulty, Phase
from .models import MethodChannel, MethodComponent, MethodPage, Outcome

PER_PAGE = 12
MAX_QUERY_LENGTH = 200
SEARCH_PARAM = "q"
SORT_PARAM = "orden"
PAGE_PARAM = "pagina"


@dataclass(frozen=True)
class Option:
    value: str
    label: str


class Facet:
    """One way to narrow the library; ``key`` names it in code and demo files, ``param`` in addresses."""

    def __init__(self, key, param, label):
        self.key, self.param, self.label = key, param, label

    def options(self):
        raise NotImplementedError

    def filter(self, methods, values):
        raise NotImplementedError

    def counts(self, methods):
        """``{value: number of methods}`` among ``methods``, in one query."""
        raise NotImplementedError


class FieldFacet(Facet):
    """A single-valued field of the method with fixed choices (phase, difficulty)."""

    def __init__(self, key, param, label, field_name, choices):
        super().__init__(key, param, label)
        self.field_name, self.choices = field_name, choices

    def options(self):
        return [Option(str(value), label) for value, label in self.choices]

    def filter(self, methods, values):
        return methods.filter(**{f"{self.field_name}__in": values})

    def counts(self, methods):
        rows = methods.order_by().values(self.field_name).annotate(n=Count("pk"))
        return {str(row[self.field_name]): row["n"] for row in rows}


class TagFacet(Facet):
    """A multi-valued classification with fixed choices, kept as child rows (components, channels)."""

    def __init__(self, key, param, label, model, choices):
        super().__init__(key, param, label)
        self.model, self.choices = model, choices

    def options(self):
        return [Option(value, label) for value, label in self.choices]

    def filter(self, methods, values):
        return methods.filter(pk__in=self.model.objects.filter(value__in=values).values("page_id"))

    def counts(self, methods):
        rows = self.model.objects.filter(page__in=methods).values("value").annotate(n=Count("page_id"))
        return {row["value"]: row["n"] for row in rows}


class TermFacet(Facet):
    """A multi-valued classification whose values trainers add as snippets (outcomes)."""

    def __init__(self, key, param, label, model, relation):
        super().__init__(key, param, label)
        self.model, self.relation = model, relation

    @property
    def through(self):
        return MethodPage._meta.get_field(self.relation).remote_field.through

    def options(self):
        return [Option(slug, name) for slug, name in self.model.objects.values_list("slug", "name")]

    def filter(self, methods, values):
        return methods.filter(pk__in=MethodPage.objects.filter(**{f"{self.relation}__slug__in": values}).values("pk"))

    def counts(self, methods):
        term = self.model._meta.model_name
        rows = (
            self.through.objects.filter(methodpage__in=methods)
            .values(f"{term}__slug")
            .annotate(n=Count("methodpage_id"))
        )
        return {row[f"{term}__slug"]: row["n"] for row in rows}


class BandFacet(Facet):
    """Ranges of minutes or people: a method is in every band its own range (``low``–``high``) overlaps."""

    def __init__(self, key, param, label, bands, low, high):
        super().__init__(key, param, label)
        self.bands, self.low, self.high = bands, low, high

    def options(self):
        return [Option(band.key, band.label) for band in self.bands]

    def condition(self, band):
        starts_in_time = Q(**{f"{self.low}__lte": band.upper}) if band.upper is not None else Q()
        return starts_in_time & (Q(**{f"{self.high}__isnull": True}) | Q(**{f"{self.high}__gte": band.lower}))

    def filter(self, methods, values):
        condition = Q()
        for band in self.bands:
            if band.key in values:
                condition |= self.condition(band)
        return methods.filter(condition)

    def counts(self, methods):
        return methods.aggregate(**{band.key: Count("pk", filter=self.condition(band)) for band in self.bands})


FACETS = (
    TagFacet("component", "componente", _("Programme component"), MethodComponent, Component.choices),
    FieldFacet("phase", "fase", _("Design phase"), "phase", Phase.choices),
    TermFacet("outcome", "resultado", _("What it achieves"), Outcome, "outcomes"),
    # The duration band comes from the longest duration: what the team must set aside.
    BandFacet("duration", "duracion", _("Time needed"), DURATION_BANDS, "duration_max", "duration_max"),
    BandFacet("group", "grupo", _("Group size"), GROUP_BANDS, "group_min", "group_max"),
    FieldFacet("difficulty", "dificultad", _("Difficulty"), "difficulty", Difficulty.choices),
    TagFacet("channel", "canal", _("Channel"), MethodChannel, Channel.choices),
)
FACETS_BY_KEY = {facet.key: facet for facet in FACETS}

SORTS = {
    "pertinencia": (pgettext_lazy("sort", "Relevance"), None),
    "titulo": (pgettext_lazy("sort", "Title (A–Z)"), ("title", "pk")),
    "duracion": (pgettext_lazy("sort", "Shortest first"), ("duration_max", "duration_min", "title")),
    "dificultad": (pgettext_lazy("sort", "Easiest first"), ("difficulty", "title")),
    "recientes": (pgettext_lazy("sort", "Newest first"), ("-first_published_at", "pk")),
}


@dataclass
class LibraryQuery:
    """What someone asked the library for, validated: unknown values are dropped and explained in ``errors``."""

    text: str = ""
    selected: dict = field(default_factory=dict)  # facet param → list of chosen values, in the facet's order
    sort: str = ""
    page: str = "1"
    errors: list = field(default_factory=list)

    @property
    def is_filtered(self):
        return bool(self.text or self.selected)

    def params(self, *, without=None, page=None):
        """The query as ``[(name, value)]``, optionally without one ``(param, value)`` and with another page."""
        pairs = [(SEARCH_PARAM, self.text)] if self.text else []
        for param, values in self.selected.items():
            pairs += [(param, value) for value in values if (param, value) != without]
        if self.sort:
            pairs.append((SORT_PARAM, self.sort))
        if page and page != 1:
            pairs.append((PAGE_PARAM, str(page)))
        return pairs

    def urlencode(self, **kwargs):
        return urlencode(self.params(**kwargs))


class Library:
    """The methods below one toolkit index, and how to find among them."""

    def __init__(self, index_page):
        self.index_page = index_page

    @cached_property
    def options(self):
        """Every facet's options, ``{param: [Option]}``; one query, for the outcomes trainers add."""
        return {facet.param: facet.options() for facet in FACETS}

    @cached_property
    def methods(self):
        """The published methods anyone may see, under this library or any translation of it.

        Methods are written in Spanish, under the Spanish library; the English library (its translation) lists the
        same methods with an English interface. ``public()`` reads the view restrictions once, here.
        """
        under = Q()
        for path in self.index_page.get_translations(inclusive=True).values_list("path", flat=True):
            under |= Q(path__startswith=path)
        return MethodPage.objects.live().public().filter(under)

    def parse(self, data):
        """A ``LibraryQuery`` from GET data (a ``QueryDict``), with a Spanish message for each value dropped."""
        query = LibraryQuery()
        text = search_terms(data.get(SEARCH_PARAM, ""))
        if len(text) > MAX_QUERY_LENGTH:
            query.errors.append(
                _("The search was shortened to its first %(count)s characters.") % {"count": MAX_QUERY_LENGTH}
            )
            text = text[:MAX_QUERY_LENGTH]
        query.text = text
        for facet in FACETS:
            asked = set(data.getlist(facet.param))
            known = [option.value for option in self.options[facet.param] if option.value in asked]
            for unknown in sorted(asked - set(known)):
                query.errors.append(
                    _("“%(value)s” is not a value of the filter “%(facet)s”; it was left out.")
                    % {"value": unknown[:40], "facet": facet.label}
                )
            if known:
                query.selected[facet.param] = known
        sort = data.get(SORT_PARAM, "")
        if sort and sort not in SORTS:
            query.errors.append(_("That sort order does not exist; the usual one is used."))
        elif sort:
            query.sort = sort
        query.page = data.get(PAGE_PARAM, "1")
        return query

    def parse_address(self, address):
        """A ``LibraryQuery`` from an address or the part after “?”, as trainers paste it for a “Quiero…” link."""
        query_string = urlsplit(address.strip()).query if "?" in address else address.strip().lstrip("?")
        return self.parse(QueryDict(urlencode(parse_qs(query_string), doseq=True)))

    def search(self, query):
        """The page of methods that ``query`` asks for, with the facets and their counts."""
        methods = self.methods
        ranking = None
        if query.text:
            found = MethodPage.objects.live().defer_streamfields().search(query.text, operator="and")
            ranking = [method.pk for method in found]
            methods = methods.filter(pk__in=ranking)

        facets = []
        for facet in FACETS:
            others = methods
            for other in FACETS:
                if other is not facet and other.param in query.selected:
                    others = other.filter(others, query.selected[other.param])
            counts = facet.counts(others)
            chosen = query.selected.get(facet.param, [])
            options = [
                FacetOptionView(option.value, option.label, counts.get(option.value, 0), option.value in chosen)
                for option in self.options[facet.param]
            ]
            facets.append(FacetView(facet, options))

        matching = methods
        for facet in FACETS:
            if facet.param in query.selected:
                matching = facet.filter(matching, query.selected[facet.param])

        sort = query.sort or ("pertinencia" if query.text else "titulo")
        if sort == "pertinencia" and ranking is None:
            sort = "titulo"
        if sort == "pertinencia":
            found = set(matching.values_list("pk", flat=True))
            ids = [pk for pk in ranking if pk in found]
        else:
            ids = list(matching.order_by(*SORTS[sort][1]).values_list("pk", flat=True))

        page = Paginator(ids, PER_PAGE).get_page(query.page)
        on_page = MethodPage.objects.filter(pk__in=page.object_list).defer_streamfields().prefetch_related("components")
        by_id = {method.pk: method for method in on_page}
        page.object_list = [by_id[pk] for pk in page.object_list]
        return LibraryResults(query=query, page=page, facets=facets, sort=sort)


@dataclass
class FacetOptionView:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetView:
    facet: Facet
    options: list

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


@dataclass
class LibraryResults:
    query: LibraryQuery
    page: object
    facets: list
    sort: str

    @property
    def count(self):
        return self.page.paginator.count

    @property
    def previous_query(self):
        return self.query.urlencode(page=self.page.previous_page_number())

    @property
    def next_query(self):
        return self.query.urlencode(page=self.page.next_page_number())

    @property
    def sort_options(self):
        available = SORTS if self.query.text else {key: value for key, value in SORTS.items() if key != "pertinencia"}
        return [(key, label, key == self.sort) for key, (label, _order) in available.items()]

    @property
    def active_filters(self):
        """``(facet label, option label, address without it)`` for each chosen value."""
        return [
            (view.facet.label, option.label, self.query.urlencode(without=(view.facet.param, option.value)))
            for view in self.facets
            for option in view.selected
        ]
