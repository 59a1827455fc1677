"""What a first visit to a page costs a phone on a slow connection: bytes transferred, and what blocks rendering."""

from dataclasses import dataclass

import pytest

from .visits import open_visit

# HTML, CSS, JavaScript and fonts count against a page's budget; content images are judged by how they load.
COUNTED = {"document": "HTML", "stylesheet": "CSS", "script": "JS", "font": "fonts"}
MEASURED = pytest.StashKey[dict]()

# Runs in the page: classic scripts that stop the parser (neither defer nor async, or inline), which the house rules
# forbid (static/js/, loaded with defer).
BLOCKING_SCRIPTS = """() => Array.from(document.scripts)
    .filter(script => !["module", "application/json", "application/ld+json"].includes(script.type))
    .filter(script => !(script.src && (script.defer || script.async)))
    .map(script => script.outerHTML.slice(0, 200))"""

# Runs in the page: images below the first screen that would still be downloaded on arrival.
EAGER_IMAGES_BELOW_THE_FOLD = """() => Array.from(document.images)
    .filter(image => image.getBoundingClientRect().top > window.innerHeight && image.loading !== "lazy")
    .map(image => image.currentSrc || image.src)"""

# Runs in the page: content images that are not renditions chosen for the screen. Each is scrolled into view (so a
# lazy one loads) and must offer a srcset, and the file the browser picked may be at most half again as wide as
# the image is shown on this screen's pixels (renditions come in steps: 360, 720, 1080 px). Drawings (SVG, as files
# or inline data such as a QR code) are sharp at any width, so they need no renditions.
IMAGES_NOT_SIZED_FOR_THE_SCREEN = """async () => {
    const settled = promise => Promise.race([promise.catch(() => null), new Promise(done => setTimeout(done, 3000))]);
    const problems = [];
    for (const image of document.querySelectorAll("main img")) {
        const url = new URL(image.src);
        if (url.pathname.toLowerCase().endsWith(".svg") || url.href.startsWith("data:image/svg+xml")) continue;
        if (!image.srcset || !image.sizes) {
            problems.push(`${image.src}: no srcset and sizes`);
            continue;
        }
        image.scrollIntoView();
        await settled(image.decode());
        if (!image.currentSrc || !image.complete || !image.naturalWidth) {
            problems.push(`${image.currentSrc || image.src}: did not load`);
            continue;
        }
        // naturalWidth is divided by the srcset's density: the file's own width comes from a plain copy (cached).
        const file = new Image();
        file.src = image.currentSrc;
        await settled(file.decode());
        const shown = image.getBoundingClientRect().width * devicePixelRatio;
        if (file.naturalWidth > 1.5 * shown)
            problems.push(`${image.currentSrc}: ${file.naturalWidth} px wide, shown on ${Math.round(shown)} px`);
    }
    window.scrollTo(0, 0);
    return problems;
}"""


@dataclass(frozen=True)
class Transfer:
    """One response as it went over the wire: headers and body, compressed when the server compressed it."""

    url: str
    kind: str
    size: int
    encoding: str

    @property
    def counted(self):
        return self.kind in COUNTED


def first_load(page, visit, request, base_url):
    """Open ``visit`` in a fresh ``page`` (empty cache) and return every response it transferred."""
    finished = []

    def keep(finished_request):
        finished.append(finished_request)

    page.on("requestfinished", keep)
    open_visit(page, visit, request, base_url)
    page.wait_for_load_state("load")
    page.remove_listener("requestfinished", keep)
    transfers = []
    for finished_request in finished:
        sizes = finished_request.sizes()
        response = finished_request.response()
        transfers.append(
            Transfer(
                url=finished_request.url,
                kind=finished_request.resource_type,
                size=sizes["responseHeadersSize"] + sizes["responseBodySize"],
                encoding=response.headers.get("content-encoding", "") if response else "",
            )
        )
    return transfers


def blocking_scripts(page):
    return page.evaluate(BLOCKING_SCRIPTS)


def eager_images_below_the_fold(page):
    return page.evaluate(EAGER_IMAGES_BELOW_THE_FOLD)


def images_not_sized_for_the_screen(page):
    return page.evaluate(IMAGES_NOT_SIZED_FOR_THE_SCREEN)


def record(config, name, transfers, budget):
    """Keep a page's figures for the summary printed at the end of the run."""
    by_kind = dict.fromkeys(COUNTED.values(), 0)
    for transfer in transfers:
        if transfer.counted:
            by_kind[COUNTED[transfer.kind]] += transfer.size
    config.stash.setdefault(MEASURED, {})[name] = (sum(by_kind.values()), budget, by_kind)


def summary_lines(config):
    measured = config.stash.get(MEASURED, {})
    for name, (total, budget, by_kind) in sorted(measured.items()):
        parts = ", ".join(f"{label} {size / 1000:.1f}" for label, size in by_kind.items() if size)
        yield f"{name}: {total / 1000:.1f} KB of {budget / 1000:.0f} KB ({parts})"


def breakdown(transfers):
    return "\n".join(
        f"  {transfer.size:>7,} B  {transfer.kind:<10} {transfer.encoding or 'identity':<8} {transfer.url}"
        for transfer in transfers
    )
