"""How long the toolkit's PDFs take to render: every card of the demo, then every component deck.

Run after ``make demo``:  .venv/bin/python bench/toolkit_pdfs.py
Renders in this process (as a worker does) without storing anything.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from core.pdf import render_template_to_pdf  # noqa: E402
from toolkits import printing  # noqa: E402
from toolkits.choices import Component  # noqa: E402


def timed(template, context):
    started = time.perf_counter()
    pdf = render_template_to_pdf(template, context)
    return time.perf_counter() - started, pdf


def main():
    methods = list(printing.printable_methods())
    if not methods:
        sys.exit("No published methods: run `make demo` first.")
    first, _pdf = timed(printing.CARD_TEMPLATE, printing.card_context(methods[0]))
    cards = [timed(printing.CARD_TEMPLATE, printing.card_context(method)) for method in methods]
    seconds = [elapsed for elapsed, _pdf in cards]
    print(
        f"cards: {len(cards)} · first in the process {first:.2f} s · then median {statistics.median(seconds):.2f} s, "
        f"max {max(seconds):.2f} s · pages {sorted({pdf.pages for _s, pdf in cards})} · "
        f"median size {statistics.median(len(pdf.content) for _s, pdf in cards) / 1024:.0f} KB"
    )
    for component in Component:
        members = [m for m in methods if component.value in {tag.value for tag in m.components.all()}]
        if not members:
            continue
        context = {
            "component": component,
            "cards": [printing.card_context(m) for m in members],
            "today": timezone.localdate(),
        }
        elapsed, pdf = timed(printing.DECK_TEMPLATE, context)
        print(
            f"deck {component.value}: {len(members)} methods, {pdf.pages} pages, {elapsed:.2f} s, "
            f"{len(pdf.content) / 1024:.0f} KB"
        )


if __name__ == "__main__":
    main()
