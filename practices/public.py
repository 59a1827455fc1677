"""The public map of practices (``/practicas/``) and each practice's page (``/practicas/<id>/``).

Only practices their authors published and a trainer accepted are shown (``PracticeQuerySet.public``); names only
when the authors agreed (``show_names``). The map is an SVG tile map of the comunas drawn for the project
(``comuna_map``): no tiles or scripts from elsewhere. The page runs the same number of queries whatever the number
of practices: the counts are two aggregates, the list a page of rows with their methods and first photo prefetched.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.models import Municipality
from toolkits.choices import Component
from toolkits.models import MethodPage

from .models import Evidence, Practice, Status

PER_PAGE = 12

#: The tile map: (column, row) of each comuna of Gran Concepción, north up, the sea to the left. Comunas elsewhere
#: are counted in the table beside it.
TILES = {
    "08110": (1, 0),  # Talcahuano
    "08111": (3, 0),  # Tomé
    "08112": (1, 1),  # Hualpén
    "08101": (2, 1),  # Concepción
    "08107": (3, 1),  # Penco
    "08108": (1, 2),  # San Pedro de la Paz
    "08103": (2, 2),  # Chiguayante
    "08105": (3, 2),  # Hualqui
    "08102": (0, 3),  # Coronel
    "08109": (2, 3),  # Santa Juana
    "08106": (0, 4),  # Lota
}
TILE_WIDTH, TILE_HEIGHT, GAP = 150, 84, 6


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    count: int
    x: int
    y: int
    chosen: bool

    @property
    def text_x(self):
        return self.x + TILE_WIDTH // 2

    @property
    def level(self):
        """0 (none) to 3: the tile's shade."""
        return 0 if not self.count else 1 if self.count < 3 else 2 if self.count < 6 else 3


def comuna_map(municipalities, counts, chosen):
    tiles = [
        Tile(
            code=m.code,
            name=m.name,
            count=counts.get(m.pk, 0),
            x=TILES[m.code][0] * (TILE_WIDTH + GAP),
            y=TILES[m.code][1] * (TILE_HEIGHT + GAP),
            chosen=m.code == chosen,
        )
        for m in municipalities
        if m.code in TILES
    ]
    width = 4 * (TILE_WIDTH + GAP) - GAP
    height = 5 * (TILE_HEIGHT + GAP) - GAP
    return {"tiles": tiles, "width": width, "height": height, "tile_width": TILE_WIDTH, "tile_height": TILE_HEIGHT}


def _filters(request):
    """``(filters, errors)`` from the address: comuna (CUT), componente, método (slug). Unknown values are
    reported and ignored."""
    code = request.GET.get("comuna", "").strip()[:5]
    component = request.GET.get("componente", "").strip()[:30]
    method_slug = request.GET.get("metodo", "").strip()[:100]
    municipality = Municipality.objects.filter(code=code).first() if code.isdigit() and len(code) == 5 else None
    method = MethodPage.objects.live().filter(slug=method_slug).first() if method_slug else None
    return {
        "municipality": municipality,
        "component": component if component in Component.values else "",
        "method": method,
    }


def _counts(practices, field):
    rows = practices.order_by().values(field).annotate(n=Count("pk", distinct=True))
    return {row[field]: row["n"] for row in rows}


@require_safe
def practice_map(request):
    filters = _filters(request)
    shown = Practice.objects.public()
    if filters["municipality"]:
        shown = shown.filter(municipality=filters["municipality"])
    if filters["component"]:
        shown = shown.filter(component=filters["component"])
    if filters["method"]:
        shown = shown.filter(methods=filters["method"])
    per_comuna = _counts(shown, "municipality")
    per_component = _counts(shown, "component")
    shown_here = list(per_comuna)
    if filters["municipality"]:
        shown_here.append(filters["municipality"].pk)
    municipalities = list(Municipality.objects.filter(Q(pk__in=shown_here) | Q(code__in=list(TILES))))
    municipalities.sort(key=lambda m: m.name)
    listing = (
        shown.select_related("municipality")
        .prefetch_related(
            Prefetch("methods", queryset=MethodPage.objects.only("pk", "title", "slug", "url_path")),
            Prefetch("evidence", queryset=Evidence.objects.filter(kind=Evidence.Kind.PHOTO), to_attr="photos"),
        )
        .order_by("-done_on", "-pk")
        .distinct()
    )
    page = Paginator(listing, PER_PAGE).get_page(request.GET.get("pagina"))
    chosen_code = filters["municipality"].code if filters["municipality"] else ""
    context = {
        "filters": filters,
        "page_obj": page,
        "practices": page.object_list,
        "map": comuna_map(municipalities, per_comuna, chosen_code),
        "comuna_rows": [(m, per_comuna.get(m.pk, 0)) for m in municipalities],
        "component_rows": [(label, per_component.get(value, 0), value) for value, label in Component.choices],
        "components": Component.choices,
        "total": sum(per_comuna.values()),
        "municipalities": municipalities,
        "methods": MethodPage.objects.live()
        .filter(practices__published=True, practices__status=Status.ACCEPTED)
        .distinct()
        .only("title", "slug")
        .order_by("title"),
    }
    return render(request, "practices/map.html", context)


@require_safe
def detail(request, pk):
    practice = (
        Practice.objects.public()
        .filter(pk=pk)
        .select_related("municipality", "author")
        .prefetch_related("methods", "coauthors", "evidence")
        .first()
    )
    if practice is None:
        raise Http404
    evidence = list(practice.evidence.all())
    return render(
        request,
        "practices/detail.html",
        {
            "practice": practice,
            "photos": [e for e in evidence if e.kind == Evidence.Kind.PHOTO],
            "documents": [e for e in evidence if e.kind == Evidence.Kind.DOCUMENT],
            "evidence": evidence,
            "authors": [practice.author, *practice.coauthors.all()] if practice.show_names else [],
        },
    )
