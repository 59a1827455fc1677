"""Absolute addresses in credentials: the public address (``BASE_URL``), Spanish, as printed on the certificate."""

from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.pdf import base_url


def absolute(name, *args):
    with translation.override(settings.LANGUAGE_CODE):
        return urljoin(base_url(), reverse(name, args=args))
