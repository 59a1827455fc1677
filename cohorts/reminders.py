"""Deciding, recording and sending reminders (the evaluator runs hourly on beat: ``cohorts.tasks``).

The rules, for the people of an open cohort (the first three for those who have not completed its course):

- *not started*: enrolled seven days ago or more and not started (once per enrolment);
- *stalled*: started, and no activity for fourteen days (once per stall: new activity starts a new period);
- *closing*: the cohort closes within a week (once per cohort);
- *certificate*: completed, and the certificate's PDF ready for three days and never downloaded by its holder (once
  per certificate; ``cohorts.certificate_reminders``).

Never (but the certificate's) to people who completed the course; never to people who chose no reminders, whose
email bounced (for email), whose account is inactive, or who are not confirmed members (the cohort counts only
those). Never in their quiet hours (21:00 to 9:00 in their time zone: the next run after 9:00 sends it), and at most
one a day per person.

The decision is the database's: for each open cohort one query (``due_enrolments``) returns, as plain values, only
the people to remind now and which rules of ``RULES`` are due for them (a new kind of reminder is a new ``Rule``).
People already reminded today are left out there, so a second run in the same day reads nothing.

Exactly once: each reminder is first *recorded* under two unique keys, (person, kind, cohort, period) and (person,
day); a second run, or a second scheduler, finds them taken and records nothing. Recorded reminders are then
claimed (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL), marked sent and only then sent: a crash between the two
loses one reminder instead of sending it twice. Queries per batch of people are constant (``BATCH_SIZE``).
"""

import datetime
import itertools
import logging
import operator
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce

from django.conf import settings
from django.core import mail, signing
from django.db import transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    Exists,
    ExpressionWrapper,
    Func,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat, TruncDate
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from . import certificate_reminders, sms
from .models import Channel, Cohort, Kind, Preferences, Reminder, zone_of
from .progress import cohort_enrolments

logger = logging.getLogger(__name__)

NOT_STARTED_AFTER = datetime.timedelta(days=7)
STALLED_AFTER = datetime.timedelta(days=14)
CLOSING_WITHIN_DAYS = 7
#: Local hours when nothing is sent: from 21:00 to 9:00.
QUIET_FROM, QUIET_UNTIL = 21, 9
BATCH_SIZE = 2000
UNSUBSCRIBE_SALT = "cohorts.unsubscribe"

DEFAULT_PREFERENCES = Preferences(channel=Channel.EMAIL, time_zone="America/Santiago")


def preferences_of(user):
    """The person's preferences (the defaults when they never saved any), from a ``select_related`` if there was
    one."""
    try:
        return user.reminder_preferences
    except Preferences.DoesNotExist:
        return DEFAULT_PREFERENCES


def local_now(user, now):
    return timezone.localtime(now, zone_of(preferences_of(user).time_zone))


def is_quiet(moment):
    return moment.hour >= QUIET_FROM or moment.hour < QUIET_UNTIL


def next_morning(moment):
    """The first moment outside the quiet hours from ``moment`` (a local time)."""
    if not is_quiet(moment):
        return moment
    day = moment.date() if moment.hour < QUIET_UNTIL else moment.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(QUIET_UNTIL), tzinfo=moment.tzinfo)


def channel_for(user):
    """How the person can be reached now, or None (opted out, bounced, inactive)."""
    preferences = preferences_of(user)
    if not user.is_active or user.erased_at:
        return None
    if preferences.channel == Channel.SMS and preferences.mobile:
        return Channel.SMS
    if preferences.channel == Channel.EMAIL and not preferences.email_bounced_at:
        return Channel.EMAIL
    return None


class IsoDay(Func):
    """A date as ``YYYY-MM-DD`` text (the periods' format), whatever the database's date style."""

    output_field = CharField()
    template = "CAST(%(expressions)s AS TEXT)"

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM-DD')", **extra_context)


@dataclass(frozen=True)
class Rule:
    """One kind of reminder the evaluator decides, as SQL on the enrolments of an open cohort: ``due`` (a condition,
    which says whether it is for people who completed or not) and ``period`` (the text that, with person, kind and
    cohort, names one reminder). A rule returns None from ``due`` where it cannot apply to the cohort today. A new
    kind is a new ``Rule`` in ``RULES``, where the order is the urgency (a person gets the first one due and not yet
    recorded).
    """

    kind: str
    due: Callable  # (cohort, now, today) -> Q | None
    period: Callable  # (cohort) -> expression on Enrolment


def closing_due(cohort, now, today):
    if 0 <= (cohort.closes_on - today).days <= CLOSING_WITHIN_DAYS:
        return Q(completed_at__isnull=True)
    return None


def not_started_due(cohort, now, today):
    return Q(completed_at__isnull=True, started_at__isnull=True, enrolled_at__lte=now - NOT_STARTED_AFTER)


def stalled_due(cohort, now, today):
    return Q(completed_at__isnull=True, started_at__isnull=False, last_activity_at__lte=now - STALLED_AFTER)


RULES = [
    # Once per cohort.
    Rule(Kind.CLOSING, closing_due, lambda cohort: Value(cohort.closes_on.isoformat(), output_field=CharField())),
    # Once per enrolment.
    Rule(Kind.NOT_STARTED, not_started_due, lambda cohort: Concat(Value("enrolment-"), Cast("pk", CharField()))),
    # Once per stall: the day of the last activity (in the programme's calendar) names it.
    Rule(
        Kind.STALLED,
        stalled_due,
        lambda cohort: IsoDay(TruncDate("last_activity_at", tzinfo=timezone.get_current_timezone())),
    ),
    # Once per certificate (for those who completed): its id names it.
    Rule(Kind.CERTIFICATE, certificate_reminders.due, certificate_reminders.period),
]


@dataclass
class Outcome:
    recorded: int = 0
    batches: int = 0
    people_seen: int = 0
    sent: int = 0
    cancelled: int = 0
    recorded_ids: list = field(default_factory=list)


@dataclass(frozen=True)
class Candidate:
    """A person the evaluator chose for a reminder, before it is recorded: plain values, no model instances."""

    user_id: int
    channel: str
    day: datetime.date
    kind: str
    period: str


def local_days(now):
    """Each stored time zone name (and the default) -> the person's local moment now: one query per run."""
    names = set(Preferences.objects.order_by().values_list("time_zone", flat=True).distinct())
    names.add(DEFAULT_PREFERENCES.time_zone)
    return {name: timezone.localtime(now, zone_of(name)) for name in names}


PREFERENCE = "user__reminder_preferences__"


def reachable_and_awake(moments):
    """People who can be reached now (``channel_for``: not opted out, no bounced address for email, a number for
    text messages) and are outside their quiet hours (``moments`` from ``local_days``), as a condition on
    enrolments. A person without preferences has the defaults: email, continental Chile."""
    zones = [name for name, moment in moments.items() if not is_quiet(moment)]
    fit = Q(time_zone__in=zones) & (
        Q(channel=Channel.EMAIL, email_bounced_at__isnull=True) | (Q(channel=Channel.SMS) & ~Q(mobile=""))
    )
    preferences = Preferences.objects.filter(user_id=OuterRef("user_id"))
    if DEFAULT_PREFERENCES.time_zone in zones:
        return ~Exists(preferences.exclude(fit))
    return Exists(preferences.filter(fit))


def channel_expression():
    """The channel of a reachable person: SMS for those who chose it (with a number), email otherwise."""
    return Case(
        When(Q(**{f"{PREFERENCE}channel": Channel.SMS}), then=Value(Channel.SMS)),
        default=Value(Channel.EMAIL),
        output_field=CharField(),
    )


def local_day(moments):
    """The date now in each person's time zone."""
    return Case(
        *(When(Q(**{f"{PREFERENCE}time_zone": name}), then=Value(moment.date())) for name, moment in moments.items()),
        default=Value(moments[DEFAULT_PREFERENCES.time_zone].date()),
        output_field=DateField(),
    )


def due_enrolments(cohort, ids, now, today, moments):
    """The enrolments of ``cohort`` someone should be reminded of now, as rows of plain values, and the kinds their
    columns are about: reachable (active, not opted out, not bounced), awake (outside quiet hours in their time
    zone), not reminded today and with at least one rule due whose reminder is not recorded yet. One query, where
    the database decides everything; None when no rule applies to the cohort today."""
    rules = [(rule, rule.due(cohort, now, today)) for rule in RULES]
    rules = [(rule, due) for rule, due in rules if due is not None]
    if not rules:
        return None, []
    enrolments = (
        cohort_enrolments(cohort, ids)
        .filter(Q(user__is_active=True, user__erased_at__isnull=True))
        .filter(reachable_and_awake(moments))
        .annotate(channel=channel_expression(), day=local_day(moments))
        .filter(~Exists(Reminder.objects.filter(user_id=OuterRef("user_id"), day=OuterRef("day"))))
        .annotate(**{f"period_{rule.kind}": rule.period(cohort) for rule, _due in rules})
    )
    dues = {}
    for rule, due in rules:
        taken = Reminder.objects.filter(
            user_id=OuterRef("user_id"), kind=rule.kind, cohort_id=cohort.pk, period=OuterRef(f"period_{rule.kind}")
        )
        dues[f"due_{rule.kind}"] = ExpressionWrapper(due & ~Exists(taken), BooleanField())
    enrolments = enrolments.annotate(**dues).filter(reduce(operator.or_, (Q(**{name: True}) for name in dues)))
    columns = ["user_id", "channel", "day"]
    for rule, _due in rules:
        columns += [f"due_{rule.kind}", f"period_{rule.kind}"]
    return enrolments.order_by().values_list(*columns), [rule.kind for rule, _due in rules]


def choose(rows, kinds):
    """The first rule due for each row of ``due_enrolments``, as candidates."""
    candidates = []
    for user_id, channel, day, *dues in rows:
        for index, kind in enumerate(kinds):
            if dues[2 * index]:
                candidates.append(Candidate(user_id, channel, day, kind, dues[2 * index + 1]))
                break
    return candidates


def evaluate(now=None, batch_size=BATCH_SIZE, send=True):
    """Record every reminder due now in the open cohorts, then send what is due. Safe to run twice at once."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    outcome = Outcome()
    cohorts = list(Cohort.objects.filter(opens_on__lte=today, closes_on__gte=today).prefetch_related("municipalities"))
    moments = local_days(now)
    token = uuid.uuid4()  # this run's rows: how many of them the unique keys let in is counted once at the end
    for cohort in cohorts:
        ids = [municipality.pk for municipality in cohort.municipalities.all()]
        enrolments, kinds = due_enrolments(cohort, ids, now, today, moments)
        if enrolments is None:
            continue
        rows = enrolments.iterator(chunk_size=batch_size)
        while batch := list(itertools.islice(rows, batch_size)):
            outcome.batches += 1
            outcome.people_seen += len(batch)
            record(cohort, choose(batch, kinds), now, token)
    if outcome.batches:
        outcome.recorded = Reminder.objects.filter(batch=token).count()
    if send:
        sent = send_due(now)
        outcome.sent, outcome.cancelled = sent.sent, sent.cancelled
    return outcome


def record(cohort, candidates, now, token):
    """Record the reminders of ``candidates`` (one query, whatever their number). Another run may have recorded
    some of them since they were chosen: the unique keys keep theirs and drop ours."""
    Reminder.objects.bulk_create(
        [
            Reminder(
                user_id=candidate.user_id,
                cohort_id=cohort.pk,
                kind=candidate.kind,
                period=candidate.period,
                day=candidate.day,
                channel=candidate.channel,
                send_after=now,
                created_at=now,
                batch=token,
            )
            for candidate in candidates
        ],
        ignore_conflicts=True,
    )


def remind_by_coordinator(coordinator, cohort, enrolments, now=None):
    """A coordinator's reminder to each of ``enrolments`` (people of ``cohort``), under the same rules: not to
    people who completed, opted out or bounced; at most one a day; in quiet hours it waits for the morning.
    Returns (recorded, refused) counts."""
    now = now or timezone.now()
    rows, refused = [], 0
    for enrolment in enrolments:
        user = enrolment.user
        channel = channel_for(user)
        if channel is None or enrolment.completed_at is not None:
            refused += 1
            continue
        send_after = next_morning(local_now(user, now))
        day = send_after.date()
        rows.append(
            Reminder(
                user=user,
                cohort=cohort,
                kind=Kind.BY_COORDINATOR,
                period=day.isoformat(),
                day=day,
                channel=channel,
                send_after=send_after,
                created_at=now,
                sent_by=coordinator,
            )
        )
    token = uuid.uuid4()
    for row in rows:
        row.batch = token
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    recorded = Reminder.objects.filter(batch=token).count()
    return recorded, refused + len(rows) - recorded


@dataclass
class Sent:
    sent: int = 0
    cancelled: int = 0


def send_due(now=None, batch_size=500):
    """Claim the recorded reminders whose time has come, mark them sent, and send them (batch by batch)."""
    from courses.models import Enrolment

    now = now or timezone.now()
    result = Sent()
    while True:
        with transaction.atomic():
            claimed = list(
                Reminder.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(status=Reminder.Status.PENDING, send_after__lte=now)
                .select_related("user__reminder_preferences", "cohort__course")
                .order_by("send_after", "pk")[:batch_size]
            )
            if not claimed:
                return result
            completed = set(
                Enrolment.objects.filter(
                    completed_at__isnull=False,
                    user_id__in={reminder.user_id for reminder in claimed},
                    course_id__in={reminder.cohort.course_id for reminder in claimed},
                ).values_list("user_id", "course_id")
            )
            certificates_due = certificate_reminders.still_due(claimed)
            to_send, cancelled = [], []
            for reminder in claimed:
                # Things may have changed since it was recorded (a coordinator's reminder waits for the morning).
                if reminder.kind == Kind.CERTIFICATE:
                    stale = reminder.pk not in certificates_due  # downloaded, revoked or replaced since
                else:
                    stale = (reminder.user_id, reminder.cohort.course_id) in completed
                if stale or channel_for(reminder.user) is None:
                    cancelled.append(reminder.pk)
                else:
                    to_send.append(reminder)
            Reminder.objects.filter(pk__in=cancelled).update(status=Reminder.Status.CANCELLED)
            Reminder.objects.filter(pk__in=[r.pk for r in to_send]).update(status=Reminder.Status.SENT, sent_at=now)
        result.cancelled += len(cancelled)
        failed = deliver(to_send)
        if failed:
            Reminder.objects.filter(pk__in=failed).update(status=Reminder.Status.FAILED, sent_at=None)
        result.sent += len(to_send) - len(failed)


def deliver(reminders):
    """Send the messages of ``reminders``; return the ids of those that could not be sent."""
    emails = [r for r in reminders if r.channel == Channel.EMAIL]
    texts = [r for r in reminders if r.channel == Channel.SMS]
    failed = []
    with translation.override(settings.LANGUAGE_CODE):
        if emails:
            try:
                connection = mail.get_connection()
                connection.send_messages([email_for(reminder) for reminder in emails])
            except Exception:  # noqa: BLE001 -- a mail server that fails marks the batch failed; the log says why
                logger.exception("Could not send %s reminder emails", len(emails))
                failed += [r.pk for r in emails]
        if texts:
            try:
                sms.get_backend().send_messages([text_for(reminder) for reminder in texts])
            except Exception:  # noqa: BLE001 -- as above
                logger.exception("Could not send %s reminder text messages", len(texts))
                failed += [r.pk for r in texts]
    return failed


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def user_id_of(token):
    """The person an unsubscribe token was made for, or None for anything else."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return value if isinstance(value, int) else None


def unsubscribe_url(user):
    return absolute(reverse("cohorts:unsubscribe", args=[unsubscribe_token(user)]))


def context_for(reminder):
    course = reminder.cohort.course
    return {
        "reminder": reminder,
        "person": reminder.user,
        "cohort": reminder.cohort,
        "course_title": course.title,
        "course_url": absolute(reverse("courses:resume", args=[course.pk])),
        "my_learning_url": absolute(reverse("courses:dashboard")),
        "closes_on": reminder.cohort.closes_on,
        "preferences_url": absolute(reverse("cohorts:preferences")),
        "unsubscribe_url": unsubscribe_url(reminder.user),
    }


def email_for(reminder):
    return unsubscribable_email("cohorts/email/reminder", context_for(reminder), reminder.user)


def unsubscribable_email(template, context, user):
    """The email of ``<template>_subject.txt`` and ``<template>.txt`` to ``user``, whose ``context`` holds their
    ``unsubscribe_url``: RFC 8058 lets a mail client unsubscribe with one POST to it, without opening a page."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    return mail.EmailMessage(
        subject,
        body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def text_for(reminder):
    context = context_for(reminder)
    body = " ".join(render_to_string("cohorts/sms/reminder.txt", context).split())
    return sms.TextMessage(to=preferences_of(reminder.user).mobile, body=body[:160])
