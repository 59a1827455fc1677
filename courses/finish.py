"""What the page a completed course leads to shows: the certificate (ready, being prepared or revoked), how to
share it, and what to do next (the toolkit's methods the course taught, a related course).

Built for one learner's completed enrolment in a fixed number of queries: the certificate, and the methods the
course's lessons embed (Wagtail's reference index, then the methods). The course's structure comes from the kept
outline (``CourseOutline.load``); the related course is the dashboard's suggestion (``views.suggested_courses``).
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.models import Page, ReferenceIndex

from certificates.models import Certificate
from certificates.rendering import verification_address
from toolkits.models import MethodPage

from .models import Enrolment

#: How many of the course's methods the page suggests applying.
METHODS_SHOWN = 6


@dataclass
class Sharing:
    """Ways to share a certificate's public verification address without any third-party script."""

    address: str
    text: str

    @property
    def email(self):
        return "mailto:?" + urlencode({"subject": self.text, "body": f"{self.text}\n{self.address}"}, quote_via=quote)

    @property
    def whatsapp(self):
        return "https://wa.me/?" + urlencode({"text": f"{self.text} {self.address}"}, quote_via=quote)

    @property
    def linkedin(self):
        return "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": self.address}, quote_via=quote)


@dataclass
class CourseFinish:
    enrolment: Enrolment
    certificate: Certificate | None
    methods: list

    @classmethod
    def load(cls, enrolment, outline):
        certificate = Certificate.objects.filter(enrolment=enrolment).order_by("-issued_at").first()
        return cls(enrolment, certificate, methods_taught([item.page.pk for item in outline.items]))

    @property
    def state(self):
        """``ready`` (a valid certificate with its PDF), ``preparing`` (issued in the background, or its PDF not
        made yet) or ``revoked``."""
        if self.certificate is None or (self.certificate.is_current and not self.certificate.is_ready):
            return "preparing"
        return "ready" if self.certificate.is_current else "revoked"

    @property
    def sharing(self):
        if self.state != "ready":
            return None
        text = _("I completed the course “%(course)s” on Cocrea. Verify my certificate:") % {
            "course": self.certificate.course_title
        }
        return Sharing(verification_address(self.certificate.code), text)


def methods_taught(lesson_ids):
    """The published methods whose cards the given lessons embed, by title (at most ``METHODS_SHOWN``)."""
    if not lesson_ids:
        return []
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.objects.filter(
        base_content_type=page_type, object_id__in=[str(pk) for pk in lesson_ids], to_content_type=page_type
    ).values_list("to_object_id", flat=True)
    ids = {int(pk) for pk in references if pk.isdigit()}
    return list(MethodPage.objects.live().public().filter(pk__in=ids).order_by("title")[:METHODS_SHOWN])
