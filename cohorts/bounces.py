"""Addresses whose mail came back ("bounced"): marked on the person's preferences (``Preferences.email_bounced_at``),
after which no reminder or announcement is emailed to them (the evaluator and the announcement emails read it when
they decide and again just before sending).

Two ways in: ``manage.py mark_bounced`` (an operator, with addresses from the mail server's reports), and a webhook
for the mail provider, ``POST /recordatorios/rebotes/``, whose JSON body (``{"emails": ["…"]}``) is signed with
``settings.BOUNCE_WEBHOOK_SECRET`` (``X-Cocrea-Signature: sha256=<HMAC-SHA256 of the body, hex>``). Marking is
idempotent: the first bounce's time is kept.
"""

import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from .models import Preferences

SIGNATURE_HEADER = "X-Cocrea-Signature"
#: Addresses one webhook call or one command may mark.
MOST_AT_ONCE = 1000


def normalised(emails):
    """The valid addresses among ``emails``, lower-cased, without repeats; and the invalid ones as given."""
    valid, invalid = [], []
    for email in emails:
        text = str(email).strip().lower() if isinstance(email, str) else ""
        try:
            validate_email(text)
        except ValidationError:
            invalid.append(str(email)[:100])
            continue
        if text not in valid:
            valid.append(text)
    return valid, invalid


def people_with(emails):
    return get_user_model().objects.annotate(lower_email=Lower("email")).filter(lower_email__in=emails)


@transaction.atomic
def mark(emails, now=None):
    """Mark every account with one of ``emails`` (any case) as bounced; returns how many were newly marked."""
    now = now or timezone.now()
    user_ids = list(people_with(emails).values_list("pk", flat=True))
    Preferences.objects.bulk_create(
        [Preferences(user_id=user_id) for user_id in user_ids], ignore_conflicts=True, batch_size=500
    )
    return Preferences.objects.filter(user_id__in=user_ids, email_bounced_at__isnull=True).update(email_bounced_at=now)


def clear(emails):
    """The addresses work again (e.g. a full mailbox was emptied): returns how many marks were removed."""
    user_ids = people_with(emails).values("pk")
    return Preferences.objects.filter(user_id__in=user_ids, email_bounced_at__isnull=False).update(
        email_bounced_at=None
    )


def signature(body, secret=None):
    secret = settings.BOUNCE_WEBHOOK_SECRET if secret is None else secret
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def is_signed(body, given):
    """Whether ``given`` (the header's value) is the signature of ``body`` with the configured secret."""
    return bool(settings.BOUNCE_WEBHOOK_SECRET) and hmac.compare_digest(signature(body), given or "")
