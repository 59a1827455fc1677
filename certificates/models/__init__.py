"""Certificate models: the templates certificates are printed from (authored content, edited in the admin) apart
from the certificates issued to learners, their verifiable credentials and the ZIP archives of a course's
certificates (records)."""

from .credentials import Credential, StatusList
from .records import Certificate, CertificateArchive
from .templates import CertificateTemplate, Orientation, Signatory

__all__ = [
    "Certificate",
    "CertificateArchive",
    "CertificateTemplate",
    "Credential",
    "Orientation",
    "Signatory",
    "StatusList",
]
