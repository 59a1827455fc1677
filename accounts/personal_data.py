"""Personal data (Ley 19.628): what the platform holds about a person, as a download, and its erasure.

**Export.** Every app that keeps records about a person contributes a section to the download through a function
listed in ``settings.PERSONAL_DATA_EXPORTERS``. An exporter takes the user and returns a mapping of section names
to JSON-serialisable data (dates and decimals are fine), e.g. ``{"enrolments": [...]}``; section names are unique
across exporters.

**Erasure.** ``erase_personal_data`` anonymises the person instead of deleting the account: their names, email
address and position are replaced, the password made unusable and the account deactivated, while the learner
records attached to the account stay, so aggregate figures (completions per municipality and course) keep adding
up. The municipality is kept for the same reason. ``accounts.signals.personal_data_erased`` lets other apps act
(certificates are revoked with "holder removed") in the same transaction.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_otp import devices_for_user
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from core.files import delete_on_commit

from . import audit
from .signals import personal_data_erased

ERASED_EMAIL_DOMAIN = "erased.invalid"  # RFC 2606: can never receive mail


def exporters():
    return [import_string(path) for path in settings.PERSONAL_DATA_EXPORTERS]


def export_personal_data(user):
    """The person's data as one JSON-serialisable document, a section per exporter."""
    document = {"generated_at": timezone.now(), "account_id": user.pk}
    for exporter in exporters():
        for section, data in exporter(user).items():
            if section in document:
                raise ImproperlyConfigured(f"Two personal data exporters both produce the section {section!r}.")
            document[section] = data
    return document


def export_profile(user):
    """The accounts app's section: the profile, roles and whether two-factor authentication is on."""
    municipality = user.municipality
    return {
        "profile": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "municipality": {"code": municipality.code, "name": municipality.name} if municipality else None,
            "position": user.position,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "privacy_accepted_at": user.privacy_accepted_at,
            "email_confirmed_at": user.email_confirmed_at,
            "membership": user.membership,
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "two_factor_devices": [device.name for device in devices_for_user(user, confirmed=True)],
        }
    }


@transaction.atomic
def erase_personal_data(user, *, erased_by=None):
    """Anonymise ``user`` for good, keeping their learner records for anonymous figures.

    Also removed: two-factor devices, the admin profile (avatar, preferences) and failed sign-in records, which
    hold the email address and client addresses. Audit log entries about the person keep their meaning but lose
    the name. Everything happens in one transaction, receivers of ``personal_data_erased`` included.
    """
    user, erased_by = audit.unwrap(user), audit.unwrap(erased_by)
    email = user.email
    user.first_name = ""
    user.last_name = ""
    user.email = f"removed-{user.pk}@{ERASED_EMAIL_DOMAIN}"
    user.position = ""
    user.privacy_accepted_at = None
    user.last_login = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.erased_at = timezone.now()
    user.set_unusable_password()  # also ends every open session: their hash no longer matches
    user.save()
    user.groups.clear()
    user.user_permissions.clear()

    for device in devices_for_user(user, confirmed=None):
        device.delete()
    _remove_admin_profile(user)
    AccessAttempt.objects.filter(username=email).delete()
    ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)).update(
        label=str(user)
    )

    audit.log_about(user, audit.PERSONAL_DATA_ERASED, by=erased_by)
    personal_data_erased.send(sender=type(user), user=user, erased_by=erased_by)
    return user


def _remove_admin_profile(user):
    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        return
    if profile.avatar:
        delete_on_commit(profile.avatar.storage, profile.avatar.name)
    profile.delete()
