"""HTML to PDF with WeasyPrint, shared by everything the platform prints (toolkit cards and decks, certificates).

- Resources are read only from the project's own static and media files: the fetcher maps ``/static/…`` and
  ``/media/…`` addresses to files on disk and refuses everything else (other hosts, ``file://``, the network),
  except ``data:`` URIs, which carry no address at all.
- The fonts ship in ``static/fonts/`` (Atkinson Hyperlegible, SIL Open Font License: see its ``OFL.txt``) and are
  declared with ``@font-face`` in ``static/css/pdf.css``; WeasyPrint embeds the glyphs used in every PDF, so
  accents and ñ print the same on every machine.
- One ``FontConfiguration`` per process, reused: building one costs more than a small render.
- A time limit per render. It is enforced with a timer signal where that is possible (the main thread: Celery's
  prefork workers, management commands); elsewhere the Celery task's own time limits apply.
- PDFs are tagged PDF/UA-1 documents, so screen readers follow headings, lists and reading order; documents meant
  to be archived (certificates) ask for PDF/A-3a, which is tagged as well.
- QR codes printed on documents come from ``qr_code`` (segno, pure Python): an SVG, or a PNG where the code must
  survive as an image a reader (or a test) can pick out of the PDF.

Render in a Celery task and store the result; never in a request. WeasyPrint itself (``core.pdf_engine``) is
loaded on the first render, so web processes, which import this module but never render, stay some 40 MB smaller.
"""

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

DEFAULT_TIME_LIMIT = 60  # seconds; a 30-method deck renders in a few seconds
DEFAULT_VARIANT = "pdf/ua-1"


class PdfError(Exception):
    """A PDF could not be made."""


class PdfTimeLimitExceeded(PdfError):
    """Rendering took longer than its time limit."""


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int
    seconds: float


def base_url():
    """The public address relative links resolve against; the fetcher serves its static and media paths locally."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"


class _Expired(BaseException):
    """Raised by the timer; a ``BaseException`` so that no ``except Exception`` inside WeasyPrint swallows it."""


@contextmanager
def time_limit(seconds):
    """Raise ``PdfTimeLimitExceeded`` when the block runs longer than ``seconds`` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    # The timer fires again every quarter second: Python swallows an exception raised while a finalizer runs.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.25)
    try:
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        signal.setitimer(signal.ITIMER_REAL, 0)
        raise PdfTimeLimitExceeded(f"Rendering the PDF took more than {seconds} seconds.") from None
    finally:
        signal.signal(signal.SIGALRM, previous)


def qr_code(url, *, kind="svg"):
    """A data URI of a QR code for ``url``: vector (``"svg"``) or a crisp bitmap (``"png"``)."""
    code = segno.make(url, error="m", micro=False)
    if kind == "png":
        return code.png_data_uri(scale=8, border=2, dark="#1b1f23")
    return code.svg_data_uri(scale=4, border=2, dark="#1b1f23")


def render_pdf(html, *, time_limit_seconds=DEFAULT_TIME_LIMIT, pdf_variant=DEFAULT_VARIANT):
    """Render an HTML document (a string) to a tagged A4 PDF; ``@page`` rules in its CSS set the layout.

    ``pdf_variant`` is a WeasyPrint variant: ``"pdf/ua-1"`` (accessible) or ``"pdf/a-3a"`` (archival, tagged).
    """
    from .pdf_engine import HTML, LocalFilesFetcher, font_configuration

    started = time.perf_counter()
    with time_limit(time_limit_seconds):
        document = HTML(string=html, base_url=base_url(), url_fetcher=LocalFilesFetcher()).render(
            font_config=font_configuration(), pdf_variant=pdf_variant
        )
        content = document.write_pdf(pdf_variant=pdf_variant)
    return RenderedPdf(content=content, pages=len(document.pages), seconds=time.perf_counter() - started)


def render_template_to_pdf(template_name, context, *, language=None, **kwargs):
    """Render a template in ``language`` (the site's first language by default, whoever triggered the work)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        html = render_to_string(template_name, context)
    return render_pdf(html, **kwargs)
