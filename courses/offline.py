"""Courses read and completed without a connection: what a device saves, and the completions it sends back later.

A learner saves a course on Wi-Fi ("Guardar para leer sin conexión", ``static/js/offline.js``); the device asks
for the course's *offline manifest* (``manifest``: its outline, the addresses of its lessons and of the site's own
files they need, an estimate of their size, and a *version* that changes whenever a page of the course is
republished) and keeps those pages in the service worker's cache. Quizzes are not saved: their answer keys never
leave the server, so they stay online-only.

A lesson marked complete offline waits in the device's outbox and is replayed to the usual "Marcar como
completada" address with three more fields (``Replay``): an idempotency key the device made when the learner
marked it, the learner it was marked by, and when. The server records each key once (a unique constraint on
``Completion.idempotency_key``), refuses another person's completions, keeps the time the learner marked it
(never in the future, never before they enrolled) and answers with the progress it leads to (JSON when asked).
The completion itself goes through ``courses.services.complete_item``, so a course completed offline is completed,
and its certificate issued, when the last replay arrives.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.contrib.staticfiles import finders
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from core.published import kept

from . import services
from .models import Completion, LessonPage

#: The form fields a replayed completion carries besides the CSRF token.
KEY_FIELD, USER_FIELD, MARKED_FIELD = "key", "user", "completed_at"

#: The site's own files every saved page needs (the stylesheet, the heading font, the icons and drawings, the
#: scripts). Lessons' figures are found in the pages themselves.
ASSETS = (
    "css/cocrea.css",
    "fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Bold-latin.woff2",
    "img/icons.svg",
    "img/illustrations.svg",
    "img/favicon.svg",
    "js/offline.js",
)

#: What a page weighs around its lesson's text (header, outline, footer): measured on the demo, rounded up.
PAGE_SHELL_BYTES = 12_000


class ReplayRefused(Exception):
    """A replayed completion the server will not record: ``status`` and a message for the learner."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Replay:
    """The offline fields of a completion: ``None`` from ``read`` when the form has none (a click online)."""

    key: uuid.UUID
    marked_at: datetime | None

    @classmethod
    def read(cls, request):
        """The replay in ``request.POST``, or ``None`` if it carries no key; ``ReplayRefused`` if it is malformed
        or was marked by someone else."""
        data = request.POST
        if KEY_FIELD not in data:
            return None
        try:
            key = uuid.UUID(data.get(KEY_FIELD, ""))
        except (ValueError, TypeError, AttributeError):
            raise ReplayRefused(400, _("The saved completion could not be read.")) from None
        if USER_FIELD in data and data.get(USER_FIELD) != str(request.user.pk):
            raise ReplayRefused(403, _("This completion was marked by another person on this device."))
        return cls(key, parse_marked_at(data.get(MARKED_FIELD, "")))


def parse_marked_at(value):
    """An ISO 8601 moment with its offset (what ``Date.toISOString()`` writes), or ``None`` for anything else."""
    if not value or len(value) > 40:
        return None
    try:
        moment = parse_datetime(value)
    except (ValueError, OverflowError):
        return None
    if moment is None or timezone.is_naive(moment):
        return None
    return moment


def bounded(moment, enrolment, now):
    """When the learner marked it, as far as the server can believe it: not after now, not before enrolling."""
    if moment is None:
        return now
    return max(min(moment, now), enrolment.enrolled_at)


def record(learner, item, replay, enrolment):
    """Record a replayed completion once per key; returns ``services.CompletionResult``.

    A key already recorded answers with its completion (nothing written). A new one goes through
    ``services.complete_item`` and, if that made a new record, the record takes the key and the moment the learner
    marked it. A key already given to another completion (another item or person) is refused (409) and nothing is
    written.
    """
    try:
        with transaction.atomic():
            existing = Completion.objects.filter(idempotency_key=replay.key).first()
            if existing is not None:
                if existing.user_id != learner.pk or existing.item_id != item.pk:
                    raise ReplayRefused(409, _("This saved completion belongs to another activity."))
                return services.CompletionResult(existing, False, False)
            result = services.complete_item(learner, item)
            if result.created:
                completion = result.completion
                completion.completed_at = bounded(replay.marked_at, enrolment, completion.completed_at)
                completion.idempotency_key = replay.key
                Completion.objects.filter(pk=completion.pk).update(
                    idempotency_key=replay.key, completed_at=completion.completed_at
                )
    except IntegrityError:  # the same key, sent meanwhile for another item: nothing of this replay stays
        raise ReplayRefused(409, _("This saved completion belongs to another activity.")) from None
    return result


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def progress_json(item, outline, result):
    """The answer to a replay: what was recorded and the course's progress now."""
    enrolment = outline.enrolment
    course_completed = result.course_completed or enrolment.is_complete
    return JsonResponse(
        {
            "recorded": result.created,
            "item": item.pk,
            "completed_at": result.completion.completed_at.isoformat(),
            "course": {
                "id": outline.course.pk,
                "done": outline.done_count,
                "required": outline.required_count,
                "percent": outline.percent,
                "completed": course_completed,
                "finish_url": reverse("courses:finish", args=[outline.course.pk]) if course_completed else None,
            },
        }
    )


def refusal_json(status, message):
    return JsonResponse({"error": message}, status=status)


# The manifest ------------------------------------------------------------------------------------------------


def manifest(request, outline):
    """The offline manifest of ``outline``'s course for its enrolled learner (see the module's docstring).

    The course's part (pages, version, sizes) is kept with the published site; the learner's part (what they did,
    which modules are open) comes from the outline, loaded for them.
    """
    course = outline.course
    published = kept(("offline manifest", course.pk), lambda: published_part(outline))
    assets = static_assets()
    course_page = {"kind": "course", "id": course.pk, "title": course.title, "url": course.get_url(request)}
    pages = [{**course_page, "bytes": PAGE_SHELL_BYTES, "offline": True}]
    for module in outline.modules:
        pages.append(
            {
                "kind": "module",
                "id": module.page.pk,
                "title": module.page.title,
                "url": module.page.get_url(request),
                "bytes": PAGE_SHELL_BYTES,
                "offline": not module.locked,
            }
        )
        for entry in module.items:
            known = published["items"].get(entry.page.pk, {})
            lesson = entry.is_lesson
            pages.append(
                {
                    "kind": "lesson" if lesson else "quiz",
                    "id": entry.page.pk,
                    "title": entry.page.title,
                    "url": entry.page.get_url(request),
                    "module": module.page.pk,
                    "bytes": known.get("bytes", PAGE_SHELL_BYTES),
                    # Quizzes are online only; so are the items of a module still locked.
                    "offline": lesson and not entry.locked,
                    "done": entry.done,
                }
            )
    saved = [page for page in pages if page["offline"]]
    figures = {url: size for page in saved for url, size in published["figures"].get(page["id"], {}).items()}
    return {
        "course": {"id": course.pk, "title": course.title, "url": course.get_url(request)},
        "version": published["version"],
        "learner": request.user.pk,
        "pages": pages,
        "assets": [{"url": url, "bytes": size} for url, size in assets],
        "figures": [{"url": url, "bytes": size} for url, size in figures.items()],
        "bytes": sum(page["bytes"] for page in saved) + sum(size for _url, size in assets) + sum(figures.values()),
    }


def published_part(outline):
    """What the manifest takes from the published course: each lesson's estimated weight and figures, and the
    version (a digest of every published page of the course and when it was last published)."""
    course = outline.course
    stamps = [(course.pk, course.last_published_at)]
    stamps += [(module.page.pk, module.page.last_published_at) for module in outline.modules]
    stamps += [(entry.page.pk, entry.page.last_published_at, entry.page.url_path) for entry in outline.items]
    version = hashlib.sha256(repr(stamps).encode()).hexdigest()[:16]
    items, figures = {}, {}
    lesson_ids = [entry.page.pk for entry in outline.items if entry.is_lesson]
    for lesson in LessonPage.objects.filter(pk__in=lesson_ids).only("pk", "body"):
        items[lesson.pk] = {"bytes": PAGE_SHELL_BYTES + len(json.dumps(list(lesson.body.raw_data), ensure_ascii=False))}
        figures[lesson.pk] = figures_of(lesson)
    return {"version": version, "items": items, "figures": figures}


def figures_of(lesson):
    """``{address: bytes}`` of the SVG drawings a lesson shows (pictures come as renditions the page picks)."""
    found = {}
    for block in lesson.body:
        if block.block_type != "figure":
            continue
        drawing = block.value.get("drawing")
        if drawing is not None:
            found[drawing.url] = drawing.get_file_size() or 0
    return found


def static_assets():
    """``[(address, bytes)]`` of ``ASSETS`` (hashed addresses in production)."""
    assets = []
    for path in ASSETS:
        found = finders.find(path)
        size = Path(found).stat().st_size if found else 0
        assets.append((static(path), size))
    return assets
