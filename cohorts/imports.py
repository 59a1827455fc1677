"""Bringing a list of officials into a cohort: reading a CSV or XLSX file (or pasted text), deciding what each row
would do, and applying it in one transaction.

Reading never trusts the file: it must be small enough (``MAX_BYTES``, ``MAX_ROWS``), text in UTF-8 (else read as
Windows-1252 and said so), or an Excel workbook; the columns are recognised by their Spanish or English names. Each
row then becomes one of:

- ``invite``: a new address of the chosen municipality, invited by email (``cohorts.invitations``);
- ``enrol``: an existing account of that municipality, enrolled in the cohort's course at once;
- refused, with the reason: wrong or missing values, a cell that looks like a spreadsheet formula (refused, so the
  list never carries one back into someone's spreadsheet), a duplicate of an earlier row, a person of another
  comuna, someone already invited or already enrolled.

The decision is taken again, under lock, when the list is applied, so what is applied is what the database holds
then; applying twice (or the same file twice) finds every row already invited or enrolled and changes nothing.
"""

import csv
import io
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Municipality, User
from core.background import enqueue_on_commit
from courses import services as course_services
from courses.models import Completion, Enrolment
from courses.outline import prerequisites_of
from courses.progress import progress_percent
from courses.signals import enrolments_changed

from .models import BulkImport, Invitation

#: Biggest upload read (bytes) and most rows per list; larger lists are split by the person who brings them.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
#: An Excel workbook is read only if it unpacks into at most this much, and only its first columns.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 20
#: Lists with more rows to apply than this are applied by the worker, with a progress page.
BACKGROUND_FROM = 200
#: A confirmed list still not applied after this long (its task was lost: broker down, worker gone) is queued again
#: by the sweep; so are the invitations of an applied list still not emailed.
STALE_AFTER = timedelta(minutes=5)
#: The longest name or position kept (the account's fields).
MAX_LENGTH = 150
#: A cell starting with one of these is what a spreadsheet runs as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: The columns, in the template's order, and the headers each is recognised by (lower case, accents as written).
COLUMNS = {
    "first_name": ("nombres", "nombre", "name", "first name", "first_name", "given names", "nombre completo"),
    "last_name": ("apellidos", "apellido", "last name", "last_name", "surname", "surnames"),
    "email": ("correo", "correo electrónico", "correo electronico", "email", "e-mail", "mail"),
    "position": ("cargo", "cargo o unidad", "position", "puesto", "unidad"),
    "municipality": ("comuna", "municipalidad", "municipality"),
}
TEMPLATE_HEADER = ["nombres", "apellidos", "correo", "cargo"]
TEMPLATE_EXAMPLE = ["María José", "Pérez Soto", "mjperez@municipalidad.cl", "Dirección de Tránsito"]
#: A pasted list without a header: one person a line, name, email and position.
PASTE_COLUMNS = ["first_name", "email", "position"]

INVITE = "invite"
ENROL = "enrol"
REFUSED = "refused"


class Unreadable(Exception):
    """The whole upload was refused (size, format, columns, rows); the message says why, in the person's words."""


@dataclass
class Parsed:
    rows: list  # [{"line": n, "first_name": …, "last_name": …, "email": …, "position": …, "municipality": …}]
    notes: list = field(default_factory=list)


# Reading ----------------------------------------------------------------------------------------------------------


def read_upload(upload):
    """The rows of an uploaded file (Django's ``UploadedFile``), or ``Unreadable``."""
    if upload.size > MAX_BYTES:
        raise Unreadable(
            _("The file is %(size)s MB; the largest accepted is %(max)s MB. Split the list into smaller files.")
            % {"size": round(upload.size / 1024 / 1024, 1), "max": MAX_BYTES // 1024 // 1024}
        )
    content = upload.read(MAX_BYTES + 1)
    name = (upload.name or "").lower()
    if name.endswith(".xls"):
        raise Unreadable(_("Old Excel files (.xls) cannot be read: save the list as .xlsx or .csv."))
    if content[:4] == b"PK\x03\x04" or name.endswith(".xlsx"):
        return read_xlsx(content)
    return read_text(content)


def read_text(content, *, pasted=False):
    """Rows from CSV bytes or pasted text: UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    notes = []
    if isinstance(content, bytes):
        if b"\x00" in content[:4096]:
            raise Unreadable(
                _("This file is not a CSV list (it looks like a binary file). Use the template, as .csv or .xlsx.")
            )
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = content.decode("cp1252")
                notes.append(
                    _(
                        "The file was not in UTF-8: it was read as Windows-1252 (Excel's). Check that accents look "
                        "right."
                    )
                )
            except UnicodeDecodeError:
                text = content.decode("latin-1")
                notes.append(
                    _("The file was not in UTF-8: it was read as Latin-1 (ISO-8859-1). Check that accents look right.")
                )
    else:
        text = content
    if "\x00" in text:
        raise Unreadable(
            _("This file is not a CSV list (it looks like a binary file). Use the template, as .csv or .xlsx.")
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = max(("\t", ";", ","), key=sample.count) if sample else ","
    try:
        records = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:
        raise Unreadable(_("The list could not be read as CSV (%(error)s).") % {"error": error}) from error
    return rows_from_records(records, notes, pasted=pasted)


def read_xlsx(content):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise Unreadable(unreadable_workbook()) from error
    if unpacked > MAX_UNPACKED_BYTES:  # a small file that unpacks into gigabytes
        raise Unreadable(unreadable_workbook())
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # noqa: BLE001 — openpyxl raises many kinds on a damaged workbook; none may be a 500
        raise Unreadable(unreadable_workbook()) from error
    try:
        sheet = workbook.worksheets[0]
        records = []
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            records.append(["" if value is None else str(value) for value in values])
            if len(records) > MAX_ROWS + 1:
                raise Unreadable(too_many_rows())
    except Unreadable:
        raise
    except Exception as error:  # noqa: BLE001 — see above
        raise Unreadable(unreadable_workbook()) from error
    finally:
        workbook.close()
    return rows_from_records(records, [])


def unreadable_workbook():
    return _("The Excel file could not be read. Save it again as .xlsx, or use the CSV template.")


def too_many_rows():
    return _("The list has more than %(max)s people; the most accepted at once is %(max)s. Split it into parts.") % {
        "max": f"{MAX_ROWS:,}".replace(",", ".")
    }


def header_of(record):
    """Which column is which, from a header row; None when the row is not a header."""
    columns = {}
    for index, cell in enumerate(record):
        name = " ".join(str(cell).strip().lower().split())
        for column, names in COLUMNS.items():
            if name in names and column not in columns:
                columns[column] = index
    return columns or None


def rows_from_records(records, notes, *, pasted=False):
    records = [record for record in records if any(str(cell).strip() for cell in record)]
    if not records:
        raise Unreadable(_("The list is empty."))
    columns = header_of(records[0])
    first_line = 2
    if columns is None and pasted:
        columns = {name: index for index, name in enumerate(PASTE_COLUMNS)}
        first_line = 1
    else:
        records = records[1:]
    if not columns or "email" not in columns or "first_name" not in columns:
        raise Unreadable(
            _(
                "The columns were not recognised. The first row must name them: “nombres”, “apellidos”, "
                "“correo” and “cargo” (download the template)."
            )
        )
    if len(records) > MAX_ROWS:
        raise Unreadable(too_many_rows())
    rows = []
    for number, record in enumerate(records, start=first_line):
        row = {"line": number}
        for column, index in columns.items():
            row[column] = str(record[index]).strip() if index < len(record) else ""
        rows.append(row)
    return Parsed(rows=rows, notes=notes)


# Deciding ---------------------------------------------------------------------------------------------------------

REASONS = {
    "formula": gettext_lazy("A cell starts with = + - or @, as a spreadsheet formula would: write it as plain text."),
    "unprintable": gettext_lazy("A value holds invisible or control characters: type it again as plain text."),
    "no_email": gettext_lazy("The email address is missing."),
    "bad_email": gettext_lazy("The email address is not valid."),
    "no_name": gettext_lazy("The name is missing."),
    "too_long": gettext_lazy("A value is longer than 150 characters."),
    "duplicate": gettext_lazy("Repeats the address of line %(line)s."),
    "other_municipality": gettext_lazy("The person belongs to another comuna (%(name)s)."),
    "no_municipality": gettext_lazy("The account of this address belongs to no comuna (e.g. ministry staff)."),
    "inactive": gettext_lazy("The account of this address is deactivated."),
    "unconfirmed": gettext_lazy("The account of this address has not confirmed its email yet."),
    "prerequisites": gettext_lazy("The person has not completed the course's prerequisites."),
    "enrolled": gettext_lazy("Already enrolled in the course."),
    "invited": gettext_lazy("Already invited to this cohort."),
}


def reason_text(row):
    return str(REASONS[row["reason"]]) % row.get("reason_args", {})


def decide(rows, cohort, municipality):
    """Each row with ``outcome`` (invite, enrol or refused) and, when refused, ``reason``: a few queries for the
    whole list (accounts, enrolments and invitations are read in chunks by address)."""
    decided = ("outcome", "reason", "reason_args")
    rows = [{key: value for key, value in row.items() if key not in decided} for row in rows]
    emails = set()
    for row in rows:
        row["email"] = row.get("email", "").strip().lower()
        if row["email"]:
            emails.add(row["email"])
    accounts, enrolled, invited = {}, set(), set()
    email_list = sorted(emails)
    for start in range(0, len(email_list), 1000):
        chunk = email_list[start : start + 1000]
        for user in User.objects.filter(email__in=chunk).select_related("municipality"):
            accounts[user.email] = user
        invited.update(
            Invitation.objects.filter(cohort=cohort, email__in=chunk, cancelled_at__isnull=True).values_list(
                "email", flat=True
            )
        )
    account_ids = [user.pk for user in accounts.values()]
    for start in range(0, len(account_ids), 1000):
        enrolled.update(
            Enrolment.objects.filter(
                course_id=cohort.course_id, user_id__in=account_ids[start : start + 1000]
            ).values_list("user_id", flat=True)
        )
    names = {municipality.code, municipality.name.lower()}
    seen = {}
    needs_prerequisites = any(prerequisite.live for prerequisite in cohort.course.prerequisites.all())
    for row in rows:
        row["outcome"], row["reason"] = REFUSED, refusal(row, seen, names)
        if row["reason"] is None:
            row["outcome"] = INVITE
            user = accounts.get(row["email"])
            if row["email"] in invited and (user is None or user.pk not in enrolled):
                row["reason"], row["outcome"] = "invited", REFUSED
            elif user is not None:
                row["outcome"], row["reason"] = account_outcome(user, municipality, enrolled, row)
                if (
                    row["outcome"] == ENROL
                    and needs_prerequisites
                    and any(not p.met for p in prerequisites_of(cohort.course, user))
                ):
                    row["outcome"], row["reason"] = REFUSED, "prerequisites"
        seen.setdefault(row["email"], row["line"])
    return rows


def refusal(row, seen, municipality_names):
    values = [row.get(column, "") for column in COLUMNS]
    if any(value.startswith(FORMULA_STARTS) for value in values if value):
        return "formula"
    if any(
        unicodedata.category(character) in ("Cc", "Cf", "Cs", "Co", "Cn") for value in values for character in value
    ):
        return "unprintable"
    if not row["email"]:
        return "no_email"
    try:
        validate_email(row["email"])
    except ValidationError:
        return "bad_email"
    if not row.get("first_name"):
        return "no_name"
    if any(len(value) > MAX_LENGTH for value in values):
        return "too_long"
    if row["email"] in seen:
        row["reason_args"] = {"line": seen[row["email"]]}
        return "duplicate"
    given = row.get("municipality", "").strip().lower()
    if given and given not in municipality_names:
        row["reason_args"] = {"name": row["municipality"]}
        return "other_municipality"
    return None


def account_outcome(user, municipality, enrolled, row):
    if not user.is_active or user.erased_at:
        return REFUSED, "inactive"
    if user.municipality_id is None:
        return REFUSED, "no_municipality"
    if user.municipality_id != municipality.pk:
        row["reason_args"] = {"name": user.municipality.name}
        return REFUSED, "other_municipality"
    if user.pk in enrolled:
        return REFUSED, "enrolled"
    if not user.email_confirmed_at:
        return REFUSED, "unconfirmed"
    return ENROL, None


def create_preview(parsed, *, cohort, municipality, user, source):
    """Keep the rows read from an upload, decided, for the person who uploaded them to confirm."""
    rows = decide(parsed.rows, cohort, municipality)
    return BulkImport.objects.create(
        cohort=cohort,
        municipality=municipality,
        created_by=user,
        source=source[:200],
        notes=[str(note) for note in parsed.notes],
        rows=rows,
    )


def counts(rows):
    result = {INVITE: 0, ENROL: 0, REFUSED: 0}
    for row in rows:
        result[row["outcome"]] += 1
    return result


def needs_background(bulk_import):
    found = counts(bulk_import.rows)
    return found[INVITE] + found[ENROL] > BACKGROUND_FROM


# Applying ---------------------------------------------------------------------------------------------------------


class AlreadyApplied(Exception):
    """The list was applied (or is being applied) already: confirming twice applies it once."""


def start(bulk_import_id, *, queue):
    """Mark a previewed list as confirmed (once: a second confirmation raises ``AlreadyApplied``)."""
    status = BulkImport.Status.QUEUED if queue else BulkImport.Status.APPLYING
    changed = BulkImport.objects.filter(pk=bulk_import_id, status=BulkImport.Status.PREVIEW).update(
        status=status, confirmed_at=timezone.now()
    )
    if not changed:
        raise AlreadyApplied


def apply(bulk_import_id):
    """Apply a confirmed list, all or nothing: decide every row again against the database as it is now, then
    create the invitations and enrol the existing accounts in one transaction. A failure leaves nothing applied
    and the list marked failed. Returns the ``BulkImport``."""
    try:
        with transaction.atomic():
            bulk_import = (
                BulkImport.objects.select_for_update()
                .select_related("cohort__course", "municipality", "created_by")
                .get(pk=bulk_import_id)
            )
            if bulk_import.status not in (BulkImport.Status.QUEUED, BulkImport.Status.APPLYING):
                return bulk_import
            _apply_rows(bulk_import)
    except Exception:
        BulkImport.objects.filter(pk=bulk_import_id).update(
            status=BulkImport.Status.FAILED,
            error=_("Nothing was applied: an error stopped the list. Try again, or upload it again."),
        )
        raise
    return bulk_import


def _apply_rows(bulk_import):
    cohort, municipality = bulk_import.cohort, bulk_import.municipality
    rows = decide(bulk_import.rows, cohort, municipality)
    found = counts(rows)
    new = [row for row in rows if row["outcome"] == INVITE]
    cancelled = {
        invitation.email: invitation
        for invitation in Invitation.objects.filter(
            cohort=cohort, email__in=[row["email"] for row in new], cancelled_at__isnull=False
        )
    }
    created = []
    for row in new:
        values = {
            "municipality": municipality,
            "first_name": row.get("first_name", ""),
            "last_name": row.get("last_name", ""),
            "position": row.get("position", ""),
            "bulk_import": bulk_import,
            "invited_by": bulk_import.created_by,
        }
        again = cancelled.get(row["email"])
        if again is not None:  # a cancelled invitation, made again: a fresh key, so old links stay dead
            for name, value in values.items():
                setattr(again, name, value)
            again.cancelled_at = again.sent_at = None
            again.created_at = timezone.now()
            again.key = uuid.uuid4()
            again.save()
        else:
            created.append(Invitation(cohort=cohort, email=row["email"], **values))
    Invitation.objects.bulk_create(created, batch_size=500)
    enrol_all(User.objects.filter(email__in=[row["email"] for row in rows if row["outcome"] == ENROL]), cohort.course)
    bulk_import.rows = rows
    bulk_import.invited = found[INVITE]
    bulk_import.enrolled = found[ENROL]
    bulk_import.unchanged = found[REFUSED]
    bulk_import.status = BulkImport.Status.APPLIED
    bulk_import.applied_at = timezone.now()
    bulk_import.save()


def sweep():
    """Queue again what a lost task left: lists confirmed but not applied, and applied lists whose invitations did
    not all leave (every step is safe to run twice). Returns how many lists were queued."""
    from . import tasks

    stale = timezone.now() - STALE_AFTER
    waiting = list(
        BulkImport.objects.filter(
            status__in=(BulkImport.Status.QUEUED, BulkImport.Status.APPLYING), confirmed_at__lt=stale
        ).values_list("pk", flat=True)
    )
    unsent = list(
        BulkImport.objects.filter(
            status=BulkImport.Status.APPLIED,
            applied_at__lt=stale,
            invitations__sent_at__isnull=True,
            invitations__cancelled_at__isnull=True,
            invitations__accepted_at__isnull=True,
        )
        .distinct()
        .values_list("pk", flat=True)
    )
    for pk in waiting:
        enqueue_on_commit(tasks.apply_import, pk)
    for pk in unsent:
        enqueue_on_commit(tasks.send_import_invitations, pk)
    return len(waiting) + len(unsent)


def enrol_all(users, course):
    """Enrol many accounts (already checked: confirmed addresses, prerequisites met) at once: the records
    ``courses.services.enrol`` makes for each (progress counted from the completions they already hold), written in
    batches, with the reports' cells of the course recounted once (``enrolments_changed``) instead of once per
    person; anyone whose held completions already complete the course is completed as ``enrol`` would."""
    users = list(users)
    enrolled = set(Enrolment.objects.filter(course=course, user__in=users).values_list("user_id", flat=True))
    new = [Enrolment(user=user, course=course, course_title=course.title) for user in users if user.pk not in enrolled]
    if not new:
        return 0
    Enrolment.objects.bulk_create(new, batch_size=500)
    required = list(course_services.required_items(course).values_list("pk", flat=True))
    done = dict(
        Completion.objects.filter(user_id__in=[enrolment.user_id for enrolment in new], item_id__in=required)
        .values("user_id")
        .annotate(done=Count("pk"))
        .values_list("user_id", "done")
    )
    for enrolment in new:
        enrolment.items_required, enrolment.items_done = len(required), done.get(enrolment.user_id, 0)
        enrolment.progress_percent = progress_percent(enrolment.items_done, enrolment.items_required)
    Enrolment.objects.bulk_update(new, ["items_required", "items_done", "progress_percent"], batch_size=500)
    enrolments_changed.send(sender=Enrolment, course_id=course.pk, user_id=None)
    for enrolment in new:
        if enrolment.items_required and enrolment.items_done >= enrolment.items_required:
            course_services.complete_if_done(enrolment)
    return len(new)


def municipalities_for(access, cohort):
    """The municipalities this person may invite to ``cohort`` (a coordinator: their own)."""
    return list(Municipality.objects.filter(pk__in=access.municipality_ids(cohort)).order_by("name"))
