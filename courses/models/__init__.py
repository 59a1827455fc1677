"""Course models: authored pages and topics (content) apart from enrolments and completions (learner records)."""

from .pages import CourseIndexPage, CourseItem, CoursePage, LessonPage, Level, ModulePage
from .records import Completion, Enrolment
from .teams import CourseTeam
from .topics import Topic

__all__ = [
    "Completion",
    "CourseIndexPage",
    "CourseItem",
    "CoursePage",
    "CourseTeam",
    "Enrolment",
    "LessonPage",
    "Level",
    "ModulePage",
    "Topic",
]
