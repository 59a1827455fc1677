"""Who may see which records in the reports, decided once per request and applied on the server to every query.

- Ministry staff (and superusers) see every municipality and every course.
- A municipal coordinator sees the officials of their own municipality, in any course.
- A trainer sees the learners of the courses they teach, and no one's name outside them.
- Anyone else (officials) sees no report at all.

Reports count enrolments of confirmed members of a municipality (the officials the programme trains,
``accounts.models.confirmed_member``): staff who try a course and people whose membership is pending or rejected are
left out, so figures per municipality and per course add up to the same totals. A coordinator reaches their
municipality only while their own membership of it stands confirmed (a change in their profile makes it pending).
"""

from dataclasses import dataclass
from enum import Enum

from django.core.exceptions import PermissionDenied

from accounts.models import Municipality, confirmed_member
from courses.models import CoursePage, Enrolment


def counted_enrolments():
    """The enrolments reports count: in a course that still exists, of a confirmed member of a municipality."""
    return Enrolment.objects.filter(confirmed_member("user__"), course__isnull=False)


class Reach(Enum):
    MINISTRY = "ministry"
    COORDINATOR = "coordinator"
    TRAINER = "trainer"


@dataclass(frozen=True)
class ReportScope:
    reach: Reach
    user: object

    @classmethod
    def of(cls, user):
        """The scope of ``user``, or ``PermissionDenied`` for someone who may see no report."""
        if not user.is_authenticated:
            raise PermissionDenied
        if user.is_superuser or user.has_perm("accounts.view_all_municipality_records"):
            return cls(Reach.MINISTRY, user)
        if user.has_confirmed_membership and user.has_perm("accounts.view_own_municipality_records"):
            return cls(Reach.COORDINATOR, user)
        if user.courses_as_trainer.exists():
            return cls(Reach.TRAINER, user)
        raise PermissionDenied

    @property
    def is_ministry(self):
        return self.reach is Reach.MINISTRY

    @property
    def sees_small_groups(self):
        """Only ministry staff see figures about fewer than five people outside their own records (marked)."""
        return self.is_ministry

    def enrolments(self):
        """Every enrolment this person may count: the base of every report query."""
        enrolments = counted_enrolments()
        if self.reach is Reach.COORDINATOR:
            return enrolments.filter(user__municipality_id=self.user.municipality_id)
        if self.reach is Reach.TRAINER:
            return enrolments.filter(course__trainers=self.user)
        return enrolments

    def summary_rows(self, rows):
        """Rows of a summary (per municipality and course) limited to the scope, as ``enrolments`` is."""
        if self.reach is Reach.COORDINATOR:
            return rows.filter(municipality_id=self.user.municipality_id)
        if self.reach is Reach.TRAINER:
            return rows.filter(course__trainers=self.user)
        return rows

    def courses(self):
        courses = CoursePage.objects.defer_streamfields().order_by("title")
        if self.reach is Reach.TRAINER:
            return courses.filter(trainers=self.user)
        return courses

    def municipalities(self):
        municipalities = Municipality.objects.order_by("name")
        if self.reach is Reach.COORDINATOR:
            return municipalities.filter(pk=self.user.municipality_id)
        return municipalities

    def may_see_municipality(self, municipality):
        """The municipality view lists names: ministry staff, or the coordinator of that municipality."""
        return self.is_ministry or (self.reach is Reach.COORDINATOR and municipality.pk == self.user.municipality_id)

    def may_see_course(self, course):
        if self.reach is Reach.TRAINER:
            return course.trainers.filter(pk=self.user.pk).exists()
        return True
