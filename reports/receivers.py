"""Keeping the summaries current: every write that changes a reported figure recounts the cells it touched, in
its own transaction (see ``reports.summary``).

- an enrolment saved or deleted (``courses.services`` saves it when progress changes), except progress saved on the
  way: that leaves what its cell counts as it was, or starts the enrolment or takes it past half way, which is
  added to the cell without a recount (``counted_changes``, ``summary.add_to_cell``);
- enrolments changed by a conditional or bulk UPDATE (``courses.signals.enrolments_changed``);
- a certificate issued, revoked, replaced or deleted;
- a person whose municipality (or anything else that decides whether they are counted) changed: the cells of
  their courses in the old and the new municipality;
- a course deleted: everything is rebuilt (its completions leave the monthly totals).
"""

from django.core.signals import setting_changed
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_save

from accounts.models import User
from accounts.signals import personal_data_erased
from certificates.models import Certificate
from core.files import delete_on_commit
from courses.models import CoursePage, Enrolment
from courses.signals import enrolments_changed

from . import summary, tables
from .figures import is_half_done
from .models import ReportExport

#: Saving a person with only these fields changed leaves every figure as it was (signing in, a new password…).
UNCOUNTED_USER_FIELDS = {"last_login", "password", "privacy_accepted_at", "first_name", "last_name", "position"}


def municipality_of(user_id):
    return User.objects.filter(pk=user_id).values_list("municipality_id", flat=True).first()


#: Saving an enrolment with only these fields changed leaves its completion and certificates as they were
#: (``courses.services.refresh_progress``: the completion itself is a conditional UPDATE, sent apart).
PROGRESS_FIELDS = {"items_required", "items_done", "progress_percent", "course_title", "started_at", "last_activity_at"}


def counted_changes(enrolment):
    """What the enrolment, as saved, changes in its cell's figures compared with the row it was read as (or last
    written as): ``{"started": 1}`` for an enrolment that starts, ``{"half_done": 1}`` for one past half way
    (``reports.figures.IS_HALF_DONE``), ``{}`` for progress that keeps both (one more lesson done, a new last
    activity). ``None`` when that cannot be told (an enrolment not read from the database, a start moved to
    another date, a completion not read): then only a recount can."""
    loaded = enrolment.loaded_values
    if not {"started_at", "progress_percent", "completed_at"} <= loaded.keys():
        return None
    moved = loaded["started_at"] is not None and loaded["started_at"] != enrolment.started_at
    if moved or loaded["completed_at"] != enrolment.completed_at:  # not progress on the way: recounted
        return None
    changes = {
        "started": (enrolment.started_at is not None) - (loaded["started_at"] is not None),
        "half_done": is_half_done(enrolment.progress_percent, enrolment.completed_at)
        - is_half_done(loaded["progress_percent"], loaded["completed_at"]),
    }
    return {figure: change for figure, change in changes.items() if change}


def enrolment_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    if raw or instance.course_id is None:
        return
    progress_only = not created and update_fields is not None and set(update_fields) <= PROGRESS_FIELDS
    if progress_only:
        changes = counted_changes(instance)
        if changes == {}:
            return
        # Added to the cell only in the transaction that wrote the enrolment (see ``summary.add_to_cell``).
        in_writing_transaction = connection.in_atomic_block
        if changes and in_writing_transaction and summary.add_to_cell(instance.course_id, instance.user_id, **changes):
            return
    summary.refresh_cells(
        instance.course_id,
        [municipality_of(instance.user_id)],
        months=not progress_only,
        certificates=not progress_only,
    )


def enrolment_deleted(sender, instance, **kwargs):
    if instance.course_id is not None:
        summary.refresh_cells(instance.course_id, [municipality_of(instance.user_id)])


def enrolments_updated(sender, course_id, user_id=None, **kwargs):
    if course_id is None:
        return
    summary.refresh_cells(course_id, None if user_id is None else [municipality_of(user_id)])


def certificate_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    cell = Enrolment.objects.filter(pk=instance.enrolment_id).values_list("course_id", "user__municipality_id").first()
    if cell and cell[0] is not None:
        summary.refresh_cells(cell[0], [cell[1]], months=False)


def counted_fields_may_change(update_fields):
    return update_fields is None or not set(update_fields) <= UNCOUNTED_USER_FIELDS


def user_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    """Remember where the person was counted before the save (their old municipality)."""
    if raw or instance.pk is None or not counted_fields_may_change(update_fields):
        return
    instance._counted_in = municipality_of(instance.pk)


def user_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    if raw or created or not counted_fields_may_change(update_fields):
        return
    municipalities = {getattr(instance, "_counted_in", None), instance.municipality_id}
    for course_id in Enrolment.objects.filter(user=instance, course__isnull=False).values_list("course_id", flat=True):
        summary.refresh_cells(course_id, municipalities)


def course_deleted(sender, instance, **kwargs):
    transaction.on_commit(summary.refresh)


def erase_exports(sender, user, **kwargs):
    """Every stored export may name the erased person: all are deleted, their files once the erasure commits."""
    files = [export.file.name for export in ReportExport.objects.exclude(file="")]
    ReportExport.objects.all().delete()
    delete_on_commit(ReportExport._meta.get_field("file").storage, *files)


def connect():
    post_save.connect(enrolment_saved, sender=Enrolment, dispatch_uid="reports.enrolment_saved")
    post_delete.connect(enrolment_deleted, sender=Enrolment, dispatch_uid="reports.enrolment_deleted")
    enrolments_changed.connect(enrolments_updated, dispatch_uid="reports.enrolments_changed")
    post_save.connect(certificate_changed, sender=Certificate, dispatch_uid="reports.certificate_saved")
    post_delete.connect(certificate_changed, sender=Certificate, dispatch_uid="reports.certificate_deleted")
    pre_save.connect(user_saving, sender=User, dispatch_uid="reports.user_saving")
    post_save.connect(user_saved, sender=User, dispatch_uid="reports.user_saved")
    post_delete.connect(course_deleted, sender=CoursePage, dispatch_uid="reports.course_deleted")
    personal_data_erased.connect(erase_exports, dispatch_uid="reports.erase_exports")
    setting_changed.connect(tables.forget_formats, dispatch_uid="reports.formats")
