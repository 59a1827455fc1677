"""The toolkit's models: taxonomies (snippets), pages, learner records and generated PDFs."""

from .documents import ComponentDeck, MethodCard
from .pages import MethodChannel, MethodComponent, MethodPage, MethodPageForm, ToolkitIndexPage, ToolkitIntent
from .records import MethodUse
from .taxonomy import Outcome, ParticipantType

__all__ = [
    "ComponentDeck",
    "MethodCard",
    "MethodChannel",
    "MethodComponent",
    "MethodPage",
    "MethodPageForm",
    "MethodUse",
    "Outcome",
    "ParticipantType",
    "ToolkitIndexPage",
    "ToolkitIntent",
]
