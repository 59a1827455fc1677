"""Cohorts, each person's reminder preferences and the reminders recorded for them."""

import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeZone(models.TextChoices):
    """Chile's three time zones: the mainland, Magallanes (no daylight saving time) and Easter Island."""

    SANTIAGO = "America/Santiago", _("Continental Chile")
    PUNTA_ARENAS = "America/Punta_Arenas", _("Magallanes and Chilean Antarctica")
    EASTER_ISLAND = "Pacific/Easter", _("Easter Island")


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message (SMS)")
    NONE = "none", _("No reminders")


class Preferences(models.Model):
    """How and when a person hears from the platform. A person without a row has the defaults: reminders by
    email, in continental Chile's time, no announcements by email (those are opted into)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="reminder_preferences",
    )
    channel = models.CharField(
        _("reminders by"),
        max_length=5,
        choices=Channel.choices,
        default=Channel.EMAIL,
        help_text=_("Text messages need a mobile number."),
    )
    mobile = models.CharField(
        _("mobile number"),
        max_length=16,
        blank=True,
        help_text=_("With the country code, e.g. +56 9 6123 4567."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=32,
        choices=TimeZone.choices,
        default=TimeZone.SANTIAGO,
        help_text=_("Dates and the quiet hours follow it."),
    )
    announcements_by_email = models.BooleanField(
        _("announcements by email"),
        default=False,
        help_text=_("Also receive by email the announcements of your courses and cohorts."),
    )
    email_bounced_at = models.DateTimeField(
        _("email bounced at"),
        null=True,
        blank=True,
        help_text=_("Set when mail to the address came back: nothing more is emailed until the address changes."),
    )
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("reminder preferences")
        verbose_name_plural = _("reminder preferences")
        constraints = [
            models.CheckConstraint(
                condition=~Q(channel="sms") | ~Q(mobile=""), name="preferences_sms_needs_a_mobile_number"
            ),
        ]

    def __str__(self):
        return str(self.user)


def zone_of(name):
    """The ``ZoneInfo`` of a stored time zone name (continental Chile for anything unknown or empty)."""
    try:
        return zoneinfo.ZoneInfo(name or TimeZone.SANTIAGO)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(TimeZone.SANTIAGO)


class Cohort(models.Model):
    """A course offered to some municipalities between two dates ("convocatoria").

    The dates are days of the programme's calendar (``settings.TIME_ZONE``): the cohort opens at the start of
    ``opens_on`` and closes at the end of ``closes_on`` there; learners see that moment in their own time zone.
    """

    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. Co-diseño, Gran Concepción 2027."))
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="cohorts"
    )
    municipalities = models.ManyToManyField(
        "accounts.Municipality", verbose_name=_("municipalities"), related_name="cohorts"
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day to complete the course."))
    target_per_municipality = models.PositiveIntegerField(
        _("target per municipality"),
        null=True,
        blank=True,
        help_text=_("Optional: how many officials of each municipality should take part."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="cohort_closes_after_opening")
        ]
        indexes = [models.Index(fields=["course", "closes_on"], name="cohort_course_closing")]

    def __str__(self):
        return self.title

    @property
    def opens_at(self):
        return datetime.datetime.combine(self.opens_on, datetime.time.min, tzinfo=zone_of(settings.TIME_ZONE))

    @property
    def closes_at(self):
        """The last moment of the closing day, in the programme's calendar."""
        end = datetime.datetime.combine(self.closes_on, datetime.time.min, tzinfo=zone_of(settings.TIME_ZONE))
        return end + datetime.timedelta(days=1) - datetime.timedelta(microseconds=1)

    def days_left(self, today=None):
        """Days until the closing day (0 on the day itself), or None once it has passed."""
        today = today or timezone.localdate()
        days = (self.closes_on - today).days
        return days if days >= 0 else None

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    def enrolment_filter(self, municipality_ids=None, prefix=""):
        """Which enrolments belong to the cohort: in its course, of a person of one of its municipalities, enrolled
        by its closing day and not completed before it opened (a filter on ``Enrolment``, or with ``prefix`` on
        records that point to one). ``municipality_ids`` saves the query for them when the caller has them."""
        if municipality_ids is None:
            municipality_ids = list(self.municipalities.values_list("pk", flat=True))
        return Q(
            **{
                f"{prefix}course_id": self.course_id,
                f"{prefix}user__municipality_id__in": municipality_ids,
                f"{prefix}enrolled_at__lte": self.closes_at,
            }
        ) & (Q(**{f"{prefix}completed_at__isnull": True}) | Q(**{f"{prefix}completed_at__gte": self.opens_at}))


class Kind(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started a week after enrolling")
    STALLED = "stalled", _("No activity for two weeks")
    CLOSING = "closing", _("The cohort closes in a week")
    BY_COORDINATOR = "by_coordinator", _("Sent by their coordinator")
    CERTIFICATE = "certificate", _("Certificate ready and not downloaded")


class Reminder(models.Model):
    """One reminder to one person, recorded before it is sent.

    ``(user, kind, cohort, period)`` is unique, so running the evaluator twice (or on two schedulers) records it
    once, and ``(user, day)`` is unique, so a person gets at most one reminder a day (``day`` is the date in their
    time zone). It is marked sent before the message leaves (a crash in between loses a reminder rather than
    sending it twice).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("could not be sent")
        CANCELLED = "cancelled", _("cancelled")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="reminders"
    )
    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    period = models.CharField(
        _("period"), max_length=40, help_text=_("What the reminder is about, e.g. the day the person stalled.")
    )
    day = models.DateField(_("day"), help_text=_("The day it is sent, in the person's time zone."))
    channel = models.CharField(_("channel"), max_length=5, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    send_after = models.DateTimeField(_("send after"), default=timezone.now)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The coordinator who asked for it; empty for the automatic ones."),
    )
    #: The evaluator's run that recorded it: the rows one ``bulk_create`` actually inserted are read back by it.
    batch = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "cohort", "period"], name="reminder_once_per_key"),
            models.UniqueConstraint(fields=["user", "day"], name="reminder_one_per_person_and_day"),
        ]
        indexes = [models.Index(fields=["status", "send_after"], name="reminder_due")]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()} · {self.day}"


class BulkImport(models.Model):
    """A list of officials a coordinator or ministry staff brought to a cohort (a CSV or XLSX file, or pasted text).

    It is parsed once, when uploaded, and kept here with what each row would do, so the preview survives between
    requests without trusting anything the browser sends back: confirming names only this row, which belongs to the
    person who uploaded it and to its cohort. Applying it is one transaction (``cohorts.imports.apply``); the
    invitation emails then leave in the background, and ``sent`` counts them for the progress page.
    """

    class Status(models.TextChoices):
        PREVIEW = "preview", _("waiting for confirmation")
        QUEUED = "queued", _("queued")
        APPLYING = "applying", _("being applied")
        APPLIED = "applied", _("applied")
        FAILED = "failed", _("failed")

    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="imports")
    municipality = models.ForeignKey(
        "accounts.Municipality", verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    source = models.CharField(_("source"), max_length=200, help_text=_("The file's name, or “pasted list”."))
    notes = models.JSONField(_("notes"), default=list, help_text=_("What the reading noticed (e.g. the encoding)."))
    rows = models.JSONField(_("rows"), default=list, help_text=_("Each row as read, with its line number."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW)
    invited = models.PositiveIntegerField(_("invitations made"), default=0)
    enrolled = models.PositiveIntegerField(_("accounts enrolled"), default=0)
    unchanged = models.PositiveIntegerField(_("rows left out"), default=0)
    sent = models.PositiveIntegerField(_("invitations emailed"), default=0)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("list of officials")
        verbose_name_plural = _("lists of officials")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "confirmed_at"], name="bulk_import_by_status")]

    def __str__(self):
        return f"{self.cohort} · {self.source}"

    @property
    def is_done(self):
        return self.status in (self.Status.APPLIED, self.Status.FAILED) and self.sent >= self.invited


class Invitation(models.Model):
    """An invitation for one address to join a cohort: the signed link it is sent with creates the person's
    account, already a confirmed member of ``municipality`` and enrolled in the cohort's course.

    One per cohort and address (the database says so), which makes uploading the same list twice change nothing.
    ``key`` is part of the link: resending or cancelling changes it, so only the newest link works.
    """

    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="invitations")
    municipality = models.ForeignKey(
        "accounts.Municipality", verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("email address"))
    first_name = models.CharField(_("given names"), max_length=150)
    last_name = models.CharField(_("surnames"), max_length=150, blank=True)
    position = models.CharField(_("position or department"), max_length=150, blank=True)
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    bulk_import = models.ForeignKey(
        BulkImport, verbose_name=_("list"), null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "email"], name="invitation_once_per_cohort_and_address"),
        ]

    def __str__(self):
        return f"{self.email} · {self.cohort}"

    @property
    def is_pending(self):
        return self.accepted_at is None and self.cancelled_at is None

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()


#: Announcements are short: a title and a few lines of plain text.
ANNOUNCEMENT_TITLE_MAX = 120
ANNOUNCEMENT_BODY_MAX = 1000


class Announcement(models.Model):
    """A short message from a trainer, a coordinator or ministry staff to the people of a course or of a cohort.

    It is shown on their "Mi aprendizaje" and emailed to those who opted in (``Preferences.announcements_by_email``).
    ``course`` is always set (a cohort's announcement has its cohort's course), so a learner's announcements are one
    query over their enrolments. ``municipality`` narrows the audience: a coordinator's announcement to a cohort
    shared by several comunas reaches their own comuna's people only.
    """

    title = models.CharField(_("title"), max_length=ANNOUNCEMENT_TITLE_MAX)
    body = models.TextField(_("message"), max_length=ANNOUNCEMENT_BODY_MAX, help_text=_("Plain text."))
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="announcements"
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="announcements",
        help_text=_("Empty: everyone enrolled in the course."),
    )
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: every municipality of the course or cohort."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    emailed_at = models.DateTimeField(
        _("emailed at"), null=True, blank=True, help_text=_("When its emails were handed to the mail server.")
    )

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["course", "created_at"], name="announcement_course_created"),
            models.Index(fields=["emailed_at", "created_at"], name="announcement_to_email"),
        ]

    def __str__(self):
        return self.title


class AnnouncementEmail(models.Model):
    """The email of one announcement to one person: recorded before it is sent, unique per (announcement, person),
    so a task that runs twice sends once. Marked sent before the message leaves, as reminders are."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("could not be sent")
        CANCELLED = "cancelled", _("cancelled")

    announcement = models.ForeignKey(
        Announcement, verbose_name=_("announcement"), on_delete=models.CASCADE, related_name="emails"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("announcement email")
        verbose_name_plural = _("announcement emails")
        constraints = [
            models.UniqueConstraint(fields=["announcement", "user"], name="announcement_email_once_per_person")
        ]
        indexes = [models.Index(fields=["announcement", "status"], name="announcement_email_status")]

    def __str__(self):
        return f"{self.announcement} · {self.user}"
