"""Who may write a course: its own editing group and its own collection of images and documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseTeam(models.Model):
    """The Wagtail group whose members (the course's trainers) may edit the course and its pages, and the
    collection where they upload the course's images and documents. Kept in step by
    ``courses.authoring.sync_course_team``; no one edits it by hand."""

    course = models.OneToOneField(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="team"
    )
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("editing group"), on_delete=models.CASCADE, related_name="course_team"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name=_("collection"), on_delete=models.CASCADE, related_name="course_team"
    )

    class Meta:
        verbose_name = _("course team")
        verbose_name_plural = _("course teams")

    def __str__(self):
        return self.group.name
