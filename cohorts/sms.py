"""Text messages behind a small backend interface, chosen with ``settings.SMS_BACKEND`` (a dotted path).

Here: ``ConsoleBackend`` (the default: writes each message to the log, as Django's console email backend does) and
``InMemoryBackend`` (keeps them in ``outbox``, for tests). A provider adapter is a class with the same
``send_messages`` method, e.g. for a provider with an HTTP API::

    class ProviderBackend(BaseBackend):
        def send_messages(self, messages):
            sent = 0
            for message in messages:
                response = requests.post(API_URL, auth=(ACCOUNT, TOKEN), data={"To": message.to, "Body": message.body},
                                         timeout=5)
                sent += response.ok
            return sent

Numbers are E.164 (``cohorts.phones.to_e164``); bodies are kept under 160 characters by the callers.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TextMessage:
    to: str
    body: str


class BaseBackend:
    def send_messages(self, messages):
        """Send every message; return how many were accepted."""
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    def send_messages(self, messages):
        for message in messages:
            logger.info("SMS to %s: %s", message.to, message.body)
        return len(messages)


class InMemoryBackend(BaseBackend):
    outbox = []

    def send_messages(self, messages):
        InMemoryBackend.outbox.extend(messages)
        return len(messages)


def get_backend():
    return import_string(getattr(settings, "SMS_BACKEND", "cohorts.sms.ConsoleBackend"))()
