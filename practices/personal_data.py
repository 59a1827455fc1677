"""The practices' part of a person's data (Ley 19.628): the practices they authored or co-authored.

On erasure, a practice they authored keeps only what the counts need (method, comuna, date, participants): it is
withdrawn from the map, its texts are emptied and its photos and documents deleted; they leave the co-authors of
others' practices.
"""

from django.db import transaction

from .models import Evidence, Practice


def export_practices(user):
    """Listed in ``settings.PERSONAL_DATA_EXPORTERS``."""
    practices = (
        Practice.objects.of(user)
        .select_related("municipality", "author")
        .prefetch_related("methods", "evidence", "versions__review")
        .order_by("done_on", "pk")
    )
    return {
        "practices": [
            {
                "title": practice.title,
                "role": "author" if practice.author_id == user.pk else "co-author",
                "municipality": practice.municipality.name,
                "done_on": practice.done_on,
                "place": practice.place,
                "methods": [method.title for method in practice.methods.all()],
                "component": practice.component,
                "participants": practice.participants_counts(),
                "learned": practice.learned,
                "changed": practice.changed,
                "next_steps": practice.next_steps,
                "published": practice.published,
                "show_names": practice.show_names,
                "status": practice.status,
                "evidence": [{"kind": e.kind, "caption": e.caption, "size": e.size} for e in practice.evidence.all()],
                "reviews": [
                    {"version": v.number, "decision": v.review.decision, "feedback": v.review.feedback}
                    for v in practice.versions.all()
                    if hasattr(v, "review")
                ],
                "recorded_at": practice.created_at,
            }
            for practice in practices
        ]
    }


def erase_practices(sender, user, **kwargs):
    """Connected in ``receivers``."""
    authored = Practice.objects.filter(author=user)
    files = list(Evidence.objects.filter(practice__in=authored).values_list("file", flat=True))
    Evidence.objects.filter(practice__in=authored).delete()
    authored.update(published=False, show_names=False, title="—", place="", learned="", changed="", next_steps="")
    Practice.coauthors.through.objects.filter(user=user).delete()

    def delete_files():
        from certificates.storage import private_storage

        for name in files:
            private_storage.delete(name)

    transaction.on_commit(delete_files)
