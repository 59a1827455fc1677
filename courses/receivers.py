"""Reactions to changes in the page tree.

A course's *published structure* changes when a module or item is published, unpublished, moved or deleted;
then every enrolment of the course is recomputed in the background. Publishing a course page syncs its team and
has a worker make the catalogue card's sizes of its cover picture.
"""

from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.background import enqueue_on_commit

from .authoring import sync_course_team
from .models import CourseItem, CoursePage, CourseTeam, ModulePage
from .tasks import prepare_card_images, recompute_course_progress


def course_path(page_class, page, parent=None):
    """The path of the course that ``page`` (a module or item) sits in, or would sit in under ``parent``."""
    levels_up = 1 if issubclass(page_class, ModulePage) else 2
    if parent is not None:
        return parent.path[: (parent.depth + 1 - levels_up) * Page.steplen]
    return page.path[: (page.depth - levels_up) * Page.steplen]


def in_a_course(page_class):
    return issubclass(page_class, ModulePage | CourseItem)


def schedule_for_paths(paths):
    for course_id in CoursePage.objects.filter(path__in=paths).values_list("pk", flat=True):
        enqueue_on_commit(recompute_course_progress, course_id, once_per_transaction=True)


def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, CoursePage):
        sync_course_team(instance)
        enqueue_on_commit(prepare_card_images, instance.pk)
    elif in_a_course(sender):
        schedule_for_paths([course_path(sender, instance)])


def on_page_unpublished(sender, instance, **kwargs):
    if in_a_course(sender):
        schedule_for_paths([course_path(sender, instance)])


def on_page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    # ``instance`` is a plain Page here; ``sender`` is its specific class.
    if in_a_course(sender):
        schedule_for_paths(
            {course_path(sender, instance, parent_page_before), course_path(sender, instance, parent_page_after)}
        )


def on_page_deleted(sender, instance, **kwargs):
    if in_a_course(sender) and instance.live:
        schedule_for_paths([course_path(sender, instance)])


def on_team_deleted(sender, instance, **kwargs):
    """A deleted course takes its editing group with it (the group's page permissions went with the page)."""
    Group.objects.filter(pk=instance.group_id).delete()


def connect():
    page_published.connect(on_page_published, dispatch_uid="courses.page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="courses.page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="courses.post_page_move")
    pre_delete.connect(on_page_deleted, dispatch_uid="courses.page_deleted")
    post_delete.connect(on_team_deleted, sender=CourseTeam, dispatch_uid="courses.team_deleted")
