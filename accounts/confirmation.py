"""Confirming an email address: a signed link, valid for three days, that the person can ask to be sent again.

The link carries the account and the address it was sent to, signed with the site's secret key and a timestamp
(``django.core.signing``): nothing is stored, a link for an address the account no longer has is refused, and one
used twice just says the address is already confirmed.
"""

import logging
import smtplib
from datetime import timedelta

from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import User

logger = logging.getLogger(__name__)

SALT = "accounts.email-confirmation"
VALID_FOR = timedelta(days=3)
#: A new link is sent at most once a minute, so a double click (or a script) does not flood the person's inbox.
RESEND_AFTER = timedelta(minutes=1)


class InvalidLink(Exception):
    """The link was altered, or was made for an address the account no longer has."""


class ExpiredLink(Exception):
    """The link is older than ``VALID_FOR``."""


def make_token(user):
    return signing.dumps({"user": user.pk, "email": user.email}, salt=SALT, compress=True)


def user_for_token(token):
    """The account ``token`` confirms, or ``InvalidLink`` / ``ExpiredLink``."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=VALID_FOR)
    except signing.SignatureExpired as expired:
        raise ExpiredLink from expired
    except (signing.BadSignature, ValueError, UnicodeError) as bad:
        raise InvalidLink from bad
    if not isinstance(payload, dict):
        raise InvalidLink
    user = User.objects.filter(pk=payload.get("user"), email=payload.get("email"), is_active=True).first()
    if user is None:
        raise InvalidLink
    return user


def may_resend(user):
    return user.confirmation_sent_at is None or timezone.now() - user.confirmation_sent_at >= RESEND_AFTER


def send_confirmation(request, user):
    """Email ``user`` a fresh confirmation link. Returns False (and logs why) if the mail could not be sent: the
    account stays as it is and the person can ask again."""
    link = request.build_absolute_uri(reverse("accounts:confirm_email", args=[make_token(user)]))
    context = {"user": user, "link": link, "days": VALID_FOR.days}
    subject = render_to_string("accounts/email/confirm_email_subject.txt", context).strip()
    body = render_to_string("accounts/email/confirm_email.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except (OSError, smtplib.SMTPException):
        logger.warning("Could not send the email confirmation to account %s", user.pk, exc_info=True)
        return False
    user.confirmation_sent_at = timezone.now()
    user.save(update_fields=["confirmation_sent_at"])
    return True
