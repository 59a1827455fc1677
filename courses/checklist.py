"""What a course needs before its trainers submit it for review, checked on its structure (drafts included).

Shown in the course's editor (``courses.panels.CourseChecklistPanel``) and enforced by the course's form, which
refuses "Enviar a revisión" while a check fails, so a reviewer never receives a course that cannot be completed
or certified.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .progress import is_required
from .structure import course_structure


@dataclass(frozen=True)
class Check:
    label: str
    passed: bool
    detail: str = ""

    def as_dict(self):
        return {"check": self.label, "detail": self.detail}


def course_checklist(course, structure=None):
    """The course's checks, in the order a trainer meets them; ``structure`` if already loaded."""
    if structure is None:
        structure = course_structure(course) if course.pk else []
    modules = structure
    without_required = [module.page.title for module in modules if not module.required_items]
    last_items = modules[-1].items if modules else []
    final_quiz = any(item.is_quiz and is_required(item) for item in last_items)
    return [
        Check(
            _("The course has at least one module"),
            bool(modules),
            "" if modules else _("Add a module below the course."),
        ),
        Check(
            _("Every module has a required item"),
            bool(modules) and not without_required,
            ngettext(
                "Without a required item: %(modules)s.",
                "Without a required item: %(modules)s.",
                len(without_required),
            )
            % {"modules": ", ".join(without_required)}
            if without_required
            else "",
        ),
        Check(
            _("The final quiz exists"),
            final_quiz,
            "" if final_quiz else _("Add a required quiz to the last module."),
        ),
        Check(
            _("A certificate template is chosen"),
            course.certificate_template_id is not None,
            "" if course.certificate_template_id else _("Choose one under “How the course is taken”."),
        ),
    ]


def failed_checks(course):
    return [check for check in course_checklist(course) if not check.passed]
