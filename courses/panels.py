"""Panels of the course's editor: its outline with each page's status, and the checklist before submission."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class CourseStructurePanel(Panel):
    """Reads the course's structure once for the panel's template (nothing to show before the course exists)."""

    class BoundPanel(Panel.BoundPanel):
        def get_context_data(self, parent_context=None):
            from .structure import course_structure  # the page models import these panels

            context = super().get_context_data(parent_context)
            course = self.instance
            context["course"] = course
            context["structure"] = course_structure(course) if course.pk else None
            return context


class CourseOutlinePanel(CourseStructurePanel):
    """Modules → lessons and quizzes in the order learners take them, with status and required flag, each linked
    to its editor."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Course outline"))
        super().__init__(**kwargs)

    class BoundPanel(CourseStructurePanel.BoundPanel):
        template_name = "courses/admin/outline_panel.html"


class CourseChecklistPanel(CourseStructurePanel):
    """The checks "Enviar a revisión" requires (``courses.checklist``), passed or not."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Before submitting for review"))
        super().__init__(**kwargs)

    class BoundPanel(CourseStructurePanel.BoundPanel):
        template_name = "courses/admin/checklist_panel.html"

        def get_context_data(self, parent_context=None):
            from .checklist import course_checklist

            context = super().get_context_data(parent_context)
            if context["structure"] is not None:
                context["checks"] = course_checklist(self.instance, context["structure"])
            return context
