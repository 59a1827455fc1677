"""How long a certificate takes to render, against a bare one-line WeasyPrint document, in one process.

Run after ``make demo``:  .venv/bin/python bench/certificates.py [count]
Renders ``count`` certificates (default 200) of the demo's issued certificates, in turn, after a warm-up, without
storing anything; then as many bare documents with the same fonts and settings (``core.pdf.render_pdf``).
"""

import itertools
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django  # noqa: E402

django.setup()

from certificates import rendering  # noqa: E402
from certificates.models import Certificate, CertificateTemplate  # noqa: E402
from core.pdf import render_pdf  # noqa: E402

BARE = '<!DOCTYPE html><html lang="es"><head><title>Prueba</title></head><body><p>Una línea.</p></body></html>'
WARM_UP = 5


def measure(render, count):
    for _warm in range(WARM_UP):
        render()
    times, sizes = [], []
    for _run in range(count):
        started = time.perf_counter()
        content = render()
        times.append((time.perf_counter() - started) * 1000)
        sizes.append(len(content))
    return statistics.median(times), statistics.median(sizes)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    certificates = list(Certificate.objects.select_related("template").order_by("pk")[:50])
    if not certificates:
        sys.exit("No certificates: run `make demo` first.")
    default = CertificateTemplate.objects.default()
    turn = itertools.cycle(certificates)

    def certificate():
        issued = next(turn)
        return rendering.render(issued, issued.template or default).content

    def bare():
        return render_pdf(BARE, pdf_variant=rendering.PDF_VARIANT).content

    certificate_ms, certificate_bytes = measure(certificate, count)
    bare_ms, bare_bytes = measure(bare, count)
    print(f"{count} certificates after {WARM_UP} warm-up renders ({rendering.PDF_VARIANT}):")
    print(f"  certificate: median {certificate_ms:.1f} ms, {certificate_bytes / 1024:.1f} KB")
    print(f"  bare one-line document: median {bare_ms:.1f} ms, {bare_bytes / 1024:.1f} KB")
    print(f"  ratio: {certificate_ms / bare_ms:.1f}× the time, {certificate_bytes / bare_bytes:.1f}× the size")


if __name__ == "__main__":
    main()
