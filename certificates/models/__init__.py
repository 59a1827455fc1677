"""Certificate models: the templates certificates are printed from (authored content, edited in the admin) apart
from the certificates issued to learners and the ZIP archives of a course's certificates (records)."""

from .records import Certificate, CertificateArchive
from .templates import CertificateTemplate, Orientation, Signatory

__all__ = ["Certificate", "CertificateArchive", "CertificateTemplate", "Orientation", "Signatory"]
