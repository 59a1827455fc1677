"""Writes on practices: starting one (also from the toolkit's "Usé este método"), evidence, publishing, submitting
it for a course's "Práctica" and the trainers' review. Views and the demo go through these, never through saves.

Submissions and reviews lock the practice's row, so a double click submits once and two trainers cannot both
review the same version; each submission freezes a ``PracticeVersion`` and each review belongs to one.
"""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .models import Evidence, Practice, PracticeVersion, Review, Status
from .uploads import CleanFile, clean_upload

logger = logging.getLogger(__name__)

MAX_EVIDENCE = 10


class NotAllowed(Exception):
    """The practice is not in a state where this can happen (already submitted, already reviewed…)."""


def start_from_method(user, method, *, municipality, done_on, note=""):
    """The toolkit's "Usé este método": a draft practice with the method, the comuna and the date, completed later."""
    component = method.components.values_list("value", flat=True).first() or ""
    with transaction.atomic():
        practice = Practice.objects.create(
            author=user,
            title=method.title[:140],
            municipality=municipality,
            done_on=done_on,
            component=component,
            learned=note,
        )
        practice.methods.add(method)
    return practice


def save_practice(form, user):
    """Create (the person is the author) or update a practice from ``PracticeForm``."""
    with transaction.atomic():
        practice = form.save(commit=False)
        if practice.pk is None:
            practice.author = user
        practice.save()
        form.save_m2m()
        # The author is never their own co-author.
        practice.coauthors.remove(practice.author)
    return practice


def add_evidence(practice, user, upload, caption=""):
    """Keep an upload privately: a ``uploads.CleanFile`` (the form cleaned it) or a file, cleaned here
    (``uploads.clean_upload`` raises ``ValidationError``)."""
    if practice.evidence.count() >= MAX_EVIDENCE:
        raise NotAllowed
    clean = upload if isinstance(upload, CleanFile) else clean_upload(upload)
    evidence = Evidence(
        practice=practice,
        kind=clean.kind,
        caption=caption,
        width=clean.width,
        height=clean.height,
        size=len(clean.content),
        uploaded_by=user,
    )
    extension = "jpg" if clean.kind == Evidence.Kind.PHOTO else "pdf"
    evidence.file.save(f"evidencia.{extension}", ContentFile(clean.content), save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


def remove_evidence(evidence):
    file = evidence.file
    evidence.delete()
    transaction.on_commit(lambda: file.storage.delete(file.name))


def set_published(practice, published, *, show_names=None):
    """Authors (and ministry staff) publish or withdraw a practice; it shows only once accepted."""
    practice.published = published
    fields = ["published", "updated_at"]
    if show_names is not None:
        practice.show_names = show_names
        fields.append("show_names")
    practice.save(update_fields=fields)
    return practice


def snapshot(practice):
    """What a version freezes: the texts, counts, methods and evidence as they were sent."""
    return {
        "title": practice.title,
        "municipality": practice.municipality.name,
        "component": practice.component,
        "place": practice.place,
        "done_on": practice.done_on.isoformat(),
        "methods": [method.title for method in practice.methods.all()],
        "participants": practice.participants_counts(),
        "learned": practice.learned,
        "changed": practice.changed,
        "next_steps": practice.next_steps,
        "evidence": [{"id": e.pk, "kind": e.kind, "caption": e.caption} for e in practice.evidence.all()],
    }


def submit(practice, item, user):
    """Send the practice for review in ``item`` (a ``PracticeItemPage``): a new version, the trainers told."""
    with transaction.atomic():
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        if not locked.editable or (locked.item_id not in (None, item.pk)):
            raise NotAllowed
        now = timezone.now()
        number = locked.versions.count() + 1
        locked.item, locked.status, locked.submitted_at = item, Status.SUBMITTED, now
        locked.save(update_fields=["item", "status", "submitted_at", "updated_at"])
        version = PracticeVersion.objects.create(
            practice=locked, number=number, content=snapshot(locked), submitted_by=user, submitted_at=now
        )
        from .notifications import tell_trainers

        transaction.on_commit(lambda: tell_trainers(version.pk))
    return version


def review(practice, reviewer, *, decision, feedback, levels):
    """A trainer's review of the practice's latest version: accept (the item is completed for its authors who are
    enrolled) or ask for changes (the authors may edit and send it again)."""
    from courses.models import Enrolment
    from courses.services import complete_item

    with transaction.atomic():
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        version = locked.versions.order_by("-number").first()
        if locked.status != Status.SUBMITTED or version is None or hasattr(version, "review"):
            raise NotAllowed
        result = Review.objects.create(
            version=version, reviewer=reviewer, decision=decision, feedback=feedback, levels=levels
        )
        accepted = decision == Review.Decision.ACCEPT
        locked.status = Status.ACCEPTED if accepted else Status.CHANGES_REQUESTED
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["status", "reviewed_at", "updated_at"])
        if accepted and locked.item is not None:
            item = locked.item
            course = item.get_course()
            authors = [locked.author, *locked.coauthors.all()]
            enrolled = set(Enrolment.objects.filter(course=course, user__in=authors).values_list("user_id", flat=True))
            for author in authors:
                if author.pk in enrolled:
                    complete_item(author, item)
        from .notifications import tell_authors

        transaction.on_commit(lambda: tell_authors(result.pk))
    return result
