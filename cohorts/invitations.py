"""Invitations to a cohort: the signed link, the email that carries it, and what following it does.

The link carries the invitation and its ``key``, signed with the site's secret and a timestamp
(``django.core.signing``, valid for ``VALID_FOR``): nothing secret is stored, an altered link is refused, an old one
says it expired, and resending or cancelling changes the key so that only the newest link works. Following it creates
the account already confirmed (the address received the link) as a member of the invitation's municipality (the
coordinator or ministry staff who invited vouches for it) and enrolled in the cohort's course, all at once.
"""

import logging
import smtplib
import uuid
from datetime import timedelta

from django.core import mail, signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts import audit
from accounts.models import Membership, User
from accounts.roles import OFFICIAL
from courses import services as course_services

from .models import BulkImport, Invitation
from .reminders import absolute

logger = logging.getLogger(__name__)

SALT = "cohorts.invitation"
VALID_FOR = timedelta(days=14)
#: Emails sent per round of the background sender, between two updates of the progress page's count.
CHUNK = 100
#: An invitation is sent again at most once a minute, so a double click does not send two links (the first dead).
RESEND_AFTER = timedelta(minutes=1)
#: Pending invitations listed on the cohort's page (the count says how many there are in all).
SHOWN = 100


class InvalidLink(Exception):
    """Altered, cancelled, or replaced by a newer link."""


class ExpiredLink(Exception):
    """Older than ``VALID_FOR``."""


class UsedLink(Exception):
    """The invitation was accepted already; ``invitation`` says by which account."""

    def __init__(self, invitation):
        super().__init__()
        self.invitation = invitation


def make_token(invitation):
    return signing.dumps({"i": invitation.pk, "k": invitation.key.hex}, salt=SALT, compress=True)


def invitation_for_token(token):
    """The pending invitation ``token`` opens, or ``InvalidLink`` / ``ExpiredLink`` / ``UsedLink``."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=VALID_FOR)
    except signing.SignatureExpired as expired:
        raise ExpiredLink from expired
    except (signing.BadSignature, ValueError, UnicodeError, TypeError) as bad:
        raise InvalidLink from bad
    if not isinstance(payload, dict) or not isinstance(payload.get("i"), int) or not isinstance(payload.get("k"), str):
        raise InvalidLink
    invitation = Invitation.objects.select_related("cohort__course", "municipality").filter(pk=payload["i"]).first()
    if invitation is None or invitation.key.hex != payload["k"] or invitation.cancelled_at:
        raise InvalidLink
    if invitation.accepted_at:
        raise UsedLink(invitation)
    return invitation


def link_for(invitation):
    return absolute(reverse("cohorts:accept_invitation", args=[make_token(invitation)]))


def email_for(invitation):
    context = {
        "invitation": invitation,
        "cohort": invitation.cohort,
        "course_title": invitation.cohort.course.title,
        "link": link_for(invitation),
        "days": VALID_FOR.days,
        "inviter": invitation.invited_by,
    }
    subject = render_to_string("cohorts/email/invitation_subject.txt", context).strip()
    body = render_to_string("cohorts/email/invitation.txt", context)
    return mail.EmailMessage(subject, body, to=[invitation.email])


def send(invitations):
    """Email each pending, unsent invitation; marks each sent once its message left. Returns how many left."""
    messages, sent = [], []
    for invitation in invitations:
        if invitation.is_pending:
            messages.append(email_for(invitation))
            sent.append(invitation.pk)
    if not messages:
        return 0
    try:
        with mail.get_connection() as connection:
            connection.send_messages(messages)
    except (OSError, smtplib.SMTPException):
        logger.warning("Could not send %s invitations", len(messages), exc_info=True)
        return 0
    Invitation.objects.filter(pk__in=sent).update(sent_at=timezone.now())
    return len(sent)


def send_for_import(bulk_import_id):
    """Send the invitations a list made that have not left yet, a chunk at a time, counting them for the progress
    page. Safe to run twice: only unsent invitations are sent."""
    while True:
        with transaction.atomic():
            # Locked while sent: a second sender (the sweep's, a retry) skips these rows instead of sending them again.
            chunk = list(
                Invitation.objects.filter(
                    bulk_import_id=bulk_import_id,
                    sent_at__isnull=True,
                    cancelled_at__isnull=True,
                    accepted_at__isnull=True,
                )
                .select_related("cohort__course", "municipality", "invited_by")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("pk")[:CHUNK]
            )
            if not chunk or not send(chunk):
                break
        sent = Invitation.objects.filter(bulk_import_id=bulk_import_id, sent_at__isnull=False).count()
        BulkImport.objects.filter(pk=bulk_import_id).update(sent=sent)
    pending = Invitation.objects.filter(bulk_import_id=bulk_import_id, cancelled_at__isnull=True).count()
    BulkImport.objects.filter(pk=bulk_import_id).update(
        sent=Invitation.objects.filter(bulk_import_id=bulk_import_id, sent_at__isnull=False).count(),
        invited=pending,
    )


def may_resend(invitation):
    return invitation.sent_at is None or timezone.now() - invitation.sent_at >= RESEND_AFTER


def resend(invitation):
    """A fresh link (the old one stops working) by email again."""
    invitation.key = uuid.uuid4()
    invitation.sent_at = None
    invitation.save(update_fields=["key", "sent_at"])
    return send([invitation])


def cancel(invitation):
    """The link stops working; the address may be invited again later."""
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        cancelled_at=timezone.now(), key=uuid.uuid4()
    )


def pending(cohort, municipality_ids):
    return (
        Invitation.objects.filter(
            cohort=cohort, municipality_id__in=municipality_ids, accepted_at__isnull=True, cancelled_at__isnull=True
        )
        .select_related("municipality")
        .order_by("last_name", "first_name", "email")
    )


class AccountExists(Exception):
    """An account with the invitation's address exists (made since it was sent): the person signs in instead."""


def accept(invitation, *, first_name, last_name, position, password):
    """Create the invited person's account: confirmed address, confirmed member of the invitation's municipality,
    an official, enrolled in the cohort's course (unless the course asks for prerequisites they lack, which the
    course page then shows). All or nothing; the invitation is used once (locked and checked again)."""
    now = timezone.now()
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
        if locked is None or locked.key != invitation.key or locked.cancelled_at:
            raise InvalidLink
        if locked.accepted_at:
            raise UsedLink(locked)
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise AccountExists
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=invitation.email,
                    password=password,
                    first_name=first_name,
                    last_name=last_name,
                    position=position,
                    municipality=invitation.municipality,
                    email_confirmed_at=now,
                    membership=Membership.CONFIRMED,
                    membership_requested_at=now,
                    privacy_accepted_at=now,
                )
        except IntegrityError as taken:
            raise AccountExists from taken
        user.groups.add(OFFICIAL.group())
        audit.log_about(user, audit.EMAIL_CONFIRMED, by=user)
        audit.log_about(
            user,
            audit.MEMBERSHIP_CONFIRMED,
            by=invitation.invited_by,
            data={"municipality": invitation.municipality.name, "invitation": invitation.pk},
        )
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=now, user=user)
        try:
            with transaction.atomic():
                course_services.enrol(user, invitation.cohort.course)
        except course_services.PrerequisitesMissing:
            pass
    return user
