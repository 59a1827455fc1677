"""The audit trail of certificates: every issue, revocation and re-issue, with who did it and when.

Entries are Wagtail log entries on the certificate (like ``accounts.audit``'s entries about people), so they
appear in the admin's site history report and on the certificate's page in the admin. Issues made by the
system (a worker) have no user.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

from accounts.audit import unwrap

ISSUED = "cocrea.certificate_issued"
REVOKED = "cocrea.certificate_revoked"
REISSUED = "cocrea.certificate_reissued"


def record(certificate, action, *, by=None, **data):
    return log(certificate, action, user=unwrap(by) if by is not None else None, data=data)


class IssuedFormatter(LogFormatter):
    label = _("Issue certificate")

    def format_message(self, log_entry):
        return format_lazy(_("Certificate {code} issued."), code=log_entry.data.get("code", ""))


class RevokedFormatter(LogFormatter):
    label = _("Revoke certificate")

    def format_message(self, log_entry):
        return format_lazy(
            _("Certificate {code} revoked. Reason: {reason}"),
            code=log_entry.data.get("code", ""),
            reason=log_entry.data.get("reason", ""),
        )


class ReissuedFormatter(LogFormatter):
    label = _("Re-issue certificate")

    def format_message(self, log_entry):
        return format_lazy(
            _("Certificate {code} replaced by {replacement}."),
            code=log_entry.data.get("code", ""),
            replacement=log_entry.data.get("replacement", ""),
        )


FORMATTERS = {ISSUED: IssuedFormatter, REVOKED: RevokedFormatter, REISSUED: ReissuedFormatter}
